/** The error codes of running migrations (docs/errors.md has a section for each). */
export const RUN_ERROR_CODES = {
  locked: 'WESLEY_EXEC_LOCKED',
  lockTimeout: 'WESLEY_EXEC_LOCK_WAIT_TIMEOUT',
  stepFailed: 'WESLEY_EXEC_STEP_FAILED',
  unsupportedVersion: 'WESLEY_EXEC_UNSUPPORTED_VERSION',
  planChanged: 'WESLEY_EXEC_PLAN_CHANGED',
  refused: 'WESLEY_EXEC_REFUSED',
  unknownMigration: 'WESLEY_EXEC_UNKNOWN_MIGRATION',
  appliedChanged: 'WESLEY_EXEC_APPLIED_CHANGED',
  irreversible: 'WESLEY_EXEC_IRREVERSIBLE',
  noCheckpoint: 'WESLEY_EXEC_NO_CHECKPOINT',
  nothingToRollBack: 'WESLEY_EXEC_NOTHING_TO_ROLL_BACK',
  dataLoss: 'WESLEY_EXEC_DATA_LOSS',
  undoFailed: 'WESLEY_EXEC_UNDO_FAILED',
} as const;
export type RunErrorCode = (typeof RUN_ERROR_CODES)[keyof typeof RUN_ERROR_CODES];
