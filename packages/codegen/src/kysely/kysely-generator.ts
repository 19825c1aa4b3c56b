import { defineGenerator, generatedHeader } from '../plugins/generator-plugin.js';
import { generateKysely } from './generate-kysely.js';

/** The built-in `kysely` generator: `<dir>/db.ts`, the `DB` interface for `new Kysely<DB>()`. */
export const kyselyGenerator = defineGenerator<{ readonly dir?: string }>({
  name: 'kysely',
  description: 'Kysely database types (DB interface) with the values node-postgres returns (kysely/db.ts)',
  generate: (ir, context, options) => [{ path: `${options.dir ?? 'kysely'}/db.ts`, contents: generateKysely(ir, generatedHeader(context)) }],
});
