// `wesley drift check` against real servers: exit 0 clean, 1 drift, 2 error; the text names each
// difference and the fix command; --json follows the documented shape (docs/drift.md); --sql is
// the fix script; the password in the URL never appears in any output.
import fs from 'node:fs';
import path from 'node:path';
import { generateSql } from '@wesley/codegen';
import { compileSchema } from '@wesley/ir';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { EXIT } from '../../src/main.js';
import { fixtures, wesley } from '../migrate-plan-helpers.js';

const difference = z.strictObject({
  kind: z.enum(['missing', 'extra', 'changed']),
  object: z.enum(['schema', 'extension', 'enum', 'function', 'role', 'table', 'column', 'primary-key', 'unique', 'index', 'foreign-key', 'check', 'partition', 'policy']),
  path: z.string(),
  field: z.string().optional(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  message: z.string(),
});
const error = z.strictObject({ code: z.string().startsWith('WESLEY_'), message: z.string(), hint: z.string().optional(), expected: z.string().optional(), location: z.unknown().optional(), details: z.unknown().optional() });
const common = { formatVersion: z.literal(1), command: z.literal('drift check'), files: z.array(z.string()), diagnostics: z.array(z.unknown()) };
/** The documented --json document (docs/drift.md), strict: an unannounced field fails. */
const driftCheckJson = z.discriminatedUnion('ok', [
  z.strictObject({
    ...common,
    ok: z.literal(true),
    clean: z.boolean(),
    serverVersionNum: z.number().int(),
    schemas: z.array(z.string()),
    expectedHash: z.string().regex(/^[0-9a-f]{64}$/),
    actualHash: z.string().regex(/^[0-9a-f]{64}$/),
    queries: z.number().int().positive(),
    ignored: z.number().int().nonnegative(),
    differences: z.array(difference),
    fix: z.strictObject({ complete: z.boolean(), command: z.string(), refused: z.array(z.unknown()), uncovered: z.array(z.string()), sql: z.string(), plan: z.record(z.string(), z.unknown()) }).nullable(),
    fixError: error.nullable(),
  }),
  z.strictObject({ ...common, ok: z.literal(false), errors: z.array(error).min(1) }),
]);

const PASSWORD = 'Sup3r-s3cret-pw';

/** A database with v1.graphql applied; its URL carries a password (the test servers trust local connections). */
async function v1Database(server: Parameters<typeof createTestDatabase>[0]): Promise<string> {
  const compiled = await compileSchema([{ name: 'v1.graphql', text: fs.readFileSync(path.join(fixtures, 'v1.graphql'), 'utf8') }]);
  if (!compiled.ok) throw new Error('v1.graphql does not compile');
  const db = await createTestDatabase(server);
  await withClient(db.url, (client) => client.query(generateSql(compiled.ir)));
  const url = new URL(db.url);
  url.password = PASSWORD;
  return url.toString();
}

const CHECK = ['drift', 'check', '--schema', 'v1.graphql'];

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test('a database migrated from the schema: exit 0, "No drift"', async () => {
    const url = await v1Database(server);
    const text = await wesley([...CHECK, '--database-url', url]);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/^No drift: the database matches v1\.graphql/);
    expect(text.code).toBe(0);
    const json = await wesley([...CHECK, '--json'], { env: { WESLEY_DATABASE_URL: url } });
    const doc = driftCheckJson.parse(JSON.parse(json.stdout));
    expect(doc).toMatchObject({ ok: true, clean: true, differences: [], fix: null });
    expect(json.code).toBe(0);
  });

  test('a column dropped behind Wesley\'s back: exit 1, the difference, the fix command and its SQL', async () => {
    const url = await v1Database(server);
    await withClient(url, (client) => client.query('ALTER TABLE public."user" DROP COLUMN legacy_code'));

    const text = await wesley([...CHECK, '--database-url', url]);
    expect(text.code).toBe(EXIT.drift);
    expect(text.stdout).toContain('Drift: 1 difference between v1.graphql and the database');
    expect(text.stdout).toMatch(/missing\s+column\s+public\.user\.legacy_code/);
    expect(text.stdout).toContain('wesley drift check --schema v1.graphql --sql > drift-fix.sql');
    expect(text.stdout).toContain('01-add-column-public.user.legacy_code');

    const json = await wesley([...CHECK, '--database-url', url, '--json']);
    expect(json.code).toBe(EXIT.drift);
    const doc = driftCheckJson.parse(JSON.parse(json.stdout));
    if (!doc.ok) throw new Error('expected a report');
    expect(doc.differences.map((d) => [d.kind, d.object, d.path])).toEqual([['missing', 'column', 'public.user.legacy_code']]);
    expect(doc.fix).toMatchObject({ complete: true });

    const sql = await wesley([...CHECK, '--database-url', url, '--sql']);
    expect(sql.code).toBe(EXIT.drift);
    expect(sql.stdout).toContain('ALTER TABLE "public"."user" ADD COLUMN "legacy_code" text');
    // Applying the fix makes the check clean.
    await withClient(url, (client) => client.query(sql.stdout));
    expect((await wesley([...CHECK, '--database-url', url])).code).toBe(0);

    for (const output of [text, json, sql]) expect(output.stdout + output.stderr).not.toContain(PASSWORD);
  });

  test('--ignore leaves the object out and says how many were ignored', async () => {
    const url = await v1Database(server);
    await withClient(url, (client) => client.query('CREATE INDEX user_email_idx ON public."user" (email)'));
    const ignored = await wesley([...CHECK, '--database-url', url, '--ignore', 'public.user.*_idx']);
    expect(ignored.stdout).toContain('(1 difference ignored)');
    expect(ignored.code).toBe(0);
  });
});

describe('errors: exit 2, never the password', () => {
  test('no database', async () => {
    const { code, stderr } = await wesley(CHECK);
    expect(code).toBe(EXIT.checkFailed);
    expect(stderr).toContain('WESLEY_CLI_USAGE');
    expect(stderr).toContain('WESLEY_DATABASE_URL');
  });

  test('a database that cannot be reached', async () => {
    const url = `postgres://wesley:${PASSWORD}@127.0.0.1:1/nowhere`;
    const { code, stdout, stderr } = await wesley([...CHECK, '--database-url', url, '--json']);
    expect(code).toBe(EXIT.checkFailed);
    const doc = driftCheckJson.parse(JSON.parse(stdout));
    expect(doc.ok ? [] : doc.errors.map((e) => e.code)).toEqual(['WESLEY_CLI_DATABASE_UNREACHABLE']);
    expect(stdout + stderr).not.toContain(PASSWORD);
  });

  test('an invalid schema', async () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'wesley-drift-'));
    fs.writeFileSync(path.join(dir, 'bad.graphql'), 'type T @table {\n  id: ID! @pk\n  x: Nope\n}\n');
    const { code, stderr } = await wesley(['drift', 'check', '--schema', 'bad.graphql', '--database-url', 'postgres://localhost:1/x'], { cwd: dir });
    expect(code).toBe(EXIT.checkFailed);
    expect(stderr).toMatch(/bad\.graphql:3:\d+ WESLEY_IR_UNKNOWN_TYPE/);
  });
});
