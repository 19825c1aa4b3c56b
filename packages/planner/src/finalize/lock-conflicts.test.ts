import { expect, test } from 'vitest';
import { LOCK_MODES } from '../types.js';
import { blocksReads, blocksWrites, conflicts, LOCK_CONFLICTS, lockedTables } from './lock-conflicts.js';
import { lock } from './test-fixtures.js';

// The PostgreSQL docs' table, row by row in LOCK_MODES order (X = conflicts), typed in separately
// from LOCK_CONFLICTS so that a slip in one shows up against the other.
const DOCS_TABLE = [
  '       X', // ACCESS SHARE
  '      XX', // ROW SHARE
  '    XXXX', // ROW EXCLUSIVE
  '   XXXXX', // SHARE UPDATE EXCLUSIVE
  '  XX XXX', // SHARE
  '  XXXXXX', // SHARE ROW EXCLUSIVE
  ' XXXXXXX', // EXCLUSIVE
  'XXXXXXXX', // ACCESS EXCLUSIVE
];

test('LOCK_CONFLICTS is the documented matrix', () => {
  LOCK_MODES.forEach((a, i) => LOCK_MODES.forEach((b, j) => expect(conflicts(a, b), `${a} / ${b}`).toBe(DOCS_TABLE[i]![j] === 'X')));
});

test('the matrix is symmetric and covers every mode', () => {
  expect(Object.keys(LOCK_CONFLICTS).sort()).toEqual([...LOCK_MODES].sort());
  for (const a of LOCK_MODES) for (const b of LOCK_MODES) expect(conflicts(a, b)).toBe(conflicts(b, a));
});

test('only ACCESS EXCLUSIVE blocks reads; SHARE and up block writes', () => {
  expect(LOCK_MODES.filter(blocksReads)).toEqual(['ACCESS EXCLUSIVE']);
  expect(LOCK_MODES.filter(blocksWrites)).toEqual(['SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE']);
});

test('lockedTables: the claims and the step table, once each', () => {
  expect(lockedTables({ table: 'public.a', locks: [lock('public.a', 'SHARE'), lock('public.b', 'ROW SHARE')] })).toEqual(['public.a', 'public.b']);
  expect(lockedTables({ table: 'public.c', locks: [] })).toEqual(['public.c']);
  expect(lockedTables({ table: null, locks: [] })).toEqual([]);
});
