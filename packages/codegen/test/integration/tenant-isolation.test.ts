import pg from 'pg';
import { compileSchema } from '@wesley/ir';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { generateSql } from '../../src/index.js';

// @tenant isolation, proven on real servers: a non-owner application role sees and changes only
// its own tenant's rows through every command; the owner is not exempt (FORCE); the migrator
// role (BYPASSRLS) sees everything. A partitioned tenant table isolates through each partition
// too: PostgreSQL applies only the policies of the table a query names.
const SDL = `
type Org @table { id: ID! @pk name: String! }
type Note @table @tenant(by: "orgId") {
  id: ID! @pk @default(expr: "gen_random_uuid()")
  orgId: ID! @fk(ref: "Org.id", onDelete: CASCADE)
  body: String!
}
type Entry @table @tenant(by: "orgId")
  @partition(by: RANGE, key: ["createdAt"])
  @partitionValues(name: "entry_2025", bound: "FROM ('2025-01-01') TO ('2026-01-01')")
  @partitionValues(name: "entry_2026", bound: "FROM ('2026-01-01') TO ('2027-01-01')") {
  id: ID! @pk @default(expr: "gen_random_uuid()")
  createdAt: DateTime! @pk
  orgId: ID! @fk(ref: "Org.id", onDelete: CASCADE)
  body: String!
}
`;
const A = '00000000-0000-0000-0000-00000000000a';
const B = '00000000-0000-0000-0000-00000000000b';
const NOTE_B = '00000000-0000-0000-0000-0000000000b1';

const result = await compileSchema([{ name: 'tenant.graphql', text: SDL }]);
if (!result.ok) throw new Error(JSON.stringify(result.errors));
const sql = generateSql(result.ir);

async function setUp(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql);
  await client.query(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_user') THEN CREATE ROLE app_user NOLOGIN; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_owner') THEN CREATE ROLE app_owner NOLOGIN; END IF;
    END $$;
    GRANT USAGE ON SCHEMA public, auth TO app_user, app_owner, wesley_migrator;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app_user, wesley_migrator;
    INSERT INTO "public"."org" (id, name) VALUES ('${A}', 'A'), ('${B}', 'B');
    INSERT INTO "public"."note" (id, org_id, body) VALUES (gen_random_uuid(), '${A}', 'a1'), (gen_random_uuid(), '${A}', 'a2'), ('${NOTE_B}', '${B}', 'b1');
    INSERT INTO "public"."entry" (created_at, org_id, body) VALUES
      ('2025-06-01', '${A}', 'a-2025'), ('2026-06-01', '${A}', 'a-2026'), ('2025-06-01', '${B}', 'b-2025'), ('2026-06-01', '${B}', 'b-2026');
  `);
  return client;
}

/** Runs `fn` as `role` with the JWT claims of `org` (or none), in a transaction rolled back after. */
async function as<T>(client: pg.Client, role: string, org: string | null, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL ROLE ${role}`);
    if (org) await client.query(`SELECT set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ org_id: org })]);
    return await fn();
  } finally {
    await client.query('ROLLBACK');
  }
}

const rejects = async (client: pg.Client, text: string) => {
  await client.query('SAVEPOINT s');
  try {
    await client.query(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.query('ROLLBACK TO SAVEPOINT s');
  }
};

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test('tenant A can neither read nor write tenant B rows, by any command', async () => {
    const client = await setUp((await createTestDatabase(server)).url);
    try {
      await as(client, 'app_user', A, async () => {
        const seen = await client.query<{ body: string }>('SELECT body FROM "public"."note" ORDER BY body');
        expect(seen.rows.map((r) => r.body)).toEqual(['a1', 'a2']);
        expect((await client.query(`SELECT * FROM "public"."note" WHERE id = '${NOTE_B}'`)).rowCount).toBe(0);
        expect((await client.query(`UPDATE "public"."note" SET body = 'x' WHERE id = '${NOTE_B}'`)).rowCount).toBe(0);
        expect((await client.query(`DELETE FROM "public"."note" WHERE id = '${NOTE_B}'`)).rowCount).toBe(0);
        expect(await rejects(client, `INSERT INTO "public"."note" (org_id, body) VALUES ('${B}', 'sneaky')`)).toMatch(/row-level security/);
        expect(await rejects(client, `UPDATE "public"."note" SET org_id = '${B}' WHERE body = 'a1'`)).toMatch(/row-level security/);
        expect((await client.query(`INSERT INTO "public"."note" (org_id, body) VALUES ('${A}', 'a3')`)).rowCount).toBe(1);
      });
      await as(client, 'app_user', null, async () => {
        expect((await client.query('SELECT * FROM "public"."note"')).rowCount).toBe(0);
      });
      // B's row is untouched.
      expect((await client.query(`SELECT body FROM "public"."note" WHERE id = '${NOTE_B}'`)).rows).toEqual([{ body: 'b1' }]);
    } finally {
      await client.end();
    }
  });

  test('a RANGE-partitioned tenant table: A sees and writes only its rows, through the parent and through each partition', async () => {
    const client = await setUp((await createTestDatabase(server)).url);
    const bodies = async (table: string) => (await client.query<{ body: string }>(`SELECT body FROM "public"."${table}" ORDER BY body`)).rows.map((r) => r.body);
    try {
      await as(client, 'app_user', A, async () => {
        expect(await bodies('entry')).toEqual(['a-2025', 'a-2026']);
        expect(await bodies('entry_2025')).toEqual(['a-2025']);
        expect(await bodies('entry_2026')).toEqual(['a-2026']);
        for (const [partition, year] of [['entry_2025', 2025], ['entry_2026', 2026]] as const) {
          expect(await rejects(client, `INSERT INTO "public"."${partition}" (created_at, org_id, body) VALUES ('${year}-07-01', '${B}', 'sneaky')`)).toMatch(/row-level security/);
          expect((await client.query(`UPDATE "public"."${partition}" SET body = 'x' WHERE org_id = '${B}'`)).rowCount).toBe(0);
          expect((await client.query(`DELETE FROM "public"."${partition}" WHERE org_id = '${B}'`)).rowCount).toBe(0);
          expect((await client.query(`INSERT INTO "public"."${partition}" (created_at, org_id, body) VALUES ('${year}-07-01', '${A}', 'mine')`)).rowCount).toBe(1);
        }
      });
      await as(client, 'app_user', null, async () => {
        for (const table of ['entry', 'entry_2025', 'entry_2026']) expect(await bodies(table)).toEqual([]);
      });
      expect(await bodies('entry')).toEqual(['a-2025', 'a-2026', 'b-2025', 'b-2026']);
    } finally {
      await client.end();
    }
  });

  test('the table owner is not exempt (FORCE ROW LEVEL SECURITY); the migrator role sees every row', async () => {
    const client = await setUp((await createTestDatabase(server)).url);
    try {
      await client.query('ALTER TABLE "public"."note" OWNER TO app_owner');
      await as(client, 'app_owner', A, async () => {
        expect((await client.query('SELECT * FROM "public"."note"')).rowCount).toBe(2);
      });
      await as(client, 'wesley_migrator', null, async () => {
        expect((await client.query('SELECT * FROM "public"."note"')).rowCount).toBe(3);
        expect((await client.query(`UPDATE "public"."note" SET body = body || '!'`)).rowCount).toBe(3);
      });
      const bypass = await client.query<{ rolbypassrls: boolean }>(`SELECT rolbypassrls FROM pg_roles WHERE rolname = 'wesley_migrator'`);
      expect(bypass.rows[0]!.rolbypassrls).toBe(true);
    } finally {
      await client.end();
    }
  });
});
