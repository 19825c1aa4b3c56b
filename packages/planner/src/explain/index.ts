// The plan's renderers and its JSON contract. The lead wires these into the package's public API.
export { planSchema, planJsonSchema, PLAN_SCHEMA_ID } from './plan-schema.js';
export { explainText } from './explain-text.js';
export type { ExplainTextOptions } from './explain-text.js';
export { explainMarkdown } from './explain-markdown.js';
export { planScript } from './plan-script.js';
export { planToJson } from './json.js';
export { formatEstimate } from './format-estimate.js';
export { rollbackScript } from './rollback-script.js';
