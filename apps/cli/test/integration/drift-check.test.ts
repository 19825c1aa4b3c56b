// `wesley drift check` against real servers: exit 0 clean, 1 drift, 2 usage, 4 invalid schema,
// 5 database; the text names each difference and the fix command; --json follows the documented
// shape (docs/cli/json.md); --sql is
// the fix script; the password in the URL never appears in any output.
import fs from 'node:fs';
import path from 'node:path';
import { generateSql } from '@wesley/codegen';
import { compileSchema } from '@wesley/ir';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { JSON_DOCUMENTS } from '../../src/json-schemas.js';
import { EXIT } from '../../src/main.js';
import { fixtures, wesley } from '../migrate-plan-helpers.js';

/** The documented --json document (docs/cli/json.md), strict: an unannounced field fails. */
const driftCheckJson = JSON_DOCUMENTS['drift check'];

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
    expect(doc).toMatchObject({ ok: true, clean: true, differences: [], fix: null, database: { source: 'WESLEY_DATABASE_URL', embedded: null } });
    expect(json.code).toBe(0);
  });

  test('a column dropped behind Wesley\'s back: exit 1, the difference, the fix command and its SQL', async () => {
    const url = await v1Database(server);
    await withClient(url, (client) => client.query('ALTER TABLE public."user" DROP COLUMN legacy_code'));

    const text = await wesley([...CHECK, '--database-url', url]);
    expect(text.code).toBe(EXIT.difference);
    expect(text.stdout).toContain('Drift: 1 difference between v1.graphql and the database');
    expect(text.stdout).toMatch(/missing\s+column\s+public\.user\.legacy_code/);
    expect(text.stdout).toContain('wesley drift check --schema v1.graphql --sql > drift-fix.sql');
    expect(text.stdout).toContain('01-add-column-public.user.legacy_code');

    const json = await wesley([...CHECK, '--database-url', url, '--json']);
    expect(json.code).toBe(EXIT.difference);
    const doc = driftCheckJson.parse(JSON.parse(json.stdout));
    if (!doc.ok) throw new Error('expected a report');
    expect(doc.differences.map((d) => [d.kind, d.object, d.path])).toEqual([['missing', 'column', 'public.user.legacy_code']]);
    expect(doc.fix).toMatchObject({ complete: true });
    expect(doc.database).toEqual({ source: '--database-url', embedded: null });

    const sql = await wesley([...CHECK, '--database-url', url, '--sql']);
    expect(sql.code).toBe(EXIT.difference);
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

describe('errors: exit 2, 4 or 5, never the password', () => {
  test('no database, and the config turns the embedded one off: a usage error', async () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'wesley-drift-'));
    try {
      fs.copyFileSync(path.join(fixtures, 'v1.graphql'), path.join(dir, 'v1.graphql'));
      fs.writeFileSync(path.join(dir, 'wesley.config.json'), JSON.stringify({ embedded: { enabled: false } }));
      const { code, stderr } = await wesley(CHECK, { cwd: dir });
      expect(code).toBe(EXIT.usage);
      expect(stderr).toContain('WESLEY_CLI_USAGE: drift check needs a database, and the config turns the embedded one off');
      expect(stderr).toContain('WESLEY_DATABASE_URL');
      const json = await wesley([...CHECK, '--json'], { cwd: dir });
      expect(json.code).toBe(EXIT.usage);
      expect(driftCheckJson.parse(JSON.parse(json.stdout))).toMatchObject({ ok: false, errors: [{ code: 'WESLEY_CLI_USAGE' }], files: ['v1.graphql'], database: null });
      expect(fs.existsSync(path.join(dir, '.wesley'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a database that cannot be reached', async () => {
    const url = `postgres://wesley:${PASSWORD}@127.0.0.1:1/nowhere`;
    const { code, stdout, stderr } = await wesley([...CHECK, '--database-url', url, '--json']);
    expect(code).toBe(EXIT.database);
    const doc = driftCheckJson.parse(JSON.parse(stdout));
    expect(doc.ok ? [] : doc.errors.map((e) => e.code)).toEqual(['WESLEY_CLI_DATABASE_UNREACHABLE']);
    expect(stdout + stderr).not.toContain(PASSWORD);
  });

  test('an invalid schema', async () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'wesley-drift-'));
    fs.writeFileSync(path.join(dir, 'bad.graphql'), 'type T @table {\n  id: ID! @pk\n  x: Nope\n}\n');
    const { code, stderr } = await wesley(['drift', 'check', '--schema', 'bad.graphql', '--database-url', 'postgres://localhost:1/x'], { cwd: dir });
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toMatch(/bad\.graphql:3:\d+ WESLEY_IR_UNKNOWN_TYPE/);
  });
});
