import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { compileSchema, formatError } from '@wesley/ir';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { generateSql } from '../../src/index.js';

// Every fixture's SQL is snapshot-tested AND applied to real servers in the same run: a snapshot
// of SQL that does not apply fails.
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');
const legacy = path.resolve(repo, '../shared/fixtures/wesley-legacy');

const fixtures: Array<{ name: string; file: string }> = [
  { name: 'saas', file: path.join(repo, 'examples/saas/schema.graphql') },
  { name: 'all-directives', file: path.join(repo, 'packages/ir/test/fixtures/all-directives.graphql') },
  { name: 'pg11-compatible', file: path.join(repo, 'packages/ir/test/fixtures/pg11-compatible.graphql') },
  ...['examples__schema', 'examples__ecommerce', 'reference__schema', 'blade__schema-v1'].map((n) => ({ name: `legacy-${n}`, file: path.join(legacy, `${n}.graphql`) })),
];

// The legacy schemas were written for Supabase, whose auth.uid() / auth.role() their policies call.
const SUPABASE_HELPERS = `
CREATE SCHEMA IF NOT EXISTS auth;
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $$ SELECT current_setting('request.jwt.claim.role', true) $$;
`;

const compiled = await Promise.all(
  fixtures.map(async (f) => {
    const result = await compileSchema([{ name: path.basename(f.file), text: fs.readFileSync(f.file, 'utf8') }]);
    if (!result.ok) throw new Error(`${f.name} does not compile:\n${result.errors.map(formatError).join('\n')}`);
    return { ...f, ir: result.ir, sql: generateSql(result.ir, { header: `${f.name} (hash ${result.hash})` }) };
  }),
);

describe.each(compiled.map((c) => [c.name, c] as const))('fixture %s', (name, fixture) => {
  test('SQL matches its snapshot', async () => {
    await expect(fixture.sql).toMatchFileSnapshot(`__snapshots__/${name}.sql`);
  });

  // A schema the compiler says needs a newer server (generated columns: 12+) is not applied there.
  describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
    test.skipIf(server.versionNum < fixture.ir.minimumServerVersion)('applies', async () => {
    const db = await createTestDatabase(server);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      if (name.startsWith('legacy-')) await client.query(SUPABASE_HELPERS);
      await client.query('BEGIN');
      await client.query(fixture.sql);
      await client.query('COMMIT');
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1)`,
        [fixture.ir.schemas],
      );
      expect(Number(rows[0]!.n)).toBe(fixture.ir.tables.length);
    } finally {
      await client.end();
    }
    });
  });
});
