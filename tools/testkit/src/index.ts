export { SUPPORTED_VERSIONS, DEFAULT_VERSIONS, selectedVersions, packagedBinDir } from './binaries.js';
export type { PostgresMajor } from './binaries.js';
export { startPostgres } from './start-postgres.js';
export type { PostgresServer } from './start-postgres.js';
export { createDatabase, prepareServer, withClient, TEMPLATE_DATABASE } from './database.js';
export type { ServerInfo, TestDatabase } from './database.js';
export { catalogSnapshot } from './catalog-snapshot.js';
export type { CatalogSnapshot } from './catalog-snapshot.js';
export { packagesImportedBy } from './package-imports.js';
