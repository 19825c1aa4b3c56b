// The migrations folder: its format, reading it verified, and generating the next migration.
export { MIGRATION_ERROR_CODES } from './errors.js';
export type { MigrationErrorCode } from './errors.js';
export { MIGRATIONS_FORMAT_VERSION, MIGRATION_FILES, MIGRATION_META_FILE } from './migration-format.js';
export type { Migration, MigrationFile, MigrationMeta } from './migration-format.js';
export { readMigrations } from './read-migrations.js';
export { latestSnapshot, readSnapshot } from './latest-snapshot.js';
export { generateMigration, DEFAULT_GENERATE_FACTS } from './generate-migration.js';
export type { GenerateMigrationOptions, GenerateMigrationResult, GeneratedMigration } from './generate-migration.js';
export { toMigrationName } from './migration-id.js';
