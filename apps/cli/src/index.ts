export { runCli, EXIT } from './main.js';
export type { CliIO } from './main.js';
export { defineConfig } from './config/config-schema.js';
export type { WesleyConfig, WesleyConfigInput, MaintenanceWindow } from './config/config-schema.js';
export { EXIT_RULES, exitCodeFor } from './exit-codes.js';
export { JSON_FORMATS } from './json-output.js';
export type { JsonCommand } from './json-output.js';
export { JSON_SCHEMAS, JSON_DOCUMENTS } from './json-schemas.js';
