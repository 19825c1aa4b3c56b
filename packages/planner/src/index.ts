// @wesley/planner: public API. Pure: IR diff -> lock-aware, version-aware migration plan.
export { planMigration } from './plan-migration.js';
export { classifyTypeChange } from './type-change.js';
export type { TypeChange } from './type-change.js';
export { PLANNER_ERROR_CODES, REFUSAL_CODES } from './errors.js';
export type { PlannerErrorCode, RefusalCode } from './errors.js';
export * from './types.js';
export * from './explain/index.js';
export { parseServerFacts, serverFactsSchema } from './server-facts-schema.js';
