import fs from 'node:fs';
import path from 'node:path';
import { generateSql } from '@wesley/codegen';
import { compileSchema } from '@wesley/ir';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { EXIT } from '../../src/main.js';
import { migratePlanFailure as failureEnvelope } from '../../src/json-schemas.js';
import { fixtures, parseSuccess, wesley } from '../migrate-plan-helpers.js';

const V1_V2 = ['migrate', 'plan', '--from', 'v1.graphql', '--to', 'v2.graphql'];

/** A database with v1 applied (as `wesley generate` writes it), 20,000 users, analysed. */
async function v1Database(server: Parameters<typeof createTestDatabase>[0]): Promise<string> {
  const compiled = await compileSchema([{ name: 'v1.graphql', text: fs.readFileSync(path.join(fixtures, 'v1.graphql'), 'utf8') }]);
  if (!compiled.ok) throw new Error('v1.graphql does not compile');
  const db = await createTestDatabase(server);
  await withClient(db.url, async (client) => {
    await client.query(generateSql(compiled.ir));
    // md5(...)::uuid rather than gen_random_uuid(), which PostgreSQL 11 and 12 have only in pgcrypto.
    await client.query(`INSERT INTO "org" (id, name) SELECT md5('org' || g)::uuid, 'org ' || g FROM generate_series(1, 10) g`);
    await client.query(`INSERT INTO "user" (id, org_id, email, legacy_code) SELECT md5('user' || g)::uuid, md5('org1')::uuid, 'u' || g || '@example.com', repeat('x', 200) FROM generate_series(1, 20000) g`);
    await client.query('ANALYZE');
  });
  return db.url;
}

const UNITS: Record<string, number> = { bytes: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test('--database-url: the plan is for that server, with its table sizes; nothing is written', async () => {
    const url = await v1Database(server);
    const { code, stdout, stderr } = await wesley([...V1_V2, '--database-url', url, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.refused); // the dropped column is refused without --unsafe
    const doc = parseSuccess(stdout);
    expect(doc.factsSource).toBe('database');
    expect(doc.notes).toEqual([]);
    expect(doc.plan.pgMajor).toBe(server.major);
    expect(doc.plan.pgVersion).toBe(server.versionNum);
    expect(doc.plan.warnings).toEqual([]);

    // The estimate of the index build is computed from the table's real size.
    const heapBytes = await withClient(url, async (client) => Number((await client.query(`SELECT pg_table_size('public.user') AS b`)).rows[0].b));
    const index = doc.plan.steps.find((s) => s.kind === 'create-index-concurrently')!;
    const basis = /^([\d.,]+) (bytes|kB|MB|GB) heap x /.exec(index.estimate.basis);
    expect(basis, index.estimate.basis).not.toBeNull();
    const shownBytes = Number(basis![1]!.replaceAll(',', '')) * UNITS[basis![2]!]!;
    expect(Math.abs(shownBytes - heapBytes) / heapBytes).toBeLessThan(0.01);

    // Text and --dry-run read the same facts; nothing of the plan was run.
    const text = await wesley([...V1_V2, '--database-url', url]);
    expect(text.stdout).toMatch(new RegExp(`\\n {2}PostgreSQL: {5}${server.major}[ .]`));
    const dryRun = await wesley([...V1_V2, '--database-url', url, '--dry-run', '--unsafe']);
    expect(dryRun.code).toBe(EXIT.ok);
    expect(dryRun.stdout).toContain('DROP COLUMN "legacy_code"');
    await withClient(url, async (client) => {
      const columns = await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'user' ORDER BY ordinal_position`);
      expect(columns.rows.map((r) => r.column_name)).toEqual(['id', 'org_id', 'email', 'legacy_code']);
      expect((await client.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'user'`)).rows[0].n).toBe(1);
    });
  });

  test('a failed connection: a clear error; the URL and its password never appear', async () => {
    const url = await v1Database(server);
    // The test servers trust every local connection, so a wrong password alone would get in; a
    // role that does not exist fails on any server (28000 with trust, 28P01 with passwords).
    const wrong = new URL(url);
    wrong.username = 'wesley_nobody';
    wrong.password = 'Wr0ng-Pa55word';
    for (const extra of [[], ['--json'], ['--markdown'], ['--debug']]) {
      const { code, stdout, stderr } = await wesley([...V1_V2, '--database-url', wrong.toString(), ...extra]);
      expect(code).toBe(EXIT.database);
      const output = stdout + stderr;
      expect(output).toMatch(/WESLEY_CLI_DATABASE_UNREACHABLE(: |", *\n *"message": ")Cannot connect to the database given by --database-url: /);
      expect(output).not.toContain('Wr0ng-Pa55word');
      expect(output).not.toContain(wrong.toString());
      expect(output).not.toContain(`${wrong.hostname}:${wrong.port}/`);
    }
    const doc = failureEnvelope.parse(JSON.parse((await wesley([...V1_V2, '--database-url', wrong.toString(), '--json'])).stdout));
    expect(doc.errors[0]!.message).toMatch(/role "wesley_nobody" does not exist|password authentication failed/);
    expect(doc.errors[0]!.hint).toMatch(/^Check the user name/);

    const noDatabase = new URL(url);
    noDatabase.pathname = '/wesley_no_such_database';
    const missing = await wesley([...V1_V2, '--database-url', noDatabase.toString()]);
    expect(missing.code).toBe(EXIT.database);
    expect(missing.stderr).toContain('database "wesley_no_such_database" does not exist');
    expect(missing.stderr).toContain('hint: Check the database name at the end of the URL.');
  });
});

// pg_table_size needs ACCESS SHARE: behind a session holding ACCESS EXCLUSIVE, reading gives up
// after the 5 s lock_timeout. One server is enough to show the error (it takes those 5 s).
test('a table locked ACCESS EXCLUSIVE: WESLEY_CLI_DATABASE_READ_FAILED after the lock timeout', async () => {
  const url = await v1Database(testServers().at(-1)!);
  const locker = new pg.Client({ connectionString: url });
  await locker.connect();
  try {
    await locker.query('BEGIN; LOCK TABLE "user" IN ACCESS EXCLUSIVE MODE');
    const { code, stdout, stderr } = await wesley([...V1_V2, '--database-url', url]);
    expect(code).toBe(EXIT.database);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'WESLEY_CLI_DATABASE_READ_FAILED: Connected to the database given by --database-url, but reading its catalogs failed: canceling statement due to lock timeout (55P03).\n' +
        '  hint: A table is locked (ACCESS EXCLUSIVE) by another session: run the command again when it is done, or use --stats.\n',
    );
  } finally {
    await locker.end();
  }
});
