import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSchema, formatError, type SchemaIR } from '@wesley/ir';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { generateSql } from '../../src/index.js';
import { kyselyGenerator } from '../../src/kysely/index.js';

// The generated db.ts must say what node-postgres really returns: every row selected back through
// Kysely is checked against the types the generated file declares (parsed from its text), and the
// file must compile against kysely under strict TypeScript.
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');

const SDL = `
enum Mood { HAPPY SAD MEH }

type Sample @table {
  id: Int! @pk @identity
  big: BigInt!
  amount: Decimal!
  ratio: Float!
  flag: Boolean!
  label: String!
  ref: UUID!
  day: Date!
  at: DateTime!
  local: String! @column(type: "timestamp")
  doc: JSON!
  list: JSON
  mood: Mood!
  moods: [Mood!]!
  tags: [String!]!
  maybeTags: [String]
  scores: [Int!]!
  bigs: [BigInt!]!
  amounts: [Decimal!]!
  days: [Date!]!
  raw: Bytes!
  spent: String @column(type: "interval")
  created: DateTime! @default(expr: "now()")
  note: String @default(value: "hi")
  missing: Int
}

type Counter @table(schema: "lab") {
  id: BigInt! @pk @identity(mode: BY_DEFAULT)
  name: String!
  total: Int! @default(value: 0)
}
`;

async function compile(name: string, text: string): Promise<{ ir: SchemaIR; hash: string }> {
  const result = await compileSchema([{ name, text }]);
  if (!result.ok) throw new Error(`${name} does not compile:\n${result.errors.map(formatError).join('\n')}`);
  return result;
}

const sample = await compile('kysely-types.graphql', SDL);
const dbTs = kyselyGenerator.generate(sample.ir, { hash: sample.hash, sources: ['kysely-types.graphql'] }, {})[0]!.contents;

/** Splits `text` at `separator` where it is not inside <...>, (...) or quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") quoted = !quoted;
    else if (!quoted && (ch === '<' || ch === '(' || ch === '{')) depth++;
    else if (!quoted && (ch === '>' || ch === ')' || ch === '}')) depth--;
    else if (!quoted && depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i).trim());
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  return [...parts, text.slice(start).trim()];
}

/** The select side of a declared column type (`ColumnType<S, I, U>`, `Generated<S>`, ... -> `S`). */
function selectType(declared: string): string {
  const wrapper = /^(ColumnType|Generated|GeneratedAlways)<(.*)>$/.exec(declared);
  return wrapper ? splitTopLevel(wrapper[2]!, ',')[0]! : declared;
}

/** The declared column types of one interface of the generated file. */
function declaredColumns(source: string, name: string): Record<string, string> {
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(source)![1]!;
  return Object.fromEntries([...body.matchAll(/^ {2}(\w+): (.*);$/gm)].map((m) => [m[1]!, m[2]!]));
}

const isJson = (value: unknown): boolean => JSON.stringify(JSON.parse(JSON.stringify(value))) === JSON.stringify(value);

/** Whether a runtime value belongs to a TypeScript type expression of the generated file. */
function matches(value: unknown, type: string, source: string): boolean {
  return splitTopLevel(type, ' | ').some((alternative) => {
    const array = /^\(?(.*?)\)?\[\]$/.exec(alternative);
    if (array) return Array.isArray(value) && value.every((element) => matches(element, array[1]!, source));
    switch (alternative) {
      case 'null': return value === null;
      case 'string': case 'number': case 'boolean': return typeof value === alternative;
      case 'Date': return value instanceof Date && !Number.isNaN(value.getTime());
      case 'Buffer': return Buffer.isBuffer(value);
      case 'JsonValue': return isJson(value);
      case 'PostgresInterval': return typeof value === 'object' && value !== null && !Array.isArray(value);
    }
    const union = new RegExp(`export type ${alternative} = (.*);`).exec(source);
    if (!union) throw new Error(`the test does not know the type ${alternative}`);
    return typeof value === 'string' && union[1]!.split(' | ').includes(`'${value}'`);
  });
}

/** What a value is at run time, for the failure message. */
const describeValue = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? `array [${value.map(describeValue).join(', ')}]` : value instanceof Date ? 'Date' : Buffer.isBuffer(value) ? 'Buffer' : `${typeof value} ${JSON.stringify(value)}`;

