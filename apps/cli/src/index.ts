export { runCli, EXIT } from './main.js';
export type { CliIO } from './main.js';
