// The executor on real servers: what a step does to the table is what the plan said (no rewrite
// for a constant default; the backfill route for a volatile one, NOT NULL only after it), a
// failure stops at the step and resume continues there, and concurrent executors apply a
// migration exactly once.
import { generateSql } from '@wesley/codegen';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { acquireMigrationLock, executeMigration, readLedger, readLedgerSteps, type ExecutorEvent } from '../../src/index.js';
import { compile, planOn, runLocked, runnable } from './run-support.js';

/** Executors started at once in the race test (5; the soak runs 20). */
const RACERS = Number(process.env.WESLEY_RACE_EXECUTORS ?? 5);

const V1 = `type Account @table {\n  id: Int! @pk\n  name: String!\n}\n`;
const withColumn = (field: string) => V1.replace('  name: String!\n', `  name: String!\n  ${field}\n`);

async function seeded(server: Parameters<typeof createTestDatabase>[0], rows: number): Promise<string> {
  const ir = await compile(V1);
  const db = await createTestDatabase(server);
  await withClient(db.url, async (client) => {
    await client.query(generateSql(ir));
    await client.query(`INSERT INTO account (id, name) SELECT g, 'n' || g FROM generate_series(1, $1::int) g`, [rows]);
    await client.query('ANALYZE account');
  });
  return db.url;
}

