// The round trip as a property: any schema the shared arbitrary generates, compiled, applied to a
// real server and introspected back, has the same database shape and hash, and diffSchemas finds
// nothing. Each sample gets a fresh database. WESLEY_DRIFT_RUNS sets the number of samples per
// server (`pnpm --filter @wesley/drift soak` runs 1,000); FC_SEED replays a failure.
import { generateSql } from '@wesley/codegen';
import { compileSchema, databaseShape, formatError, hashSchema } from '@wesley/ir';
import { withClient } from '@wesley/testkit';
import { schemaArbitrary, withoutKnownBugs } from '@wesley/testkit/arbitraries';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { diffSchemas, introspect, reconcileLiterals } from '../../src/index.js';

const RUNS = Number(process.env.WESLEY_DRIFT_RUNS ?? 15);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (major, server) => {
  test(`${RUNS} generated schemas introspect back to the same shape and hash`, async () => {
    await fc.assert(
      fc.asyncProperty(withoutKnownBugs(schemaArbitrary({ pg11Compatible: major < 12 })), async ({ sdl }) => {
        const result = await compileSchema([{ name: 'schema.graphql', text: sdl }]);
        if (!result.ok) throw new Error(`The schema does not compile:\n${result.errors.map(formatError).join('\n')}`);
        const ir = result.ir;
        const database = await createTestDatabase(server);
        const pool = new pg.Pool({ connectionString: database.url, max: 1 });
        try {
          await withClient(database.url, (client) => client.query(generateSql(ir)));
          const found = await introspect(pool, { schemas: ir.schemas, extensions: ir.extensions, roles: ir.roles.map((r) => r.name) });
          const actual = await reconcileLiterals(pool, ir, found.ir);
          expect(diffSchemas(ir, actual, { state: found.state }).differences).toEqual([]);
          expect(databaseShape(actual)).toEqual(databaseShape(ir));
          expect(hashSchema(actual)).toBe(hashSchema(ir));
        } finally {
          await pool.end();
          await database.drop();
        }
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
  }, 600_000);
});
