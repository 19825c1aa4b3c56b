import { richSchema } from '@wesley/ir/testing';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { generateSql } from '../../src/index.js';

/** Applies the script in one transaction, as `psql --single-transaction` would. */
async function apply(url: string, sql: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
}

const rows = async <T extends object>(client: pg.Client, sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows;
const errorCode = (promise: Promise<unknown>) => promise.then(() => 'no error', (error: { code?: string }) => error.code);

/** Waits until the backend `pid` waits on a lock (the race below is then certain to happen). */
async function waitUntilBlocked(client: pg.Client, pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await rows<{ waiting: boolean }>(client, `SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`, [pid]);
    if (row?.waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`backend ${pid} never waited on a lock`);
}

const orgA = '00000000-0000-4000-8000-00000000000a';
const orgB = '00000000-0000-4000-8000-00000000000b';
const userA = '00000000-0000-4000-8000-0000000000a1';
const userB = '00000000-0000-4000-8000-0000000000b1';

/** Two orgs, each owned by its user: the org -> user -> org cycle needs the deferred keys. */
async function seed(client: pg.Client): Promise<void> {
  await client.query('BEGIN');
  for (const [org, user, slug] of [[orgA, userA, 'a'], [orgB, userB, 'b']] as const) {
    await client.query('INSERT INTO "org" (id, slug, owner_id) VALUES ($1, $2, $3)', [org, slug, user]);
    await client.query('INSERT INTO "user" (id, org_id, email) VALUES ($1, $2, $3)', [user, org, `${slug.toUpperCase()}@example.com`]);
  }
  await client.query('COMMIT');
}

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  const generatedColumns = server.major >= 12;
  const sql = generateSql(richSchema({ generatedColumns }), { header: 'integration test' });

  test('applies in one transaction, in two databases of one server (roles are created idempotently)', async () => {
    const first = await createTestDatabase(server);
    const second = await createTestDatabase(server);
    await apply(first.url, sql);
    await apply(second.url, sql);
    await withClient(second.url, async (client) => {
      expect(await rows(client, `SELECT rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'wesley_migrator'`)).toEqual([{ rolbypassrls: true, rolcanlogin: false }]);
    });
  });

  test('two databases created at the same time on one server do not trip over the shared role', async () => {
    const [first, second] = [await createTestDatabase(server), await createTestDatabase(server)];
    const role = `${first.name}_migrator`;
    const racing = generateSql({ ...richSchema({ generatedColumns }), roles: [{ name: role, bypassRls: true }] });
    const [a, b] = [new pg.Client({ connectionString: first.url }), new pg.Client({ connectionString: second.url })];
    await a.connect();
    await b.connect();
    try {
      const pid = (await rows<{ pid: number }>(b, 'SELECT pg_backend_pid() AS pid'))[0]!.pid;
      await a.query('BEGIN');
      await a.query(racing);
      await b.query('BEGIN');
      // b passes the "role missing" check, then waits on a's uncommitted role until a commits.
      const secondApply = b.query(racing);
      await waitUntilBlocked(a, pid);
      await a.query('COMMIT');
      await secondApply;
      await b.query('COMMIT');
      expect(await rows(b, `SELECT rolbypassrls FROM pg_roles WHERE rolname = $1`, [role])).toEqual([{ rolbypassrls: true }]);
    } finally {
      await a.end();
      await b.end();
      await withClient(server.url, (client) => client.query(`DROP ROLE IF EXISTS "${role}"`));
    }
  });

  test('the catalog holds what the IR describes', async () => {
    const db = await createTestDatabase(server);
    await apply(db.url, sql);
    await withClient(db.url, async (client) => {
      expect(await rows(client, `SELECT tablename, policyname, permissive, cmd FROM pg_policies ORDER BY 1, 2`)).toEqual([
        // A partitioned table's policies are on every partition too: a query that names a
        // partition meets only the partition's own policies.
        ...['event', 'event_2026_01', 'event_2026_02', 'event_default'].flatMap((tablename) => [
          { tablename, policyname: 'event_all', permissive: 'PERMISSIVE', cmd: 'ALL' },
          { tablename, policyname: 'event_tenant', permissive: 'RESTRICTIVE', cmd: 'ALL' },
        ]),
        { tablename: 'order', policyname: 'order_all', permissive: 'PERMISSIVE', cmd: 'ALL' },
        { tablename: 'order', policyname: 'order_support', permissive: 'PERMISSIVE', cmd: 'SELECT' },
        { tablename: 'order', policyname: 'order_tenant', permissive: 'RESTRICTIVE', cmd: 'ALL' },
      ]);
      expect(await rows(client, `SELECT rolname, rolbypassrls FROM pg_roles WHERE rolname IN ('wesley_migrator', 'wesley_support') ORDER BY rolname`)).toEqual([
        { rolname: 'wesley_migrator', rolbypassrls: true },
        { rolname: 'wesley_support', rolbypassrls: false },
      ]);
      expect(await rows(client, `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'public.order'::regclass`)).toEqual([
        { relrowsecurity: true, relforcerowsecurity: true },
      ]);
      expect(await rows(client, `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname IN ('event', 'event_2026_01', 'event_2026_02', 'event_default') AND relkind IN ('r', 'p') ORDER BY relname::text COLLATE "C"`)).toEqual(
        ['event', 'event_2026_01', 'event_2026_02', 'event_default'].map((relname) => ({ relname, relrowsecurity: true, relforcerowsecurity: true })),
      );
      expect(await rows(client, `SELECT conname, condeferrable, condeferred, confdeltype FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('org', '"user"', 'membership') ORDER BY conname`)).toEqual([
        { conname: 'membership_org_id_fkey', condeferrable: false, condeferred: false, confdeltype: 'c' },
        { conname: 'membership_user_id_fkey', condeferrable: false, condeferred: false, confdeltype: 'c' },
        { conname: 'org_owner_id_fkey', condeferrable: true, condeferred: true, confdeltype: 'a' },
        { conname: 'org_parent_id_fkey', condeferrable: false, condeferred: false, confdeltype: 'n' },
        { conname: 'user_org_id_fkey', condeferrable: true, condeferred: true, confdeltype: 'a' },
      ]);
      expect(await rows(client, `SELECT inhrelid::regclass::text AS part FROM pg_inherits WHERE inhparent = 'public.event'::regclass ORDER BY inhrelid::regclass::text COLLATE "C"`)).toEqual([
        { part: 'event_2026_01' }, { part: 'event_2026_02' }, { part: 'event_default' },
      ]);
      expect(await rows(client, `SELECT tgrelid::regclass::text AS rel, tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgrelid::regclass::text COLLATE "C"`)).toEqual([
        { rel: '"user"', tgname: 'user_updated_at_touch' },
        { rel: 'event_2026_01', tgname: 'event_updated_at_touch' },
        { rel: 'event_2026_02', tgname: 'event_updated_at_touch' },
        { rel: 'event_default', tgname: 'event_updated_at_touch' },
      ]);
      // Not pg_indexes: on PostgreSQL 11 it leaves out indexes of partitioned tables.
      const indexes = await rows<{ indexname: string; indexdef: string }>(client, `
        SELECT relname AS indexname, pg_get_indexdef(oid) AS indexdef FROM pg_class
        WHERE relname IN ('user_settings_idx', 'user_email_key', 'event_payload_idx', 'invoice_number_key') ORDER BY relname`);
      expect(indexes.map((i) => i.indexname)).toEqual(['event_payload_idx', 'invoice_number_key', 'user_email_key', 'user_settings_idx']);
      expect(indexes[0]!.indexdef).toContain('USING gin (payload)');
      expect(indexes[1]!.indexdef).toMatch(/^CREATE UNIQUE INDEX invoice_number_key ON billing\.invoice USING btree \(number\)$/);
      expect(indexes[2]!.indexdef).toMatch(/^CREATE UNIQUE INDEX user_email_key ON public\."user" USING btree \(email\) WHERE \(deleted_at IS NULL\)$/);
      expect(await rows(client, `SELECT attrelid::regclass::text AS rel, attname, attidentity FROM pg_attribute WHERE attidentity <> '' AND attrelid IN ('public.event'::regclass, 'public.order'::regclass) ORDER BY attname`)).toEqual([
        { rel: 'event', attname: 'id', attidentity: 'a' },
        { rel: '"order"', attname: 'number', attidentity: 'd' },
      ]);
      expect(await rows(client, `SELECT enum_range(NULL::public.member_role)::text AS v`)).toEqual([{ v: `{owner,member,"it's a guest"}` }]);
      expect(await rows(client, `SELECT obj_description('public.order'::regclass, 'pg_class') AS t, col_description('public.order'::regclass, 4) AS c, obj_description('public.member_role'::regtype, 'pg_type') AS e`)).toEqual([
        { t: "The user's order", c: 'Who placed it', e: "A member's role" },
      ]);
      expect(await rows(client, `SELECT obj_description('billing.invoice'::regclass, 'pg_class') AS t`)).toEqual([{ t: 'Invoices live in their own schema' }]);
    });
  });

  test('constraints hold: deferred cycle, cascade, check, partial unique, FK to a unique index', async () => {
    const db = await createTestDatabase(server);
    await apply(db.url, sql);
    await withClient(db.url, async (client) => {
      await seed(client);
      // The deferred key is checked at COMMIT: an org whose owner never arrives fails there.
      await client.query('BEGIN');
      await client.query(`INSERT INTO "org" (slug, owner_id) VALUES ('orphan', gen_random_uuid())`);
      expect(await errorCode(client.query('COMMIT'))).toBe('23503');
      expect(await errorCode(client.query(`INSERT INTO "order" (org_id, "user", amount_cents) VALUES ($1, $2, -1)`, [orgA, userA]))).toBe('23514');
      await client.query(`UPDATE "user" SET deleted_at = now() WHERE id = $1`, [userB]);
      await client.query(`INSERT INTO "user" (org_id, email) VALUES ($1, 'B@example.com')`, [orgB]);
      expect(await errorCode(client.query(`INSERT INTO "user" (org_id, email) VALUES ($1, 'A@example.com')`, [orgA]))).toBe('23505');
      await client.query(`INSERT INTO billing.invoice (number, org_id) VALUES ('INV-1', $1)`, [orgA]);
      await client.query(`INSERT INTO "order" (org_id, "user", amount_cents, invoice_number) VALUES ($1, $2, 100, 'INV-1')`, [orgA, userA]);
      expect(await errorCode(client.query(`INSERT INTO "order" (org_id, "user", amount_cents, invoice_number) VALUES ($1, $2, 1, 'INV-404')`, [orgA, userA]))).toBe('23503');
      await client.query(`INSERT INTO membership (org_id, user_id) VALUES ($1, $2)`, [orgA, userA]);
      expect(await rows(client, `SELECT role::text FROM membership`)).toEqual([{ role: 'member' }]);
      await client.query(`UPDATE "org" SET owner_id = $1 WHERE id = $2`, [userB, orgA]);
      await client.query(`DELETE FROM "order"`);
      await client.query(`DELETE FROM "user" WHERE id = $1`, [userA]);
      expect(await rows(client, `SELECT count(*)::int AS n FROM membership`)).toEqual([{ n: 0 }]);
    });
  });

  test('the updated_at trigger fires on a plain table and on every partition', async () => {
    const db = await createTestDatabase(server);
    await apply(db.url, sql);
    await withClient(db.url, async (client) => {
      await seed(client);
      await client.query(`INSERT INTO event (org_id, created_at) VALUES ($1, '2026-01-15'), ($1, '2026-02-15'), ($1, '2030-01-01')`, [orgA]);
      // Backdate without firing triggers, then check that an ordinary UPDATE moves the stamp.
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE "user" SET updated_at = '2000-01-01'`);
      await client.query(`UPDATE event SET updated_at = '2000-01-01'`);
      await client.query(`RESET session_replication_role`);
      await client.query(`UPDATE "user" SET email = lower(email) WHERE id = $1`, [userA]);
      await client.query(`UPDATE event SET payload = '{"seen": true}'`);
      const stamps = await rows<{ rel: string; fresh: boolean }>(client, `
        SELECT * FROM (
          SELECT 'user:' || email AS rel, updated_at > now() - interval '1 hour' AS fresh FROM "user"
          UNION ALL SELECT tableoid::regclass::text, updated_at > now() - interval '1 hour' FROM event
        ) AS s ORDER BY rel COLLATE "C"`);
      expect(stamps).toEqual([
        { rel: 'event_2026_01', fresh: true },
        { rel: 'event_2026_02', fresh: true },
        { rel: 'event_default', fresh: true },
        { rel: 'user:B@example.com', fresh: false },
        { rel: 'user:a@example.com', fresh: true },
      ]);
      if (generatedColumns) {
        expect(await rows(client, `SELECT email_lower FROM "user" ORDER BY email_lower COLLATE "C"`)).toEqual([{ email_lower: 'a@example.com' }, { email_lower: 'b@example.com' }]);
      }
    });
  });

  test('tenant policies: the restrictive policy narrows the permissive one to the JWT claim', async () => {
    const db = await createTestDatabase(server);
    await apply(db.url, sql);
    await withClient(db.url, async (client) => {
      await seed(client);
      await client.query(`INSERT INTO "order" (org_id, "user", amount_cents) VALUES ($1, $2, 1), ($3, $4, 2)`, [orgA, userA, orgB, userB]);
      // A role of our own, rolled back with the transaction; superusers bypass RLS even when forced.
      const role = `${db.name}_app`;
      await client.query('BEGIN');
      await client.query(`CREATE ROLE "${role}" NOLOGIN`);
      await client.query(`GRANT USAGE ON SCHEMA auth TO "${role}"; GRANT SELECT, INSERT ON "order" TO "${role}"`);
      await client.query(`SET LOCAL ROLE "${role}"`);
      // Unset and empty claims both mean "no tenant": no rows, no cast error.
      expect(await rows(client, `SELECT amount_cents FROM "order"`)).toEqual([]);
      await client.query(`SELECT set_config('request.jwt.claims', '', true)`);
      expect(await rows(client, `SELECT amount_cents FROM "order"`)).toEqual([]);
      await client.query(`SELECT set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ org_id: orgA })]);
      expect(await rows(client, `SELECT amount_cents FROM "order"`)).toEqual([{ amount_cents: 1 }]);
      await client.query(`INSERT INTO "order" (org_id, "user", amount_cents) VALUES ($1, $2, 3)`, [orgA, userA]);
      expect(await errorCode(client.query(`INSERT INTO "order" (org_id, "user", amount_cents) VALUES ($1, $2, 4)`, [orgB, userB]))).toBe('42501');
      await client.query('ROLLBACK');
    });
  });
});
