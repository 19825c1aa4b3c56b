// @wesley/codegen: public API. Generators are pure functions of the schema IR.
export { generateSql } from './sql/generate-sql.js';
export type { GenerateSqlOptions } from './sql/generate-sql.js';
export { CODEGEN_ERROR_CODES } from './errors.js';
export type { CodegenErrorCode } from './errors.js';
