// Bundle check: an app that imports one schema through the zod barrel, bundled with esbuild as an
// app would be, keeps the other tables' schemas out. The generated modules have no side effects,
// so a package marked `"sideEffects": false` lets the bundler drop every module it does not use.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateTypescript } from '../../src/typescript/generate-typescript.js';
import { generateZod } from '../../src/zod/zod-generator.js';
import { compileFixture } from './typescript/fixtures.testing.js';

let dir = '';
let tables: string[] = [];

beforeAll(async () => {
  const { ir, hash, source } = await compileFixture('saas');
  tables = ir.tables.map((t) => t.graphqlName);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-bundle-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "sideEffects": false }\n');
  const context = { hash, sources: [source] };
  for (const file of [...generateZod(ir, context), ...generateTypescript(ir, context)]) {
    fs.mkdirSync(path.dirname(path.join(dir, 'out', file.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'out', file.path), file.contents);
  }
  fs.writeFileSync(path.join(dir, 'one.ts'), [
    "import { OrganizationInsertSchema } from './out/zod/index';",
    "import type { Organization } from './out/ts/index';",
    "export const parse = (value: unknown): Partial<Organization> => OrganizationInsertSchema.parse(value);",
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'all.ts'), "import * as schemas from './out/zod/index';\nexport const all = Object.values(schemas);\n");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function bundle(entry: string, minify: boolean): Promise<string> {
  const result = await build({ entryPoints: [path.join(dir, entry)], bundle: true, format: 'esm', minify, external: ['zod'], write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

describe('esbuild through the zod barrel', () => {
  test('an app importing one table schema gets that module (and the enum it uses), nothing else', async () => {
    const code = await bundle('one.ts', false);
    expect(code).toContain('var OrganizationInsertSchema = ');
    expect(code).toContain('var PlanSchema = '); // Organization.plan
    for (const table of tables.filter((t) => t !== 'Organization')) {
      expect(code).not.toContain(`${table}InsertSchema`);
      expect(code).not.toContain(`${table}UpdateSchema`);
    }
    expect(code).not.toMatch(/TaskStatusSchema|InvoiceStatusSchema|jsonValueSchema/);
    expect(code).not.toContain('out/ts/'); // the TypeScript types are erased
    expect(code).toMatch(/from "zod"/);
  });

  test('importing everything keeps every schema, and the one-schema bundle is smaller', async () => {
    const all = await bundle('all.ts', false);
    for (const table of tables) expect(all).toContain(`var ${table}InsertSchema = `);
    const [one, every] = await Promise.all([bundle('one.ts', true), bundle('all.ts', true)]);
    expect(Buffer.byteLength(one)).toBeLessThan(Buffer.byteLength(every) / 3);
  });
});