const ROW = {
  big: '9007199254740993',
  amount: '12.50',
  ratio: 0.25,
  flag: true,
  label: 'text',
  ref: '00000000-0000-4000-8000-000000000001',
  day: '2026-02-03',
  at: new Date('2026-02-03T04:05:06.789Z'),
  local: '2026-02-03 04:05:06',
  doc: { a: [1, 'two', null], b: { c: true } },
  list: JSON.stringify([1, 2]),
  mood: 'SAD',
  moods: ['HAPPY', 'SAD'],
  tags: ['a', 'b,c'],
  maybe_tags: ['x', null],
  scores: [1, 2],
  bigs: ['9007199254740993'],
  amounts: ['1.5', '12345678901234567890.5'],
  days: ['2026-02-03'],
  raw: Buffer.from([0, 1, 255]),
  spent: '1 day 02:03:04',
};

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test('every value selected back through Kysely has the type db.ts declares', async () => {
    const database = await createTestDatabase(server);
    await withClient(database.url, (client) => client.query(generateSql(sample.ir)));
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    try {
      await db.insertInto('sample').values(ROW).execute();
      await db.insertInto('sample').values({ ...ROW, big: 42n, list: null, maybe_tags: null }).execute();
      await db.insertInto('lab.counter').values({ name: 'a' }).execute();
      const samples = await db.selectFrom('sample').selectAll().orderBy('id').execute();
      const counters = await db.selectFrom('lab.counter').selectAll().execute();
      for (const [table, rows] of [['Sample', samples], ['Counter', counters]] as const) {
        const declared = declaredColumns(dbTs, table);
        expect(Object.keys(rows[0]!).sort()).toEqual(Object.keys(declared).sort());
        for (const row of rows) {
          for (const [column, type] of Object.entries(declared)) {
            const value = (row as Record<string, unknown>)[column];
            expect(matches(value, selectType(type), dbTs), `${table}.${column}: declared ${type}, got ${describeValue(value)}`).toBe(true);
          }
        }
      }
      const [first, second] = samples as Record<string, unknown>[];
      expect(first!.big).toBe('9007199254740993');
      expect(second!.big).toBe('42');
      expect(first!.amount).toBe('12.50');
      expect(first!.moods).toBe('{HAPPY,SAD}');
      expect(first!.tags).toEqual(['a', 'b,c']);
      expect(first!.maybe_tags).toEqual(['x', null]);
      expect(first!.bigs).toEqual(['9007199254740993']);
      // numeric[] goes through parseFloat in pg-types: numbers, with the precision loss that implies.
      expect(first!.amounts).toEqual([1.5, 12345678901234567000]);
      expect(first!.list).toEqual([1, 2]);
      expect(first!.doc).toEqual(ROW.doc);
      expect(first!.note).toBe('hi');
      expect(first!.spent).toMatchObject({ days: 1, hours: 2, minutes: 3, seconds: 4 });
      expect((first!.at as Date).toISOString()).toBe('2026-02-03T04:05:06.789Z');
      expect(counters[0]).toMatchObject({ id: '1', total: 0 });
      // Why JsonInput leaves arrays out: node-postgres sends a JS array as a PostgreSQL array literal.
      await expect(db.insertInto('sample').values({ ...ROW, list: [1, 2] }).execute()).rejects.toThrow(/json/i);
    } finally {
      await db.destroy();
    }
  });
});

