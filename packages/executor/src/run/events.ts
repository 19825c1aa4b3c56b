// What the executor reports while it runs: one object per event. `wesley migrate execute --json`
// prints them as NDJSON (docs/executor.md); a terminal gets a progress bar made from them.
import type { WesleyErrorData } from '@wesley/ir';

export type ExecutorEvent =
  | { readonly type: 'migration-start'; readonly migration: string; readonly name: string; readonly steps: number; readonly resumed: boolean }
  | { readonly type: 'waiting-for-session'; readonly migration: string; readonly pid: number | null; readonly query: string | null; readonly waitedMs: number }
  | { readonly type: 'replanned'; readonly migration: string; readonly reason: string }
  | { readonly type: 'migration-skip'; readonly migration: string; readonly reason: string }
  | { readonly type: 'step-start'; readonly migration: string; readonly stepId: string; readonly kind: string; readonly summary: string; readonly index: number; readonly total: number; readonly resumedBatches: number }
  | { readonly type: 'step-skip'; readonly migration: string; readonly stepId: string; readonly reason: string }
  | { readonly type: 'step-retry'; readonly migration: string; readonly stepId: string; readonly attempt: number; readonly attempts: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'invalid-index-dropped'; readonly migration: string; readonly stepId: string; readonly index: string }
  | {
      readonly type: 'batch'; readonly migration: string; readonly stepId: string; readonly batch: number;
      readonly rowsDone: number; readonly rowsTotal: number | null; readonly rowsPerSecond: number; readonly etaMs: number | null;
      /** The last key of the batch (text values in key order), null for ctid batches. */
      readonly cursor: readonly string[] | null;
    }
  | {
      readonly type: 'index-progress'; readonly migration: string; readonly stepId: string;
      /** pg_stat_progress_create_index.phase */
      readonly phase: string;
      /** 0-100 over the whole concurrent build, phases weighted. */
      readonly percent: number;
      /** The session the build is waiting for, if any. */
      readonly waitingForPid: number | null;
    }
  | { readonly type: 'step-done'; readonly migration: string; readonly stepId: string; readonly ms: number }
  | { readonly type: 'migration-done'; readonly migration: string; readonly ms: number }
  | { readonly type: 'migration-failed'; readonly migration: string; readonly stepId: string; readonly error: WesleyErrorData };

export type ExecutorEventType = ExecutorEvent['type'];
