import type { Step } from '@wesley/planner';
import { backoffMs, sleep } from './backoff.js';

/** lock_not_available (lock_timeout) and deadlock_detected: worth another attempt after a pause. */
const RETRYABLE = new Set(['55P03', '40P01']);

export interface RetryNotice {
  /** The attempt about to be made (2 for the first retry). */
  readonly attempt: number;
  readonly attempts: number;
  readonly delayMs: number;
  readonly reason: string;
}

/** Runs `attempt` with the step's retry policy (jittered backoff) on lock timeouts and deadlocks. */
export async function withRetries(step: Step, attempt: () => Promise<void>, onRetry?: (notice: RetryNotice) => void): Promise<void> {
  const policy = step.retry ?? { attempts: 1, initialDelayMs: 0, maxDelayMs: 0 };
  for (let n = 0; ; n++) {
    try {
      await attempt();
      return;
    } catch (error) {
      const code = String((error as { code?: unknown } | null)?.code);
      if (!RETRYABLE.has(code) || n + 1 >= policy.attempts) throw error;
      const delayMs = backoffMs(n, policy.initialDelayMs, policy.maxDelayMs);
      onRetry?.({ attempt: n + 2, attempts: policy.attempts, delayMs, reason: (error as Error).message });
      await sleep(delayMs);
    }
  }
}
