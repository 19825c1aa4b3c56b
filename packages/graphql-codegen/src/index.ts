// @wesley/graphql-codegen: public API. Each Wesley generator is also its own entry point
// (`@wesley/graphql-codegen/typescript`, `/zod`, `/kysely`) with the `plugin` export codegen loads.
export { createWesleyPlugin } from './wesley-plugin.js';
export type { WesleyCodegenPlugin, WesleyPluginConfig, WesleyPluginOutput } from './wesley-plugin.js';
export { typescriptPlugin } from './typescript.js';
export { zodPlugin } from './zod.js';
export { kyselyPlugin } from './kysely.js';
export { schemaToSdl } from './schema-to-sdl.js';
export type { SchemaSdl, SchemaToSdlOptions } from './schema-to-sdl.js';
export { mergeModules } from './merge-modules.js';
export type { MergedModule } from './merge-modules.js';
export { GRAPHQL_CODEGEN_ERROR_CODES } from './errors.js';
export type { GraphqlCodegenErrorCode } from './errors.js';
export { wesleySchemaDefinitions } from './wesley-schema-definitions.js';
