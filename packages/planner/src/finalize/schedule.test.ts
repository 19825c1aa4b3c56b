import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { Step } from '../types.js';
import { PHASES } from '../types.js';
import { lockedTables } from './lock-conflicts.js';
import { buildSchedule, planTotals } from './schedule.js';
import { lock, step } from './test-fixtures.js';

const on = (id: string, table: string, more: Partial<Step> = {}) => step({ id, table, locks: [lock(table, 'ACCESS EXCLUSIVE')], ...more });
const orders = (steps: Step[]) => buildSchedule(steps).map((e) => e.steps);

test('independent steps on different tables share an order; the same table never does', () => {
  expect(orders([on('a', 'public.a'), on('b', 'public.b'), on('a2', 'public.a')])).toEqual([['a', 'b'], ['a2']]);
});

test('phases run in order, whatever the step order', () => {
  const schedule = buildSchedule([on('c', 'public.c', { phase: 'contract' }), on('e', 'public.e'), on('v', 'public.v', { phase: 'validate' })]);
  expect(schedule.map((e) => [e.order, e.phase, e.steps])).toEqual([
    [1, 'expand', ['e']],
    [2, 'validate', ['v']],
    [3, 'contract', ['c']],
  ]);
});

test('dependencies come first; the order is otherwise the plan order', () => {
  expect(orders([on('a', 'public.a', { dependsOn: ['b'] }), on('b', 'public.b'), on('c', 'public.c')])).toEqual([['b', 'c'], ['a']]);
});

test('windows never mix in an entry', () => {
  const schedule = buildSchedule([on('a', 'public.a'), on('b', 'public.b', { window: 'low-traffic' }), on('c', 'public.c')]);
  expect(schedule.map((e) => [e.window, e.steps])).toEqual([
    ['now', ['a', 'c']],
    ['low-traffic', ['b']],
  ]);
});

test('concurrent index builds run one at a time, even on different tables', () => {
  const cic = (id: string, table: string) => step({ id, table, kind: 'create-index-concurrently', work: 'index-build', transactional: false, locks: [lock(table, 'SHARE UPDATE EXCLUSIVE')] });
  expect(orders([cic('i1', 'public.a'), cic('i2', 'public.b'), on('x', 'public.c')])).toEqual([['i1', 'x'], ['i2']]);
});

test('an entry takes the longest of its parallel steps; totals sum entries per window', () => {
  const est = (minSeconds: number, maxSeconds: number) => ({ estimate: { minSeconds, maxSeconds, basis: 'b' } });
  const schedule = buildSchedule([on('a', 'public.a', est(1, 10)), on('b', 'public.b', est(2, 5)), on('c', 'public.a', est(0.1, 0.2)), on('d', 'public.d', { ...est(100, 1000), window: 'low-traffic' })]);
  expect(schedule[0]!.estimate).toEqual({ minSeconds: 2, maxSeconds: 10, basis: '2 steps in parallel: the longest of them' });
  expect(schedule[1]!.estimate.basis).toBe('b');
  expect(planTotals(schedule)).toEqual({
    now: { minSeconds: 2.1, maxSeconds: 10.2, basis: 'sum of 2 schedule entries in the now window' },
    lowTraffic: { minSeconds: 100, maxSeconds: 1000, basis: 'sum of 1 schedule entry in the low-traffic window' },
  });
  expect(planTotals([]).lowTraffic).toEqual({ minSeconds: 0, maxSeconds: 0, basis: 'no steps in the low-traffic window' });
});

test('unknown, later-phase and circular dependencies are planner bugs and throw', () => {
  expect(() => buildSchedule([on('a', 'public.a', { dependsOn: ['zz'] })])).toThrow(/not in the plan/);
  expect(() => buildSchedule([on('a', 'public.a', { dependsOn: ['b'] }), on('b', 'public.b', { phase: 'contract' })])).toThrow(/later phase/);
  expect(() => buildSchedule([on('a', 'public.a', { dependsOn: ['b'] }), on('b', 'public.b', { dependsOn: ['a'] })])).toThrow(/circular/);
});

/** Random plans: steps on a few tables, any phase and window, depending on earlier steps of the same or an earlier phase. */
const plans = fc
  .array(
    fc.record({
      phase: fc.constantFrom(...PHASES),
      tables: fc.uniqueArray(fc.constantFrom('public.a', 'public.b', 'public.c', 'public.d'), { maxLength: 2 }),
      lowTraffic: fc.boolean(),
      concurrentBuild: fc.boolean(),
      deps: fc.array(fc.nat(30), { maxLength: 3 }),
    }),
    { maxLength: 25 },
  )
  .map((specs) => {
    const sorted = [...specs].sort((x, y) => PHASES.indexOf(x.phase) - PHASES.indexOf(y.phase));
    return sorted.map((s, i) =>
      step({
        id: `s${i}`,
        phase: s.phase,
        table: s.tables[0] ?? null,
        locks: s.tables.map((t) => lock(t, s.concurrentBuild ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE')),
        work: s.concurrentBuild ? 'index-build' : 'catalog',
        transactional: !s.concurrentBuild,
        window: s.lowTraffic ? 'low-traffic' : 'now',
        dependsOn: [...new Set(s.deps.filter((d) => d < i).map((d) => `s${d}`))],
      }),
    );
  });

test('property: every step once; no shared table, mixed window or two concurrent builds in an entry; dependencies earlier', () => {
  fc.assert(
    fc.property(plans, (steps) => {
      const schedule = buildSchedule(steps);
      const byId = new Map(steps.map((s) => [s.id, s]));
      const orderOf = new Map(schedule.flatMap((e) => e.steps.map((id) => [id, e.order] as const)));
      expect([...orderOf.keys()].sort()).toEqual(steps.map((s) => s.id).sort());
      schedule.forEach((entry, i) => {
        expect(entry.order).toBe(i + 1);
        const members = entry.steps.map((id) => byId.get(id)!);
        const tables = members.flatMap((s) => lockedTables(s));
        expect(new Set(tables).size).toBe(tables.length);
        expect(members.every((s) => s.window === entry.window && s.phase === entry.phase)).toBe(true);
        expect(members.filter((s) => s.work === 'index-build').length).toBeLessThanOrEqual(1);
        for (const s of members) for (const dep of s.dependsOn) expect(orderOf.get(dep)!).toBeLessThan(entry.order);
      });
      const phases = schedule.map((e) => PHASES.indexOf(e.phase));
      expect(phases).toEqual([...phases].sort((x, y) => x - y));
    }),
  );
});
