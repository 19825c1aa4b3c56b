import fs from 'node:fs';
import { generateSql } from '@wesley/codegen';
import { compileSchema, databaseShape, formatError, hashSchema, type SchemaIR } from '@wesley/ir';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { diffSchemas, introspect, reconcileLiterals } from '../../src/index.js';

const FIXTURES = ['packages/ir/test/fixtures/all-directives.graphql', 'packages/ir/test/fixtures/pg11-compatible.graphql'];
const repo = new URL('../../../../', import.meta.url);

async function compileFile(file: string): Promise<SchemaIR> {
  const text = fs.readFileSync(new URL(file, repo), 'utf8');
  const result = await compileSchema([{ name: file, text }]);
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  return result.ir;
}

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (major, server) => {
  test.each(FIXTURES)('%s: applied and introspected back, it has the same shape and hash', async (file) => {
    const ir = await compileFile(file);
    if (ir.minimumServerVersion > server.versionNum) return;
    const database = await createTestDatabase(server);
    await withClient(database.url, (client) => client.query(generateSql(ir)));
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      const found = await introspect(pool, { schemas: ir.schemas, extensions: ir.extensions, roles: ir.roles.map((r) => r.name) });
      // The fixtures need no help from the server: their hash round-trips offline.
      expect(await reconcileLiterals(pool, ir, found.ir)).toBe(found.ir);
      const diff = diffSchemas(ir, found.ir, { state: found.state });
      expect(diff.differences).toEqual([]);
      expect(databaseShape(found.ir)).toEqual(databaseShape(ir));
      expect(hashSchema(found.ir)).toBe(hashSchema(ir));
      expect(found.queries).toBeLessThanOrEqual(15);
    } finally {
      await pool.end();
    }
  });
});
