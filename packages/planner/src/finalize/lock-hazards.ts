import type { DraftStep, Estimate, HazardNote, LockMode } from '../types.js';
import { formatSeconds } from './format.js';
import { blocksReads, blocksWrites, LONG_LOCK_SECONDS } from './lock-conflicts.js';

/**
 * The hazards that follow from the step's locks and estimate: blocks-reads (ACCESS EXCLUSIVE;
 * it blocks writes too), blocks-writes (SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE) and long-lock (a
 * write-blocking lock held for longer than LONG_LOCK_SECONDS at the estimate's maximum).
 * Hazards the draft already carries are not repeated.
 */
export function lockHazards(step: DraftStep, estimate: Estimate): HazardNote[] {
  const notes: HazardNote[] = [];
  const has = (hazard: HazardNote['hazard']) => step.hazards.some((note) => note.hazard === hazard) || notes.some((note) => note.hazard === hazard);
  const readBlocked = step.locks.filter((claim) => blocksReads(claim.mode));
  const writeBlocked = step.locks.filter((claim) => blocksWrites(claim.mode) && !blocksReads(claim.mode));
  if (readBlocked.length > 0 && !has('blocks-reads')) {
    notes.push({ hazard: 'blocks-reads', message: `${describe(readBlocked)}: reads and writes wait while the step holds the lock or queues for it (queueing is bounded by lock_timeout)` });
  }
  if (writeBlocked.length > 0 && !has('blocks-writes')) {
    notes.push({ hazard: 'blocks-writes', message: `${describe(writeBlocked)}: writes wait while the step holds the lock or queues for it (queueing is bounded by lock_timeout)` });
  }
  const blocking = [...readBlocked, ...writeBlocked];
  if (blocking.length > 0 && estimate.maxSeconds > LONG_LOCK_SECONDS && !has('long-lock')) {
    notes.push({
      hazard: 'long-lock',
      message: `${describe(blocking)} may be held for up to ${formatSeconds(estimate.maxSeconds)} (more than ${LONG_LOCK_SECONDS} s): traffic on the table stalls that long`,
    });
  }
  return notes;
}

/** `takes ACCESS EXCLUSIVE on public.a, public.b` (grouped by mode, strongest first). */
function describe(claims: readonly { readonly table: string; readonly mode: LockMode }[]): string {
  const modes = [...new Set(claims.map((claim) => claim.mode))];
  const parts = modes.map((mode) => `${mode} on ${claims.filter((claim) => claim.mode === mode).map((claim) => claim.table).join(', ')}`);
  return `takes ${parts.join(' and ')}`;
}
