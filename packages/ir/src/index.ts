export type { SourceLocation, WesleyErrorData } from './errors.js';
export { WesleyError, isWesleyError, toErrorData, formatError } from './errors.js';
