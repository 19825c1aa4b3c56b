// The worked example of docs/risk-scoring.md, end to end: if this test changes, update the doc.
import { expect, test } from 'vitest';
import type { ServerFacts } from '../types.js';
import { DEFAULT_PLAN_OPTIONS } from '../types.js';
import { findConflicts } from './conflicts.js';
import { finalizeSteps } from './finalize-steps.js';
import { planRisk } from './risk.js';
import { buildSchedule, planTotals } from './schedule.js';
import { draft, GIB, lock } from './test-fixtures.js';

const facts: ServerFacts = {
  serverVersionNum: 160004,
  tables: { 'public.orders': { bytes: 8 * GIB, rows: 64_000_000 }, 'public.customers': { bytes: GIB, rows: 10_000_000 } },
};
const O = 'public.orders';
const C = 'public.customers';
const drafts = [
  draft({ id: '01-add-column', table: O, locks: [lock(O, 'ACCESS EXCLUSIVE')] }),
  draft({ id: '02-add-column', table: C, locks: [lock(C, 'ACCESS EXCLUSIVE')] }),
  draft({
    id: '03-create-index-concurrently', kind: 'create-index-concurrently', table: O, work: 'index-build', transactional: false,
    locks: [lock(O, 'SHARE UPDATE EXCLUSIVE')], hazards: [{ hazard: 'can-fail', message: 'a failed build leaves an INVALID index' }], dependsOn: ['01-add-column'],
  }),
  draft({ id: '04-add-foreign-key', kind: 'add-foreign-key', table: O, locks: [lock(O, 'SHARE ROW EXCLUSIVE'), lock(C, 'SHARE ROW EXCLUSIVE')], dependsOn: ['02-add-column', '03-create-index-concurrently'] }),
  draft({ id: '05-alter-column-type', kind: 'alter-column-type', table: O, work: 'rewrite', locks: [lock(O, 'ACCESS EXCLUSIVE')], requiresUnsafe: true, dependsOn: ['04-add-foreign-key'] }),
  draft({ id: '06-backfill-column', phase: 'backfill', kind: 'backfill-column', table: O, work: 'backfill', locks: [lock(O, 'ROW EXCLUSIVE')], dependsOn: ['05-alter-column-type'] }),
  draft({
    id: '07-validate-constraint', phase: 'validate', kind: 'validate-constraint', table: O, work: 'scan', constraintType: 'foreign-key',
    locks: [lock(O, 'SHARE UPDATE EXCLUSIVE'), lock(C, 'ROW SHARE')], dependsOn: ['06-backfill-column'],
  }),
];

test('the worked example of docs/risk-scoring.md', () => {
  const steps = finalizeSteps(drafts, facts, DEFAULT_PLAN_OPTIONS);
  const row = (id: string) => steps.find((s) => s.id === id)!;
  const figures = steps.map((s) => [s.id, s.estimate.minSeconds, s.estimate.maxSeconds, s.risk, s.hazards.map((h) => h.hazard).join(' '), s.window, s.lockTimeoutMs, s.statementTimeoutMs]);
  expect(figures).toEqual([
    ['01-add-column', 0.001, 0.05, 10, 'blocks-reads', 'now', 3000, 63_000],
    ['02-add-column', 0.001, 0.05, 10, 'blocks-reads', 'now', 3000, 63_000],
    ['03-create-index-concurrently', 44, 1352, 25, 'can-fail', 'low-traffic', null, 0],
    ['04-add-foreign-key', 0.001, 0.05, 10, 'blocks-writes', 'low-traffic', 3000, 63_000],
    ['05-alter-column-type', 280, 2800, 70, 'blocks-reads long-lock', 'low-traffic', 3000, 8_403_000],
    ['06-backfill-column', 2000, 20_000, 10, '', 'low-traffic', 3000, 0],
    ['07-validate-constraint', 16, 160, 14, '', 'low-traffic', 3000, 483_000],
  ]);
  expect(row('05-alter-column-type').estimate.basis).toBe('8 GB heap x 35-350 s/GB (rewrite)');
  expect(row('06-backfill-column').estimate.basis).toBe('64,000,000 rows at 32,000-3,200 rows/s (backfill)');

  expect(planRisk(steps)).toEqual({ riskScore: 72, riskLevel: 'HIGH' });

  const schedule = buildSchedule(steps);
  expect(schedule.map((e) => [e.order, e.phase, e.window, e.steps.join(' + ')])).toEqual([
    [1, 'expand', 'now', '01-add-column + 02-add-column'],
    [2, 'expand', 'low-traffic', '03-create-index-concurrently'],
    [3, 'expand', 'low-traffic', '04-add-foreign-key'],
    [4, 'expand', 'low-traffic', '05-alter-column-type'],
    [5, 'backfill', 'low-traffic', '06-backfill-column'],
    [6, 'validate', 'low-traffic', '07-validate-constraint'],
  ]);
  const totals = planTotals(schedule);
  expect([totals.now.minSeconds, totals.now.maxSeconds, totals.lowTraffic.minSeconds, totals.lowTraffic.maxSeconds]).toEqual([0.001, 0.05, 2340.001, 24_312.05]);

  expect(findConflicts(steps).map((c) => [c.kind, c.table, c.steps.join()])).toEqual([['long-lock', O, '05-alter-column-type']]);
});
