/** Error codes of the migrations folder (readMigrations, generateMigration); each has a section in docs/errors.md. */
export const MIGRATION_ERROR_CODES = {
  checksumMismatch: 'WESLEY_MIGRATIONS_CHECKSUM_MISMATCH',
  brokenChain: 'WESLEY_MIGRATIONS_BROKEN_CHAIN',
  unknownFormat: 'WESLEY_MIGRATIONS_UNKNOWN_FORMAT',
  invalid: 'WESLEY_MIGRATIONS_INVALID',
  invalidName: 'WESLEY_MIGRATIONS_INVALID_NAME',
  refused: 'WESLEY_MIGRATIONS_REFUSED',
  readFailed: 'WESLEY_MIGRATIONS_READ_FAILED',
  writeFailed: 'WESLEY_MIGRATIONS_WRITE_FAILED',
} as const;
export type MigrationErrorCode = (typeof MIGRATION_ERROR_CODES)[keyof typeof MIGRATION_ERROR_CODES];
