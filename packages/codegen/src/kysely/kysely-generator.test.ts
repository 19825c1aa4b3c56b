import { readFile } from 'node:fs/promises';
import { compileSchema, type SchemaIR } from '@wesley/ir';
import { describe, expect, test } from 'vitest';
import { kyselyGenerator } from './kysely-generator.js';

const FIXTURES = {
  'pg11-compatible': new URL('../../../ir/test/fixtures/pg11-compatible.graphql', import.meta.url),
  saas: new URL('../../../../examples/saas/schema.graphql', import.meta.url),
};

async function compile(name: string, text: string): Promise<{ ir: SchemaIR; hash: string }> {
  const result = await compileSchema([{ name, text }]);
  if (!result.ok) throw new Error(`${name} does not compile: ${result.errors.map((e) => e.message).join('; ')}`);
  return { ir: result.ir, hash: result.hash };
}

describe('kyselyGenerator', () => {
  test.each(Object.entries(FIXTURES))('%s: db.ts', async (name, url) => {
    const { ir, hash } = await compile(`${name}.graphql`, await readFile(url, 'utf8'));
    const files = kyselyGenerator.generate(ir, { hash, sources: [`${name}.graphql`] }, {});
    expect(files.map((f) => f.path)).toEqual(['kysely/db.ts']);
    await expect(files[0]!.contents).toMatchFileSnapshot(`./__snapshots__/${name}.db.ts.snap`);
    expect(kyselyGenerator.generate(ir, { hash, sources: [`${name}.graphql`] }, {})).toEqual(files);
  });

  test('types what node-postgres returns for each kind of column', async () => {
    const { ir, hash } = await compile('types.graphql', `
      enum Mood { HAPPY SAD }
      type Sample @table(schema: "lab") {
        id: BigInt! @pk @identity
        n: Int! @identity(mode: BY_DEFAULT)
        amount: Decimal!
        on: Date! @default(expr: "current_date")
        moods: [Mood!]!
        mood: Mood @default(value: HAPPY)
        tags: [String]
        doc: JSON
        raw: Bytes
      }`);
    const [file] = kyselyGenerator.generate(ir, { hash, sources: [] }, { dir: 'out' });
    expect(file!.path).toBe('out/db.ts');
    const body = file!.contents;
    expect(body).toContain("import type { ColumnType, Generated, GeneratedAlways } from 'kysely';");
    expect(body).toContain('  id: GeneratedAlways<string>;');
    expect(body).toContain('  n: Generated<number>;');
    expect(body).toContain('  amount: ColumnType<string, string | number, string | number>;');
    expect(body).toContain('  on: ColumnType<Date, Date | string | undefined, Date | string>;');
    expect(body).toContain('  moods: ColumnType<string, Mood[] | string, Mood[] | string>;');
    expect(body).toContain('  mood: Generated<Mood | null>;');
    expect(body).toContain('  tags: (string | null)[] | null;');
    expect(body).toContain('  doc: ColumnType<JsonValue | null, JsonInput | null, JsonInput | null>;');
    expect(body).toContain('  raw: Buffer | null;');
    expect(body).toContain("  'lab.sample': Sample;");
  });
});
