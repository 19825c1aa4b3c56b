// Evaluates the generated modules for real: valid and invalid values for each scalar and shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { generateZod } from '../../../src/zod/zod-generator.js';
import { compileIr, loadGenerated, typecheckGenerated } from './zod-test-support.js';

const SCALARS = { scalars: { Email: { sql: 'text', ts: 'string' }, Point: { sql: 'point', ts: '{ x: number; y: number }' } } };
const SDL = `
enum Status { OPEN CLOSED }
scalar Email
scalar Point
"""A filter tree: recursive through itself and mutually recursive through Clause."""
input TaskFilter { status: Status, and: [TaskFilter!], clause: Clause }
input Clause { filter: TaskFilter!, note: String }
input Page { limit: Int! = 20, status: Status = OPEN, after: String }
input Everything {
  id: ID!, name: String!, count: Int!, ratio: Float!, ok: Boolean!, at: DateTime!, on: Date!,
  big: BigInt!, money: Decimal!, data: JSON!, ref: UUID!, email: Email!, point: Point, tags: [String]!, maybe: Int
}
type Ticket @table {
  id: Int! @pk @identity
  title: String! @column(type: "varchar(5)")
  code: String! @column(type: "char(3)") @default(value: "abc")
  status: Status! @default(value: OPEN)
  labels: [String!]! @default(value: [])
  closedAt: DateTime
}`;

let schemas: Record<string, ZodType>;
let remove = (): void => {};
beforeAll(async () => {
  const { ir } = await compileIr(SDL, SCALARS);
  ({ schemas, remove } = await loadGenerated(ir));
});
afterAll(() => remove());

const ok = (schema: string, value: unknown) => expect(schemas[schema]!.safeParse(value).success, JSON.stringify(value)).toBe(true);
const bad = (schema: string, value: unknown) => expect(schemas[schema]!.safeParse(value).success, JSON.stringify(value)).toBe(false);

const everything = {
  id: '3f1c1a4e-8a0e-4c1b-9a57-8d2b6f0c9e11', name: 'n', count: 1, ratio: 0.5, ok: true, at: '2024-05-01T10:00:00+02:00', on: '2024-05-01',
  big: '-9007199254740993', money: '12.50', data: { a: [1, null, 'x'] }, ref: '3f1c1a4e-8a0e-4c1b-9a57-8d2b6f0c9e11', email: 'a@b.c', tags: ['a', null],
};

describe('generated zod schemas at run time', () => {
  it('accepts a value of every scalar', () => ok('EverythingSchema', everything));

  it('requires an offset in DateTime', () => {
    ok('EverythingSchema', { ...everything, at: '2024-05-01T10:00:00Z' });
    bad('EverythingSchema', { ...everything, at: '2024-05-01T10:00:00' });
    bad('EverythingSchema', { ...everything, on: '2024-05-01T10:00:00Z' });
  });

  it('keeps Int in 32 bits and BigInt/Decimal in string form', () => {
    ok('EverythingSchema', { ...everything, count: 2 ** 31 - 1 });
    bad('EverythingSchema', { ...everything, count: 2 ** 31 });
    bad('EverythingSchema', { ...everything, count: 1.5 });
    bad('EverythingSchema', { ...everything, big: '1.5' });
    bad('EverythingSchema', { ...everything, big: 12 });
    bad('EverythingSchema', { ...everything, money: '1e5' });
  });

  it('rejects null for non-null fields and allows null or omission for nullable ones', () => {
    bad('EverythingSchema', { ...everything, name: null });
    bad('EverythingSchema', { ...everything, tags: null });
    ok('EverythingSchema', { ...everything, maybe: null });
    bad('EverythingSchema', { ...everything, data: undefined });
    bad('EverythingSchema', { ...everything, ref: 'not-a-uuid' });
    ok('EverythingSchema', { ...everything, point: { x: 1, y: 2 } });
    bad('EverythingSchema', { ...everything, email: 5 });
  });

  it('accepts recursive and mutually recursive inputs at depth 3', () => {
    ok('TaskFilterSchema', { and: [{ clause: { filter: { status: 'OPEN', and: [] } } }] });
    bad('TaskFilterSchema', { and: [{ clause: { filter: { status: 'DONE' } } }] });
    bad('TaskFilterSchema', { and: [{ clause: { note: 'missing filter' } }] });
  });

  it('validates enums', () => {
    ok('StatusSchema', 'CLOSED');
    bad('StatusSchema', 'closed');
  });

  it('shapes table inserts and updates from the columns', () => {
    ok('TicketInsertSchema', { title: 'abcde' });
    bad('TicketInsertSchema', { title: 'abcdef' });
    bad('TicketInsertSchema', { title: 'a', code: 'abcd' });
    bad('TicketInsertSchema', { title: 'a', status: null });
    bad('TicketInsertSchema', {});
    ok('TicketInsertSchema', { title: 'a', closedAt: null, labels: ['x'] });
    expect(schemas.TicketInsertSchema!.parse({ id: 7, title: 'a' })).toEqual({ title: 'a' });
    ok('TicketUpdateSchema', {});
    ok('TicketUpdateSchema', { closedAt: null });
    bad('TicketUpdateSchema', { title: null });
  });

  it('type-checks in strict mode, and the inferred input types are what the SDL says', async () => {
    const { ir } = await compileIr(SDL, SCALARS);
    const files = generateZod(ir, { hash: 'h', sources: [] }, { dir: 'out' });
    const consumer = [
      "import type { TaskFilterInput, TicketInsertInput, EverythingInput } from './out/index.js';",
      "const deep: TaskFilterInput = { and: [{ clause: { filter: { status: 'OPEN' } } }] };",
      "const row: TicketInsertInput = { title: 'a', closedAt: null };",
      "// @ts-expect-error wrong enum value",
      "const wrong: TaskFilterInput = { status: 'DONE' };",
      "// @ts-expect-error title is required",
      "const missing: TicketInsertInput = {};",
      "// @ts-expect-error name is not nullable",
      "const nulled: Pick<EverythingInput, 'name'> = { name: null };",
      'export { deep, row, wrong, missing, nulled };',
    ].join('\n');
    expect(typecheckGenerated(files, [{ path: 'consumer.ts', contents: consumer }])).toEqual([]);
  });
});

describe('input fields with a default', () => {
  it('may be left out, and parse to the default', () => {
    expect(schemas.PageSchema!.parse({})).toEqual({ limit: 20, status: 'OPEN' });
    expect(schemas.PageSchema!.parse({ limit: 5, status: 'CLOSED', after: 'x' })).toEqual({ limit: 5, status: 'CLOSED', after: 'x' });
    bad('PageSchema', { limit: 'twenty' });
    bad('PageSchema', { limit: null });
  });
});

describe('ID and UUID', () => {
  it('accept every uuid PostgreSQL accepts in the 8-4-4-4-12 form, not only RFC 9562 versions', () => {
    for (const id of ['00000000-0000-0000-0000-000000000001', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '3f1c1a4e-8a0e-4c1b-9a57-8d2b6f0c9e11']) ok('EverythingSchema', { ...everything, id, ref: id });
    for (const id of ['not-a-uuid', '3f1c1a4e8a0e4c1b9a578d2b6f0c9e1', '']) bad('EverythingSchema', { ...everything, id });
  });
});
