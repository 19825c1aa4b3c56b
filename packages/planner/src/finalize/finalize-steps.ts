import type { DraftStep, Estimate, ResolvedPlanOptions, RetryPolicy, ServerFacts, Step } from '../types.js';
import { estimateStep } from './estimate.js';
import { blocksWrites } from './lock-conflicts.js';
import { stepRisk } from './risk.js';

/** Backoff between attempts of a step that hit lock_timeout: doubling from 500 ms, at most 10 s, with jitter. */
export const RETRY_DELAYS = { initialDelayMs: 500, maxDelayMs: 10_000 } as const;
/** statement_timeout: this many times the estimate's maximum, never under the floor. */
export const STATEMENT_TIMEOUT = { factor: 3, minimumMs: 60_000 } as const;

/** Drafts made into plan steps: estimate, risk and hazards, window, timeouts and retry policy. */
export function finalizeSteps(drafts: readonly DraftStep[], facts: ServerFacts, options: ResolvedPlanOptions): Step[] {
  const lowTraffic = new Set<string>();
  return drafts.map((draft) => {
    const estimate = estimateStep(draft, facts);
    const { risk, hazards } = stepRisk(draft, estimate, facts);
    const lockTimeoutMs = lockTimeoutFor(draft, options);
    // A step that must wait for a low-traffic step waits for the window too.
    const window = draft.dependsOn.some((id) => lowTraffic.has(id)) ? 'low-traffic' : windowFor(draft, estimate, options);
    if (window === 'low-traffic') lowTraffic.add(draft.id);
    return {
      ...draft,
      estimate,
      risk,
      hazards,
      window,
      lockTimeoutMs,
      statementTimeoutMs: statementTimeoutFor(draft, estimate, lockTimeoutMs),
      retry: lockTimeoutMs === null ? null : retryPolicy(options),
    };
  });
}

/** Constraint validations, backfills and anything estimated past the threshold wait for low traffic. */
export function windowFor(step: DraftStep, estimate: Estimate, options: ResolvedPlanOptions): Step['window'] {
  const lowTraffic = step.kind === 'validate-constraint' || step.work === 'backfill' || estimate.maxSeconds > options.lowTrafficThresholdSeconds;
  return lowTraffic ? 'low-traffic' : 'now';
}

/**
 * lock_timeout for every transactional step that takes a table lock, and for each backfill batch:
 * a queued lock request blocks every later conflicting one, so no step may queue unbounded.
 * Non-transactional CONCURRENTLY steps get one only if they take a lock that blocks writes:
 * in CREATE INDEX CONCURRENTLY lock_timeout also cuts the waits for older transactions, failing
 * the build halfway and leaving an INVALID index, while its SHARE UPDATE EXCLUSIVE lets DML pass.
 */
export function lockTimeoutFor(step: DraftStep, options: ResolvedPlanOptions): number | null {
  // ALTER INDEX ... RENAME locks the index (ACCESS EXCLUSIVE on PG 11): bounded like a table lock.
  if (step.kind === 'rename-index') return options.lockTimeoutMs;
  if (step.locks.length === 0) return null;
  if (step.transactional || step.work === 'backfill') return options.lockTimeoutMs;
  return step.locks.some((claim) => blocksWrites(claim.mode)) ? options.lockTimeoutMs : null;
}

/**
 * statement_timeout: max(60 s, 3 x the estimate's maximum) rounded up to the second, plus the
 * lock_timeout so that waiting for the lock does not eat the budget. 0 (none) for backfills, whose
 * batches are short statements of their own, and for non-transactional steps (CONCURRENTLY
 * forms), which a cancel leaves half done (an INVALID index, a pending detach).
 */
export function statementTimeoutFor(step: DraftStep, estimate: Estimate, lockTimeoutMs: number | null): number {
  if (step.work === 'backfill' || !step.transactional) return 0;
  const workMs = Math.max(STATEMENT_TIMEOUT.minimumMs, Math.ceil(STATEMENT_TIMEOUT.factor * estimate.maxSeconds) * 1000);
  return workMs + (lockTimeoutMs ?? 0);
}

/** Bounded retries with exponential backoff and jitter, for steps with a lock_timeout. */
export function retryPolicy(options: ResolvedPlanOptions): RetryPolicy {
  return { attempts: Math.max(1, options.lockRetries), ...RETRY_DELAYS, jitter: true };
}
