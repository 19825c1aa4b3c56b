import { compileSchema, isWesleyError, type SchemaIR } from '@wesley/ir';
import { describe, expect, it } from 'vitest';
import { planMigration } from './plan-migration.js';
import type { Plan, PlanOptions, ServerFacts } from './types.js';

async function ir(sdl: string): Promise<SchemaIR> {
  const result = await compileSchema([{ name: 'schema.graphql', text: sdl }]);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.code}: ${e.message}`).join('\n'));
  return result.ir;
}

const big = (version: number, tables: Record<string, number> = {}): ServerFacts => ({
  serverVersionNum: version,
  tables: Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, { rows, bytes: rows * 100 }])),
});

async function plan(a: string | null, b: string, facts: ServerFacts = big(180000), options: PlanOptions = {}): Promise<Plan> {
  return planMigration(a === null ? null : await ir(a), await ir(b), facts, options);
}

const kinds = (p: Plan) => p.steps.map((s) => s.kind);

const USER = 'type User @table { id: ID! @pk  email: String!  name: String }';

describe('planMigration', () => {
  it('plans nothing for equal schemas', async () => {
    const p = await plan(USER, USER);
    expect(p.steps).toEqual([]);
    expect(p.refused).toEqual([]);
    expect(p.riskScore).toBe(0);
    expect(p.riskLevel).toBe('LOW');
  });

  it('adds a nullable column in one catalog-only step', async () => {
    const p = await plan(USER, USER.replace(' }', ' bio: String }'), big(180000, { 'public.user': 1e6 }));
    expect(kinds(p)).toEqual(['add-column']);
    expect(p.steps[0]).toMatchObject({ phase: 'expand', transactional: true, rewrite: false, scan: false, locks: [{ table: 'public.user', mode: 'ACCESS EXCLUSIVE' }] });
  });

  it('adds a required column with a constant default instantly', async () => {
    const p = await plan(USER, USER.replace(' }', ' score: Int! @default(value: 0) }'), big(110000, { 'public.user': 1e6 }));
    expect(kinds(p)).toEqual(['add-column']);
    expect(p.steps[0]!.sql[0]).toContain('NOT NULL DEFAULT 0');
  });

  it('takes the backfill route for a required column with a volatile default, NOT NULL last', async () => {
    const next = USER.replace(' }', ' token: String! @default(expr: "md5(random()::text)") }');
    for (const [version, scans] of [[110000, true], [120000, false], [180000, false]] as const) {
      const p = await plan(USER, next, big(version, { 'public.user': 1e6 }));
      expect(kinds(p)).toEqual(['add-column', 'backfill-column', 'add-not-null-check', 'validate-constraint', 'set-not-null']);
      expect(p.steps.map((s) => s.phase)).toEqual(['expand', 'backfill', 'validate', 'validate', 'validate']);
      const backfill = p.steps[1]!;
      expect(backfill.transactional).toBe(false);
      expect(backfill.backfill).toMatchObject({ table: 'public.user', column: 'token', keyColumns: ['id'] });
      expect(p.steps[4]!.scan).toBe(scans);
      expect(p.steps[4]!.dependsOn).toContain(p.steps[3]!.id);
    }
  });

  it('refuses a required column without a default on a table that may have rows, but adds it to an empty one', async () => {
    const next = USER.replace(' }', ' code: String! }');
    const refused = await plan(USER, next);
    expect(refused.steps).toEqual([]);
    expect(refused.refused).toMatchObject([{ code: 'WESLEY_PLAN_REQUIRED_WITHOUT_DEFAULT', object: 'public.user.code', unsafeAllows: false }]);
    const empty = await plan(USER, next, big(180000, { 'public.user': 0 }));
    expect(kinds(empty)).toEqual(['add-column']);
  });

  it('builds indexes on existing tables concurrently and outside transactions; plain in a new table', async () => {
    const p = await plan(USER, USER.replace('email: String!', 'email: String! @index') + '\ntype Tag @table { id: ID! @pk  label: String! @index }');
    const build = p.steps.find((s) => s.kind === 'create-index-concurrently')!;
    expect(build).toMatchObject({ transactional: false, table: 'public.user', locks: [{ table: 'public.user', mode: 'SHARE UPDATE EXCLUSIVE' }] });
    expect(build.sql[0]).toMatch(/^CREATE INDEX CONCURRENTLY IF NOT EXISTS "user_email_idx"/);
    const create = p.steps.find((s) => s.kind === 'create-table')!;
    expect(create.sql.some((s) => /^CREATE INDEX "tag_label_idx"/.test(s))).toBe(true);
  });

  it('adds a unique constraint through a concurrent unique index and USING INDEX', async () => {
    const p = await plan(USER, USER.replace('email: String!', 'email: String! @unique'));
    expect(kinds(p)).toEqual(['create-index-concurrently', 'add-constraint-using-index']);
    expect(p.steps[1]!.sql[0]).toBe('ALTER TABLE "public"."user" ADD CONSTRAINT "user_email_key" UNIQUE USING INDEX "user_email_key"');
  });

  it('adds foreign keys NOT VALID, then validates them in the validate phase', async () => {
    const a = `${USER}\ntype Post @table { id: ID! @pk  authorId: ID! }`;
    const b = `${USER}\ntype Post @table { id: ID! @pk  authorId: ID! @fk(ref: "User.id") }`;
    const p = await plan(a, b);
    const add = p.steps.find((s) => s.kind === 'add-foreign-key')!;
    expect(add.sql[0]).toMatch(/NOT VALID$/);
    expect(add.locks).toEqual([{ table: 'public.post', mode: 'SHARE ROW EXCLUSIVE' }, { table: 'public.user', mode: 'SHARE ROW EXCLUSIVE' }]);
    const validate = p.steps.find((s) => s.kind === 'validate-constraint')!;
    expect(validate).toMatchObject({ phase: 'validate', window: 'low-traffic' });
    expect(validate.locks).toEqual([{ table: 'public.post', mode: 'SHARE UPDATE EXCLUSIVE' }, { table: 'public.user', mode: 'ROW SHARE' }]);
  });

  it('widens varchar in place and refuses int -> bigint without --unsafe', async () => {
    const a = 'type T @table { id: ID! @pk  code: String @column(type: "varchar(10)")  n: Int }';
    const b = 'type T @table { id: ID! @pk  code: String @column(type: "varchar(20)")  n: Int @column(type: "bigint") }';
    const safe = await plan(a, b);
    expect(kinds(safe)).toEqual(['alter-column-type']);
    expect(safe.steps[0]!.rewrite).toBe(false);
    expect(safe.refused).toMatchObject([{ code: 'WESLEY_PLAN_REWRITE', object: 'public.t.n', unsafeAllows: true }]);
    const unsafe = await plan(a, b, big(180000), { unsafe: true });
    expect(unsafe.refused).toEqual([]);
    expect(unsafe.steps.some((s) => s.rewrite)).toBe(false);
    expect(unsafe.steps.map((s) => [s.phase, s.kind])).toEqual([
      ['expand', 'alter-column-type'],
      ['expand', 'add-column'],
      ['expand', 'create-trigger'],
      ['backfill', 'backfill-column'],
      ['contract', 'swap-column'],
    ]);
    expect(unsafe.steps.at(-1)!.sql).toContain('ALTER TABLE "public"."t" RENAME COLUMN "n_wesley_new" TO "n"');
  });

  it('rewrites in place (with --unsafe) when something binds to the column itself', async () => {
    const a = 'type T @table { id: Int! @pk  n: Int @check(expr: "n > 0") }';
    const b = 'type T @table { id: Int! @pk  n: Int @column(type: "bigint") @check(expr: "n > 0") }';
    const safe = await plan(a, b);
    expect(safe.refused[0]!.reason).toMatch(/check t_n_check uses it/);
    const unsafe = await plan(a, b, big(180000), { unsafe: true });
    expect(unsafe.steps).toMatchObject([{ kind: 'alter-column-type', phase: 'contract', rewrite: true, requiresUnsafe: true }]);
  });

  it('refuses drops without --unsafe and plans them as contract steps with it', async () => {
    const a = `${USER}\ntype Old @table { id: ID! @pk }`;
    const safe = await plan(a, USER.replace(' name: String', ''));
    expect(safe.steps).toEqual([]);
    expect(safe.refused.map((r) => r.object).sort()).toEqual(['public.old', 'public.user.name']);
    const unsafe = await plan(a, USER.replace(' name: String', ''), big(180000), { unsafe: true });
    expect(kinds(unsafe)).toEqual(['drop-table', 'drop-column']);
    expect(unsafe.steps.every((s) => s.phase === 'contract' && s.requiresUnsafe)).toBe(true);
    expect(unsafe.steps[0]!.rollback.kind).toBe('irreversible');
  });

  it('adds enum values outside a transaction on PG 11 and in one of their own on 12+', async () => {
    const a = 'enum Mood { HAPPY SAD }\ntype T @table { id: ID! @pk  mood: Mood }';
    const b = 'enum Mood { HAPPY CALM SAD ANGRY }\ntype T @table { id: ID! @pk  mood: Mood }';
    for (const [version, transactional] of [[110000, false], [120000, true]] as const) {
      const p = await plan(a, b, big(version));
      expect(p.steps.map((s) => [s.kind, s.transactional, s.sql[0]])).toEqual([
        ['add-enum-value', transactional, `ALTER TYPE "public"."mood" ADD VALUE IF NOT EXISTS 'CALM' AFTER 'HAPPY'`],
        ['add-enum-value', transactional, `ALTER TYPE "public"."mood" ADD VALUE IF NOT EXISTS 'ANGRY' AFTER 'SAD'`],
      ]);
    }
    const removed = await plan(b, a);
    expect(removed.refused).toMatchObject([{ code: 'WESLEY_PLAN_ENUM_VALUE_REMOVED', unsafeAllows: false }]);
  });

  it('renames a table and column and the constraints named after them, instead of dropping anything', async () => {
    const a = 'type Org @table { id: ID! @pk  title: String! @unique }';
    const b = 'type Team @table @renamedFrom(name: "Org") { id: ID! @pk  name: String! @unique @renamedFrom(name: "title") }';
    const p = await plan(a, b);
    expect(p.refused).toEqual([]);
    expect(p.steps.map((s) => s.sql[0])).toEqual([
      'ALTER TABLE "public"."org" RENAME TO "team"',
      'ALTER TABLE "public"."team" RENAME COLUMN "title" TO "name"',
      'ALTER TABLE "public"."team" RENAME CONSTRAINT "org_title_key" TO "team_name_key"',
      'ALTER TABLE "public"."team" RENAME CONSTRAINT "org_pkey" TO "team_pkey"',
    ]);
  });

  it('rebuilds an index the facts report INVALID', async () => {
    const sdl = USER.replace('email: String!', 'email: String! @index');
    const p = await plan(sdl, sdl, { serverVersionNum: 160000, invalidIndexes: [{ schema: 'public', table: 'user', name: 'user_email_idx' }] });
    expect(kinds(p)).toEqual(['drop-index-concurrently', 'create-index-concurrently']);
  });

  it('refuses servers older than PostgreSQL 11 and schemas that need a newer server', async () => {
    const error = await plan(USER, USER, { serverVersionNum: 100000 }).catch((e: unknown) => e);
    expect(isWesleyError(error) && error.code).toBe('WESLEY_PLAN_UNSUPPORTED_VERSION');
    const generated = 'type T @table { id: ID! @pk  a: Int  b: Int @generated(expr: "a * 2") }';
    const tooOld = await plan(null, generated, { serverVersionNum: 110000 }).catch((e: unknown) => e);
    expect(isWesleyError(tooOld) && tooOld.code).toBe('WESLEY_PLAN_SERVER_TOO_OLD');
  });

  it('adds a foreign key only after the column and unique index it references exist, whatever the SDL order', async () => {
    const a = 'type Post @table { id: ID! @pk  title: String }\ntype User @table { id: ID! @pk }';
    const b = 'type Post @table { id: ID! @pk  title: String  authorCode: String @fk(ref: "User.code") }\ntype User @table { id: ID! @pk  code: String @unique }';
    const p = await plan(a, b);
    const at = (pred: (s: Plan['steps'][number]) => boolean) => p.steps.findIndex(pred);
    const fk = at((s) => s.kind === 'add-foreign-key');
    expect(fk).toBeGreaterThan(at((s) => s.kind === 'add-column' && s.table === 'public.user'));
    expect(fk).toBeGreaterThan(at((s) => s.kind === 'add-constraint-using-index'));
  });

  it('drops a table that references a key before the key and its column', async () => {
    const a = 'type User @table { id: ID! @pk  code: String @unique }\ntype Post @table { id: ID! @pk  authorCode: String @fk(ref: "User.code") }';
    const p = await plan(a, 'type User @table { id: ID! @pk }', big(180000), { unsafe: true });
    expect(p.steps.map((s) => s.sql[0])).toEqual([
      'DROP TABLE "public"."post"',
      'ALTER TABLE "public"."user" DROP CONSTRAINT "user_code_key"',
      'ALTER TABLE "public"."user" DROP COLUMN "code"',
    ]);
  });

  it('changes a type online on a table without a primary key without looping on NULLs, and fills a new default', async () => {
    const p = await plan('type Event @table { name: String  amount: Int }', 'type Event @table { name: String  amount: BigInt }', big(180000), { unsafe: true });
    const backfill = p.steps.find((s) => s.kind === 'backfill-column')!;
    expect(backfill.backfill!.batchSql).toContain('AND ("amount" IS NOT NULL)');
    const required = await plan('type T @table { id: Int! @pk  qty: Int }', 'type T @table { id: Int! @pk  qty: BigInt! @default(value: 0) }', big(180000), { unsafe: true });
    expect(required.steps.find((s) => s.kind === 'backfill-column')!.backfill!.expression).toBe('COALESCE("qty"::bigint, 0)');
  });

  it('weakening tenant isolation needs --unsafe', async () => {
    const a = 'type Invoice @table @tenant(by: "orgId") @rls(using: "true", force: true) { id: ID! @pk  orgId: ID! }';
    const b = 'type Invoice @table @rls(using: "true", force: false) { id: ID! @pk  orgId: ID! }';
    const safe = await plan(a, b);
    expect(safe.steps.some((s) => s.kind === 'no-force-rls' || s.kind === 'drop-policy')).toBe(false);
    expect(safe.refused.filter((r) => r.code === 'WESLEY_PLAN_SECURITY_WEAKENED').map((r) => r.object)).toEqual([
      'public.invoice', ...['select', 'insert', 'update', 'delete'].map((c) => `public.invoice.invoice_tenant_${c}`),
    ]);
    const unsafe = await plan(a, b, big(180000), { unsafe: true });
    expect(unsafe.refused).toEqual([]);
    expect(unsafe.steps.filter((s) => s.requiresUnsafe).map((s) => s.kind).sort()).toContain('no-force-rls');
  });

  it('numbers a partition index whose name another index of the partition already has', async () => {
    const table = (extra: string) => `type Event @table @partition(by: RANGE, key: ["day"]) @partitionValues(name: "event_2026", bound: "FROM ('2026-01-01') TO ('2027-01-01')") { id: ID! @pk  day: Date! @pk  kind: String! @index${extra} }`;
    const p = await plan(table(''), table(' @index(name: "event_kind_hash", using: HASH)'));
    expect(p.steps.find((s) => s.kind === 'create-index-concurrently')!.sql[0]).toContain('"event_2026_kind_idx1"');
  });

  it('drops a kept foreign key before the key it references is rebuilt, and adds it back after', async () => {
    const a = 'type User @table { id: ID! @pk  code: String! }\ntype Post @table { id: ID! @pk  authorId: ID @fk(ref: "User.id") }';
    const b = 'type User @table { id: ID! @unique  code: String! @pk }\ntype Post @table { id: ID! @pk  authorId: ID @fk(ref: "User.id") }';
    const p = await plan(a, b, big(180000), { unsafe: true });
    const sql = p.steps.map((s) => s.sql[0]!);
    const at = (start: string) => sql.findIndex((q) => q.startsWith(start));
    expect(at('ALTER TABLE "public"."post" DROP CONSTRAINT "post_author_id_fkey"')).toBeLessThan(at('ALTER TABLE "public"."user" DROP CONSTRAINT "user_pkey"'));
    expect(at('ALTER TABLE "public"."post" ADD CONSTRAINT "post_author_id_fkey"')).toBeGreaterThan(at('ALTER TABLE "public"."user" ADD CONSTRAINT "user_pkey" PRIMARY KEY'));
  });
});
