// Test helper: the fixtures the TypeScript generator is tested over, compiled to IR.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSchema, type CompileOptions, type SchemaIR } from '@wesley/ir';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

export const FIXTURES = {
  'all-directives': { file: 'packages/ir/test/fixtures/all-directives.graphql' },
  'pg11-compatible': { file: 'packages/ir/test/fixtures/pg11-compatible.graphql' },
  saas: { file: 'examples/saas/schema.graphql' },
  'graphql-types': { file: 'packages/codegen/test/typescript/graphql-types.graphql', options: { scalars: { Email: { sql: 'text' }, Money: { sql: 'numeric', ts: 'string' } } } },
} as const satisfies Record<string, { file: string; options?: CompileOptions }>;

export type FixtureName = keyof typeof FIXTURES;

/** Compiles a fixture; throws with the compiler's errors when it does not compile. */
export async function compileFixture(name: FixtureName): Promise<{ ir: SchemaIR; hash: string; source: string }> {
  const fixture: { file: string; options?: CompileOptions } = FIXTURES[name];
  const source = path.basename(fixture.file);
  const result = await compileSchema([{ name: source, text: fs.readFileSync(path.join(repo, fixture.file), 'utf8') }], fixture.options);
  if (!result.ok) throw new Error(`${name} does not compile: ${result.errors.map((e) => e.message).join('; ')}`);
  return { ir: result.ir, hash: result.hash, source };
}

/** The consumer files of a fixture (test/typescript/<name>/). */
export function consumerDir(name: FixtureName): string {
  return path.join(repo, 'packages/codegen/test/typescript', name);
}
