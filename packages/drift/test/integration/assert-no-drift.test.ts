// The startup check for applications: quiet when clean, a WESLEY_DRIFT_DETECTED error naming the
// difference and the fix command when not, and a refusal of an IR from another build.
import { generateSql } from '@wesley/codegen';
import { compileSchema, formatError, isWesleyError, type SchemaIR } from '@wesley/ir';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import pg from 'pg';
import { beforeAll, describe, expect, test } from 'vitest';
import { assertNoDrift } from '../../src/index.js';

const SDL = 'type Note @table {\n  id: ID! @pk\n  body: String!\n  pinned: Boolean! @default(value: false)\n}\n';
let ir: SchemaIR;
let hash: string;
beforeAll(async () => {
  const result = await compileSchema([{ name: 'schema.graphql', text: SDL }]);
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  ({ ir, hash } = result);
});

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test('clean: resolves with the hash; drifted: throws WESLEY_DRIFT_DETECTED with the difference and the fix command', async () => {
    const database = await createTestDatabase(server);
    await withClient(database.url, (client) => client.query(generateSql(ir)));
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      await expect(assertNoDrift(pool, ir, { hash })).resolves.toEqual({ hash, serverVersionNum: server.versionNum });
      await pool.query('ALTER TABLE public.note ALTER COLUMN pinned DROP DEFAULT');
      const error = await assertNoDrift(pool, ir, { fixCommand: 'wesley drift check --schema schema.graphql' }).catch((e: unknown) => e);
      expect(isWesleyError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'WESLEY_DRIFT_DETECTED', hint: 'Run `wesley drift check --schema schema.graphql` to see each difference and the SQL that repairs it.' });
      expect((error as Error).message).toContain('The column public.note.pinned: default is null in the database, false in the schema.');
      await expect(assertNoDrift(pool, ir, { hash: '0'.repeat(64) })).rejects.toMatchObject({ code: 'WESLEY_DRIFT_STALE_SCHEMA' });
    } finally {
      await pool.end();
    }
  });
});
