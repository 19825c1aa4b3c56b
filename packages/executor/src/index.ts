// @wesley/executor: public API. Reads server facts for the planner, and runs migrations (issue #7).
export { readServerFacts } from './read-server-facts.js';
export type { ReadServerFactsOptions } from './read-server-facts.js';
export { redactConnectionString, REDACTED } from './redact-connection-string.js';
export { executeMigration, planHash } from './run/execute-migration.js';
export type { ExecuteOptions, MigrationOutcome, RunnableMigration, StoppedAt } from './run/execute-migration.js';
export { acquireMigrationLock, lockHolder, describeHolder, MIGRATION_LOCK_KEYS, WORK_LOCK_KEYS } from './run/advisory-lock.js';
export type { AcquireOptions, LockHolder, MigrationLock } from './run/advisory-lock.js';
export { ensureLedger, readLedger, readLedgerSteps, LEDGER_SCHEMA } from './run/ledger.js';
export type { LedgerMigration, LedgerStep, MigrationStatus } from './run/ledger.js';
export { readLedgerPlan } from './run/ledger.js';
export { RUN_ERROR_CODES } from './run/errors.js';
export type { RunErrorCode } from './run/errors.js';
export type { ExecutorEvent, ExecutorEventType } from './run/events.js';
export { EXECUTOR_TYPES } from './run/type-parsers.js';
export {
  MIGRATION_ERROR_CODES,
  MIGRATIONS_FORMAT_VERSION,
  MIGRATION_FILES,
  MIGRATION_META_FILE,
  readMigrations,
  latestSnapshot,
  readSnapshot,
  generateMigration,
  DEFAULT_GENERATE_FACTS,
  toMigrationName,
} from './migrations/index.js';
export type { MigrationErrorCode, Migration, MigrationFile, MigrationMeta, GenerateMigrationOptions, GenerateMigrationResult, GeneratedMigration } from './migrations/index.js';
export { runMigrations, pendingMigrations, serverVersion } from './run/run-migrations.js';
export type { RunMigrationsOptions, RunMigrationsResult, RunConnections } from './run/run-migrations.js';
export { rollbackMigration } from './run/rollback.js';
export type { PlannedUndo, RollbackOptions, RollbackResult } from './run/rollback.js';
export type { DataAtRisk } from './run/rollback-data-loss.js';
export { migrationStatus } from './run/migration-status.js';
export type { MigrationState } from './run/migration-status.js';
export { CheckpointWriter, readCheckpoint, removeCheckpoint, writeAtomically, checkpointPath, CHECKPOINT_FORMAT_VERSION, DEFAULT_CHECKPOINT_DIR, MILESTONES } from './run/checkpoints.js';
export type { Checkpoint, Milestone } from './run/checkpoints.js';
export { readIndexProgress } from './run/index-progress.js';
export type { IndexProgress } from './run/index-progress.js';