const relfilenode = (url: string) => withClient(url, async (c) => Number((await c.query(`SELECT relfilenode FROM pg_class WHERE oid = 'public.account'::regclass`)).rows[0].relfilenode));

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (major, server) => {
  test('a constant default: one catalog-only step, the table is not rewritten', async () => {
    const url = await seeded(server, 2000);
    const plan = await planOn(url, await compile(V1), await compile(withColumn('score: Int! @default(value: 7)')));
    expect(plan.steps.map((s) => s.kind)).toEqual(['add-column']);
    const before = await relfilenode(url);
    const outcome = await runLocked(url, runnable('20260101000000_score', plan));
    expect(outcome).toMatchObject({ status: 'applied', completed: [plan.steps[0]!.id], stoppedAt: null, error: null });
    expect(await relfilenode(url)).toBe(before);
    await withClient(url, async (c) => expect((await c.query(`SELECT count(*)::int AS n FROM account WHERE score = 7`)).rows[0].n).toBe(2000));
  });

  test('a volatile default: added nullable, backfilled in batches, NOT NULL only after the backfill', async () => {
    const url = await seeded(server, 12_000);
    const plan = await planOn(url, await compile(V1), await compile(withColumn('token: String! @default(expr: "md5(random()::text)")')), { batchSize: 5000 });
    const events: ExecutorEvent[] = [];
    const before = await relfilenode(url);
    const outcome = await runLocked(url, runnable('20260101000000_token', plan), { onEvent: (e) => events.push(e), rowEstimates: { 'public.account': 12_000 } });
    expect(outcome.status, JSON.stringify(outcome.error)).toBe('applied');
    const order = events.filter((e) => e.type === 'step-done').map((e) => plan.steps.find((s) => s.id === (e as { stepId: string }).stepId)!.kind);
    expect(order.indexOf('backfill-column')).toBeGreaterThan(-1);
    expect(order.indexOf('set-not-null')).toBeGreaterThan(order.indexOf('backfill-column'));
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(3); // 12,000 rows in batches of 5,000
    expect(await relfilenode(url)).toBe(before);
    await withClient(url, async (c) => {
      const { rows } = await c.query(`SELECT count(*)::int AS nulls, (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'public.account'::regclass AND attname = 'token') AS not_null FROM account WHERE token IS NULL`);
      expect(rows[0]).toEqual({ nulls: 0, not_null: true });
      const ledger = await readLedgerSteps(c, '20260101000000_token');
      expect([...ledger.values()].every((s) => s.done)).toBe(true);
      expect(ledger.get(plan.steps.find((s) => s.kind === 'backfill-column')!.id)!.batches).toBe(3);
    });
  });

  test('a failing step stops the run there, recorded; resume skips what is done and finishes', async () => {
    const url = await seeded(server, 100);
    // A unique index the data breaks: the build fails and leaves an INVALID index behind.
    await withClient(url, (c) => c.query(`UPDATE account SET name = 'same' WHERE id <= 2`));
    const plan = await planOn(url, await compile(V1), await compile(V1.replace('  name: String!', '  name: String! @unique\n  note: String')));
    const migration = runnable('20260101000000_unique_name', plan);
    const failed = await runLocked(url, migration);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('WESLEY_EXEC_STEP_FAILED');
    const failedStep = plan.steps.find((s) => s.id === failed.stoppedAt!.stepId)!;
    expect(failedStep.kind).toBe('create-index-concurrently');
    expect(failed.completed.length).toBeGreaterThan(0);
    await withClient(url, async (c) => {
      expect((await readLedger(c))[0]).toMatchObject({ id: migration.id, status: 'failed' });
      // The executor dropped the INVALID index the failed build left.
      expect((await c.query(`SELECT count(*)::int AS n FROM pg_index WHERE NOT indisvalid`)).rows[0].n).toBe(0);
      await c.query(`UPDATE account SET name = 'other' WHERE id = 2`);
    });
    const resumed = await runLocked(url, migration);
    expect(resumed).toMatchObject({ status: 'applied', skipped: failed.completed });
    expect(resumed.completed[0]).toBe(failedStep.id);
    expect((await runLocked(url, migration)).status).toBe('already-applied');
  });

  test(`${RACERS} executors at once: one applies the migration, the others wait and find it applied; with --no-wait they say who holds the lock`, async () => {
    const url = await seeded(server, 20_000);
    const plan = await planOn(url, await compile(V1), await compile(V1.replace('  name: String!', '  name: String! @index')));
    expect(plan.steps.some((s) => s.kind === 'create-index-concurrently')).toBe(true);
    const migration = runnable('20260101000000_name_index', plan);
    const outcomes = await Promise.all(Array.from({ length: RACERS }, () => runLocked(url, migration)));
    expect(outcomes.map((o) => o.status).sort()).toEqual([...Array.from({ length: RACERS - 1 }, () => 'already-applied'), 'applied']);

    const holder = new pg.Client({ connectionString: url, application_name: 'the other migrator' });
    await holder.connect();
    try {
      const lock = await acquireMigrationLock(holder);
      const refused = await runLocked(url, migration, { wait: false }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'WESLEY_EXEC_LOCKED' });
      expect((refused as Error).message).toContain(`(the other migrator)`);
      await lock.release();
    } finally {
      await holder.end();
    }
  });

  test.runIf(major >= 12)('a concurrent index build reports its phase, a percentage, and the session it waits for', async () => {
    const url = await seeded(server, 50_000);
    const plan = await planOn(url, await compile(V1), await compile(V1.replace('  name: String!', '  name: String! @index')));
    // A transaction that holds a snapshot: the build must wait for it, and says for whom.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await blocker.query('SELECT count(*) FROM account');
      const blockerPid = Number((await blocker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      const events: ExecutorEvent[] = [];
      const watcher = new pg.Client({ connectionString: url });
      await watcher.connect();
      const run = runLocked(url, runnable('20260101000000_name_index', plan), {
        progressClient: watcher,
        progressIntervalMs: 20,
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'index-progress' && e.waitingForPid === blockerPid) void blocker.query('COMMIT');
        },
      });
      const outcome = await run;
      await watcher.end();
      expect(outcome.status).toBe('applied');
      const progress = events.filter((e): e is Extract<ExecutorEvent, { type: 'index-progress' }> => e.type === 'index-progress');
      expect(progress.some((e) => e.waitingForPid === blockerPid)).toBe(true);
      expect(progress.every((e) => e.percent >= 0 && e.percent <= 100 && e.phase.length > 0)).toBe(true);
    } finally {
      await blocker.query('ROLLBACK').catch(() => {});
      await blocker.end();
    }
  });

  test.runIf(major >= 14)('a DETACH PARTITION CONCURRENTLY interrupted half-way is finalized on the next run', async () => {
    const events = `type Event @table @partition(by: RANGE, key: ["day"])
  @partitionValues(name: "event_2025", bound: "FROM ('2025-01-01') TO ('2026-01-01')")
  @partitionValues(name: "event_2026", bound: "FROM ('2026-01-01') TO ('2027-01-01')") {
  id: Int! @pk
  day: Date! @pk
}
`;
    const v1 = await compile(events);
    const v2 = await compile(events.replace(`  @partitionValues(name: "event_2025", bound: "FROM ('2025-01-01') TO ('2026-01-01')")\n`, ''));
    const database = await createTestDatabase(server);
    await withClient(database.url, (c) => c.query(generateSql(v1)));
    const plan = await planOn(database.url, v1, v2, { unsafe: true });
    const detach = plan.steps.find((s) => s.sql.some((q) => /DETACH PARTITION .* CONCURRENTLY/.test(q)))!;
    expect(detach, JSON.stringify(plan.steps.map((s) => s.sql))).toBeDefined();
    // Interrupt it: a transaction holding a snapshot makes DETACH ... CONCURRENTLY wait; cancel it there.
    const blocker = new pg.Client({ connectionString: database.url });
    const detacher = new pg.Client({ connectionString: database.url });
    await Promise.all([blocker.connect(), detacher.connect()]);
    try {
      await blocker.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await blocker.query('SELECT count(*) FROM event');
      const pid = Number((await detacher.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      const running = detacher.query(detach.sql.find((q) => /DETACH/.test(q))!).catch((e: Error) => e);
      await withClient(database.url, async (c) => {
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
          if (rows[0]?.wait_event_type === 'Lock') break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await c.query('SELECT pg_cancel_backend($1)', [pid]);
      });
      expect(await running).toBeInstanceOf(Error);
      await blocker.query('COMMIT');
    } finally {
      await Promise.all([blocker.end(), detacher.end()]);
    }
    await withClient(database.url, async (c) => expect((await c.query(`SELECT count(*)::int AS n FROM pg_inherits WHERE inhdetachpending`)).rows[0].n).toBe(1));
    const outcome = await runLocked(database.url, runnable('20260101000000_drop_2025', plan));
    expect(outcome.status, JSON.stringify(outcome.error)).toBe('applied');
    await withClient(database.url, async (c) => {
      expect((await c.query(`SELECT count(*)::int AS n FROM pg_inherits WHERE inhdetachpending`)).rows[0].n).toBe(0);
      expect((await c.query(`SELECT to_regclass('public.event_2025') AS t`)).rows[0].t).toBeNull();
    });
  });

  test('a backfill over a bytea primary key: the cursor goes back to the server as it came', async () => {
    const sdl = 'type Blob @table {\n  id: Bytes! @pk\n  note: String\n}\n';
    const v1 = await compile(sdl);
    const database = await createTestDatabase(server);
    await withClient(database.url, async (c) => {
      await c.query(generateSql(v1));
      await c.query(`INSERT INTO blob (id) SELECT decode(md5(g::text), 'hex') FROM generate_series(1, 1000) g`);
      await c.query('ANALYZE blob');
    });
    const plan = await planOn(database.url, v1, await compile(sdl.replace('  note: String', '  note: String\n  token: String! @default(expr: "md5(random()::text)")')), { batchSize: 100 });
    const outcome = await runLocked(database.url, runnable('20260101000000_token', plan));
    expect(outcome.status, JSON.stringify(outcome.error)).toBe('applied');
    await withClient(database.url, async (c) => expect((await c.query('SELECT count(*)::int AS n FROM blob WHERE token IS NULL')).rows[0].n).toBe(0));
  });
});

