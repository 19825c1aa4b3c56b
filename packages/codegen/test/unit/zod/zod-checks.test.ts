// @check constraints as Zod refinements, evaluated for real: each translated form at its
// boundaries, null on nullable columns, and the checks left to the database with their comment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { generateZod } from '../../../src/zod/zod-generator.js';
import { CHECKS_SDL, VALID_ROW } from './check-fixture.js';
import { compileIr, loadGenerated, typecheckGenerated } from './zod-test-support.js';

let schemas: Record<string, ZodType>;
let remove = (): void => {};
beforeAll(async () => {
  const { ir } = await compileIr(CHECKS_SDL);
  ({ schemas, remove } = await loadGenerated(ir));
});
afterAll(() => remove());

const row = VALID_ROW;
const verdict = (changes: Record<string, unknown>, schema = 'MeasureInsertSchema') => schemas[schema]!.safeParse({ ...row, ...changes }).success;

describe('checks translated to Zod', () => {
  it('accepts the base row', () => expect(verdict({})).toBe(true));

  it.each([
    ['qty > 0', 'qty', [1], [0, -1]],
    ['pct BETWEEN 0 AND 100 (nullable)', 'pct', [0, 100, 50.5, null], [-0.001, 100.0001]],
    ['10 >= low (operands reversed)', 'low', [10, -5], [11]],
    ['exact = 3', 'exact', [3, null], [2, 4]],
    ['ratio > 0.1 AND ratio < 1.5e0 (doubles)', 'ratio', [0.10000000000000002, 1.4999999999999998], [0.1, 1.5]],
    ['halfway >= 1.5 (integer column, decimal constant)', 'halfway', [2], [1]],
    ['big >= -9007199254740993 (BigInt as string, compared exactly)', 'big', ['-9007199254740993', '9223372036854775807'], ['-9007199254740994', 'x']],
    ['char_length(code) BETWEEN 2 AND 4', 'code', ['ab', 'abcd', '😀😀'], ['a', 'abcde', '😀']],
    ["length(pin) = 4 AND pin ~ '^[0-9]+$'", 'pin', ['1234', null], ['123', '12345', '12a4']],
    ['char_length(emoji) <= 2 counts characters, not UTF-16 units', 'emoji', ['😀😀', ''], ['😀😀😀']],
    ["dot ~ '^a.c$': . is any one character, a newline or an emoji too", 'dot', ['abc', 'a\nc', 'a😀c', null], ['ac', 'a😀😀c', 'xabc']],
  ] as const)('%s', (_check, column, good, bad) => {
    for (const value of good) expect(verdict({ [column]: value }), `${column} = ${JSON.stringify(value)}`).toBe(true);
    for (const value of bad) expect(verdict({ [column]: value }), `${column} = ${JSON.stringify(value)}`).toBe(false);
  });

  it('applies the refinements to updates, where every column stays optional', () => {
    expect(schemas.MeasureUpdateSchema!.safeParse({}).success).toBe(true);
    expect(schemas.MeasureUpdateSchema!.safeParse({ qty: 0 }).success).toBe(false);
    expect(schemas.MeasureUpdateSchema!.safeParse({ pct: null, code: 'abc' }).success).toBe(true);
  });

  it('leaves the rest to the database, and says so', async () => {
    // Not reproduced: name <> lower(name), a \w pattern, a comparison of two columns, a Decimal bound.
    expect(verdict({ name: 'ab', tag: 'a-b', a: 2, b: 1, money: '-1' })).toBe(true);
    expect(verdict({ name: '' })).toBe(false); // the translated half of the same check
    const { ir } = await compileIr(CHECKS_SDL);
    const module = generateZod(ir, { hash: 'h', sources: [] }).find((f) => f.path === 'zod/Measure.ts')!.contents;
    const comments = module.split('\n').filter((line) => /checked here/.test(line));
    expect(comments).toEqual([
      '// only partly checked here: char_length(name) > 0 AND name <> lower(name)',
      "// not checked here: tag ~ '^\\w+$'",
      '// not checked here: money >= 0',
      '// not checked here: a < b',
    ]);
    expect(module).toContain("  pin: z.string().length(4).regex(new RegExp('^[0-9]+$', 'su')).nullable().optional(),");
    expect(module).toContain('  pct: z.number().gte(0).lte(100).nullable().optional(),');
    expect(typecheckGenerated(generateZod(ir, { hash: 'h', sources: [] }, { dir: 'out' }))).toEqual([]);
  });

  it('does not refine columns the schemas leave out, nor input types (they carry no checks)', async () => {
    const { ir } = await compileIr(`
      input Filter { n: Int }
      type Item @table {
        id: Int! @pk @identity @check(expr: "id > 0")
        n: Int!
        twice: Int! @generated(expr: "n * 2") @check(expr: "twice < 100")
      }`);
    const files = generateZod(ir, { hash: 'h', sources: [] });
    const item = files.find((f) => f.path === 'zod/Item.ts')!.contents;
    expect(item).toContain('// not checked here: id > 0');
    expect(item).toContain('// not checked here: twice < 100');
    expect(files.find((f) => f.path === 'zod/Filter.ts')!.contents).toContain('  n: z.int32().nullable().optional(),');
  });
});
