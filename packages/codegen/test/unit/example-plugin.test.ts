// The example plugin of examples/plugins runs through the same API as the built-in generators.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSchema } from '@wesley/ir';
import { expect, test } from 'vitest';
import { tableListGenerator } from '../../../../examples/plugins/table-list.js';
import { runGenerators } from '../../src/plugins/run-generators.js';
import { sqlGenerator } from '../../src/plugins/sql-generator.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

test('the example table-list plugin runs beside the sql generator over the SaaS example', async () => {
  const text = fs.readFileSync(path.join(root, 'examples/saas/schema.graphql'), 'utf8');
  const result = await compileSchema([{ name: 'schema.graphql', text }]);
  if (!result.ok) throw new Error('the SaaS example must compile');
  const files = runGenerators(result.ir, { hash: result.hash, sources: ['schema.graphql'] }, [
    { plugin: sqlGenerator },
    { plugin: tableListGenerator, options: { fileName: 'docs/tables.md' } },
  ]);
  expect(files.map((f) => f.path)).toEqual(['docs/tables.md', 'schema.sql']);
  const catalogue = files[0]!.contents;
  expect(catalogue).toContain(`schema hash ${result.hash}`);
  for (const table of result.ir.tables) expect(catalogue).toContain(`## ${table.schema}.${table.name}`);
});
