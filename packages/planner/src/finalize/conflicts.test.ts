import { expect, test } from 'vitest';
import { findConflicts } from './conflicts.js';
import { lock, step } from './test-fixtures.js';

const a = step({ id: 'a', locks: [lock('public.t', 'ACCESS EXCLUSIVE')] });
const b = step({ id: 'b', kind: 'validate-constraint', locks: [lock('public.t', 'SHARE UPDATE EXCLUSIVE'), lock('public.p', 'ROW SHARE')] });

test('unordered steps of one phase locking a table in conflicting modes contend', () => {
  expect(findConflicts([a, b])).toEqual([
    {
      kind: 'same-table',
      table: 'public.t',
      steps: ['a', 'b'],
      message: 'a (ACCESS EXCLUSIVE), b (SHARE UPDATE EXCLUSIVE) lock public.t in conflicting modes and nothing orders them; they run one after another, never in parallel',
    },
  ]);
});

test('a dependency path, even an indirect one, or different phases order the steps: no contention', () => {
  const middle = step({ id: 'm', table: null, dependsOn: ['a'] });
  expect(findConflicts([a, { ...b, dependsOn: ['a'] }])).toEqual([]);
  expect(findConflicts([a, middle, { ...b, dependsOn: ['m'] }])).toEqual([]);
  expect(findConflicts([a, { ...b, phase: 'validate' }])).toEqual([]);
});

test('modes that coexist do not contend', () => {
  const reader = step({ id: 'r', locks: [lock('public.t', 'ACCESS SHARE')] });
  const writer = step({ id: 'w', locks: [lock('public.t', 'ROW EXCLUSIVE')] });
  const share = step({ id: 's', locks: [lock('public.t', 'SHARE')] });
  expect(findConflicts([reader, writer])).toEqual([]);
  expect(findConflicts([reader, { ...share, id: 's1' }, { ...share, id: 's2' }])).toEqual([]);
  expect(findConflicts([writer, share])[0]!.steps).toEqual(['w', 's']);
});

test('only the steps in a conflicting pair are listed, once each', () => {
  const c = step({ id: 'c', locks: [lock('public.t', 'SHARE UPDATE EXCLUSIVE')] });
  const reader = step({ id: 'r', locks: [lock('public.t', 'ROW SHARE')] });
  const [conflict] = findConflicts([b, c, reader]);
  expect(conflict!.steps).toEqual(['b', 'c']);
});

test('a write-blocking lock held past 5 s at the maximum is a long lock', () => {
  const long = step({ id: 'x', estimate: { minSeconds: 1, maxSeconds: 10, basis: '' }, locks: [lock('public.t', 'SHARE'), lock('public.u', 'ACCESS SHARE')] });
  expect(findConflicts([long])).toEqual([
    { kind: 'long-lock', table: 'public.t', steps: ['x'], message: 'x may hold SHARE on public.t for up to 10 s (over 5 s): traffic that needs the table waits that long' },
  ]);
  expect(findConflicts([{ ...long, estimate: { minSeconds: 1, maxSeconds: 5, basis: '' } }])).toEqual([]);
  expect(findConflicts([{ ...long, locks: [lock('public.t', 'SHARE UPDATE EXCLUSIVE')] }])).toEqual([]);
});

test('a long lock is reported on the step table when it is among the blocked ones, else on the first', () => {
  const estimate = { minSeconds: 1, maxSeconds: 600, basis: '' };
  const parentFirst = step({ id: 'x', table: 'public.child', estimate, locks: [lock('public.parent', 'ACCESS EXCLUSIVE'), lock('public.child', 'ACCESS EXCLUSIVE')] });
  expect(findConflicts([parentFirst])[0]!.table).toBe('public.child');
  expect(findConflicts([{ ...parentFirst, table: null }])[0]!.table).toBe('public.parent');
});
