// @wesley/executor: public API. Reads server facts for the planner; running plans lands with issue #7.
export { readServerFacts } from './read-server-facts.js';
export type { ReadServerFactsOptions } from './read-server-facts.js';
export { redactConnectionString, REDACTED } from './redact-connection-string.js';
