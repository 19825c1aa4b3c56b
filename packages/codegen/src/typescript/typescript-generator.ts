import { defineGenerator } from '../plugins/generator-plugin.js';
import { generateTypescript, type TypescriptOptions } from './generate-typescript.js';

/** The built-in `ts` generator: TypeScript types for every enum, table, object and input type. */
export const typescriptGenerator = defineGenerator<TypescriptOptions>({
  name: 'ts',
  description: 'TypeScript types: one module per GraphQL type, insert and update shapes per table, and a barrel (ts/index.ts)',
  generate: (ir, context, options) => generateTypescript(ir, context, options),
});
