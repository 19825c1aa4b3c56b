// @wesley/codegen: public API. Generators are pure functions of the schema IR.
export { generateSql } from './sql/generate-sql.js';
export type { GenerateSqlOptions } from './sql/generate-sql.js';
export { CODEGEN_ERROR_CODES } from './errors.js';
export type { CodegenErrorCode } from './errors.js';
export { defineGenerator, generatedHeader } from './plugins/generator-plugin.js';
export type { GeneratedFile, GeneratorContext, GeneratorPlugin } from './plugins/generator-plugin.js';
export { runGenerators } from './plugins/run-generators.js';
export type { GeneratorRun } from './plugins/run-generators.js';
export { sqlGenerator } from './plugins/sql-generator.js';
export { typescriptGenerator, generateTypescript } from './typescript/index.js';
export type { TypescriptOptions } from './typescript/index.js';
export { zodGenerator, generateZod } from './zod/index.js';
export type { ZodGeneratorOptions } from './zod/index.js';
export { kyselyGenerator, generateKysely, kyselyTableKey } from './kysely/index.js';
