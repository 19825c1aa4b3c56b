// Everything that turns draft steps, server facts and options into the plan's figures. Internal
// to @wesley/planner: the package's public API is src/index.ts.
export { tableSize } from './table-size.js';
export type { TableSize } from './table-size.js';
export {
  estimateStep,
  estimateClass,
  PESSIMISM_FACTOR,
  SECONDS_PER_GB,
  BACKFILL_ROWS_PER_SECOND,
  BYTES_PER_ROW,
  CATALOG_SECONDS,
  UNKNOWN_SIZE_BYTES,
} from './estimate.js';
export type { EstimateClass, SizedWork } from './estimate.js';
export { LOCK_CONFLICTS, conflicts, blocksReads, blocksWrites, lockedTables, LONG_LOCK_SECONDS } from './lock-conflicts.js';
export { lockHazards } from './lock-hazards.js';
export {
  stepRisk,
  planRisk,
  riskLevel,
  durationClass,
  fanOut,
  LOCK_SEVERITY,
  DURATION_CLASSES,
  UNKNOWN_DURATION,
  HAZARD_FLOORS,
  RISK_THRESHOLDS,
  MANY_RISKY_STEPS,
} from './risk.js';
export type { DurationClass } from './risk.js';
export { findConflicts } from './conflicts.js';
export { buildSchedule, planTotals } from './schedule.js';
export { finalizeSteps, windowFor, lockTimeoutFor, statementTimeoutFor, retryPolicy, RETRY_DELAYS, STATEMENT_TIMEOUT } from './finalize-steps.js';
