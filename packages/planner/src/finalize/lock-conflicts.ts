import type { DraftStep, LockMode } from '../types.js';
import { LOCK_MODES } from '../types.js';

/**
 * PostgreSQL's table-level lock conflict matrix (docs: "Explicit Locking", table "Conflicting
 * Lock Modes"): for each mode, the modes it conflicts with. Symmetric.
 */
export const LOCK_CONFLICTS: Readonly<Record<LockMode, readonly LockMode[]>> = {
  'ACCESS SHARE': ['ACCESS EXCLUSIVE'],
  'ROW SHARE': ['EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'ROW EXCLUSIVE': ['SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'SHARE UPDATE EXCLUSIVE': ['SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  SHARE: ['ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'SHARE ROW EXCLUSIVE': ['ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  EXCLUSIVE: ['ROW SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'ACCESS EXCLUSIVE': LOCK_MODES,
};

/** Whether two sessions cannot hold these modes on one table at the same time. */
export function conflicts(a: LockMode, b: LockMode): boolean {
  return LOCK_CONFLICTS[a].includes(b);
}

/** Whether the mode makes a plain SELECT (ACCESS SHARE) wait. */
export function blocksReads(mode: LockMode): boolean {
  return conflicts(mode, 'ACCESS SHARE');
}

/** Whether the mode makes INSERT / UPDATE / DELETE (ROW EXCLUSIVE) wait. */
export function blocksWrites(mode: LockMode): boolean {
  return conflicts(mode, 'ROW EXCLUSIVE');
}

/**
 * Estimated maximum (seconds) above which holding a write-blocking lock is a long lock: the
 * "more than a few seconds under ACCESS EXCLUSIVE or SHARE" of PG-LOCKS section 6.
 */
export const LONG_LOCK_SECONDS = 5;

/** Every table the step locks or is about, distinct, in claim order. */
export function lockedTables(step: Pick<DraftStep, 'table' | 'locks'>): string[] {
  const tables = step.locks.map((claim) => claim.table);
  if (step.table !== null) tables.push(step.table);
  return [...new Set(tables)];
}