/** The TypeScript diagnostics of `files` compiled together in strict mode against the real kysely. */
function typecheck(files: Record<string, string>): string[] {
  const cache = path.join(repo, 'packages/codegen/node_modules/.cache');
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, 'kysely-typecheck-'));
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    for (const [name, contents] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), contents);
    const program = ts.createProgram(Object.keys(files).map((name) => path.join(dir, name)), {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'], noUnusedLocals: true, exactOptionalPropertyTypes: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? `${path.basename(d.file.fileName)}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CONSUMER = `
import type { Kysely } from 'kysely';
import type { DB } from './db.js';

export async function use(db: Kysely<DB>): Promise<void> {
  const row = await db.selectFrom('sample').selectAll().executeTakeFirstOrThrow();
  const big: string = row.big;
  const day: Date = row.day;
  const moods: string = row.moods;
  const tags: string[] = row.tags;
  const maybe: (string | null)[] | null = row.maybe_tags;
  const amounts: number[] = row.amounts;
  const raw: Buffer = row.raw;
  const mood: 'HAPPY' | 'SAD' | 'MEH' = row.mood;
  void [big, day, moods, tags, maybe, amounts, raw, mood];
  const required = {
    big: 1n, amount: '1', ratio: 1, flag: true, label: 'l', ref: 'r', day: '2026-01-01', at: new Date(), local: '2026-01-01',
    doc: { a: 1 }, mood: 'HAPPY' as const, moods: ['SAD' as const], tags: [], scores: [1], bigs: [2n], amounts: [1.5], days: [new Date()], raw: Buffer.from(''),
  };
  await db.insertInto('sample').values(required).execute();
  // @ts-expect-error an identity ALWAYS column cannot be inserted
  await db.insertInto('sample').values({ ...required, id: 1 }).execute();
  // @ts-expect-error a JSON array must be passed as JSON text
  await db.insertInto('sample').values({ ...required, list: [1] }).execute();
  // @ts-expect-error not one of the enum's values
  await db.insertInto('sample').values({ ...required, mood: 'ANGRY' }).execute();
  // @ts-expect-error big is required
  await db.insertInto('sample').values({ ...required, big: undefined }).execute();
  await db.insertInto('lab.counter').values({ name: 'n' }).execute();
  const counter = await db.selectFrom('lab.counter').select(['id', 'total']).executeTakeFirstOrThrow();
  const id: string = counter.id;
  const total: number = counter.total;
  void [id, total];
}
`;

test('db.ts compiles against kysely in strict mode, for the sample and the shared fixtures', async () => {
  const fixtures = {
    saas: path.join(repo, 'examples/saas/schema.graphql'),
    'pg11-compatible': path.join(repo, 'packages/ir/test/fixtures/pg11-compatible.graphql'),
  };
  const files: Record<string, string> = { 'db.ts': dbTs, 'consumer.ts': CONSUMER };
  for (const [name, file] of Object.entries(fixtures)) {
    const { ir, hash } = await compile(name, fs.readFileSync(file, 'utf8'));
    files[`${name}.ts`] = kyselyGenerator.generate(ir, { hash, sources: [name] }, {})[0]!.contents;
  }
  expect(typecheck(files)).toEqual([]);
});

// A stored generated column (PostgreSQL 12+): GeneratedAlways<> in db.ts, computed by the server,
// returned with the declared type, and a type error to insert or update.
const GENERATED_SDL = `
type Invoice @table {
  id: Int! @pk @identity(mode: BY_DEFAULT)
  netCents: BigInt!
  taxCents: BigInt!
  grossCents: BigInt! @generated(expr: "net_cents + tax_cents")
  label: String!
  slug: String @generated(expr: "lower(label)")
}
`;
const generated = await compile('kysely-generated.graphql', GENERATED_SDL);
const generatedDbTs = kyselyGenerator.generate(generated.ir, { hash: generated.hash, sources: ['kysely-generated.graphql'] }, {})[0]!.contents;

describe('generated columns', () => {
  test('db.ts declares them GeneratedAlways<>', () => {
    expect(declaredColumns(generatedDbTs, 'Invoice')).toEqual({
      id: 'Generated<number>',
      net_cents: 'ColumnType<string, string | number | bigint, string | number | bigint>',
      tax_cents: 'ColumnType<string, string | number | bigint, string | number | bigint>',
      gross_cents: 'GeneratedAlways<string>',
      label: 'string',
      slug: 'GeneratedAlways<string | null>',
    });
  });

  test('inserting or updating one is a type error; selecting it has the select type', () => {
    const consumer = `
import type { Kysely, Selectable } from 'kysely';
import type { DB, Invoice } from './db.js';

export async function use(db: Kysely<DB>): Promise<void> {
  const row = await db.insertInto('invoice').values({ net_cents: 100n, tax_cents: '20', label: 'A' }).returningAll().executeTakeFirstOrThrow();
  const gross: string = row.gross_cents;
  const slug: string | null = row.slug;
  const selected: Selectable<Invoice> = row;
  void [gross, slug, selected];
  // @ts-expect-error a generated column cannot be inserted
  await db.insertInto('invoice').values({ net_cents: 1, tax_cents: 1, label: 'B', gross_cents: '2' }).execute();
  // @ts-expect-error nor updated
  await db.updateTable('invoice').set({ slug: 'b' }).execute();
}
`;
    expect(typecheck({ 'db.ts': generatedDbTs, 'consumer.ts': consumer })).toEqual([]);
  });

  describe.each(testServers().filter((s) => s.major >= 12).map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
    test('the server computes them and node-postgres returns the declared types', async () => {
      const database = await createTestDatabase(server);
      await withClient(database.url, (client) => client.query(generateSql(generated.ir)));
      const pool = new pg.Pool({ connectionString: database.url, max: 2 });
      const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
      try {
        const inserted = await db.insertInto('invoice').values({ net_cents: '9007199254740993', tax_cents: 7, label: 'Hello' }).returningAll().executeTakeFirstOrThrow();
        expect(inserted).toEqual({ id: 1, net_cents: '9007199254740993', tax_cents: '7', gross_cents: '9007199254741000', label: 'Hello', slug: 'hello' });
        const declared = declaredColumns(generatedDbTs, 'Invoice');
        for (const [column, type] of Object.entries(declared)) {
          expect(matches(inserted[column], selectType(type), generatedDbTs), `${column}: declared ${type}, got ${describeValue(inserted[column])}`).toBe(true);
        }
        // What the type error protects against: the server refuses a value for a generated column.
        await expect(db.insertInto('invoice').values({ net_cents: 1, tax_cents: 1, label: 'x', gross_cents: 2 }).execute()).rejects.toThrow(/cannot insert (a non-DEFAULT value )?into column "gross_cents"/);
      } finally {
        await db.destroy();
      }
    });
  });
});
