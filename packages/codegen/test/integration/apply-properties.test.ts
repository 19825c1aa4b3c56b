// Random valid schemas (@wesley/testkit/arbitraries), compiled and generated, must apply to a real
// server. One database per server; each schema runs in a transaction that is rolled back, so the
// next one starts from the same empty database.
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { compileSchema, formatError } from '@wesley/ir';
import { KNOWN_BUGS, schemaArbitrary, withoutKnownBugs } from '@wesley/testkit/arbitraries';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import type { ServerInfo } from '@wesley/testkit';
import { generateSql } from '../../src/index.js';

const RUNS = 50;

/** Compiles, generates and runs the SQL in a transaction that is rolled back; throws with the SQL on failure. */
async function applyRolledBack(client: pg.Client, server: ServerInfo, sdl: string): Promise<void> {
  const result = await compileSchema([{ name: 'schema.graphql', text: sdl }]);
  if (!result.ok) throw new Error(`The schema does not compile:\n${result.errors.map(formatError).join('\n')}`);
  expect(result.ir.minimumServerVersion).toBeLessThanOrEqual(server.versionNum);
  const sql = generateSql(result.ir);
  await client.query('BEGIN');
  try {
    await client.query(sql);
  } catch (error) {
    const { message, position } = error as { message: string; position?: string };
    const at = position ? ` (at ...${sql.slice(Math.max(0, Number(position) - 60), Number(position) + 20)}...)` : '';
    throw new Error(`PostgreSQL ${server.major} rejects the SQL: ${message}${at}\n\n-- SQL\n${sql}`, { cause: error });
  } finally {
    await client.query('ROLLBACK');
  }
}

async function withClient(server: ServerInfo, fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const db = await createTestDatabase(server);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test(`${RUNS} generated schemas apply`, async () => {
    await withClient(server, async (client) => {
      await fc.assert(
        fc.asyncProperty(withoutKnownBugs(schemaArbitrary({ pg11Compatible: server.major < 12 })), ({ sdl }) => applyRolledBack(client, server, sdl)),
        { numRuns: RUNS },
      );
    });
  });

  // Schemas that hit a known bug are left out above; each bug's minimal schema must fail here
  // until it is fixed (then delete its entry in @wesley/testkit/arbitraries known-bugs.ts).
  for (const bug of KNOWN_BUGS.filter((b) => b.stage === 'apply')) {
    test.fails(`known bug ${bug.id}: the schema applies`, async () => {
      await withClient(server, (client) => applyRolledBack(client, server, bug.sdl));
    });
  }
});
