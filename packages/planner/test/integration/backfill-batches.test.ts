// The backfill step's two runnable forms on real PostgreSQL: `backfill.batchSql`, which the
// executor runs batch by batch with its cursor, and the DO block in `sql` for psql. Both must fill
// every row, each batch at most batchSize rows, and a batch run twice must change nothing.
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import type pg from 'pg';
import { describe, expect, test } from 'vitest';
import { planMigration } from '../../src/plan-migration.js';
import type { BackfillSpec, Step } from '../../src/types.js';
import { compileSdl, executeStep } from './run-plan.js';

const ir = compileSdl;

const ROWS = 12_345;
const BATCH = 1000;
const CASES = [
  { name: 'single-column key', v1: 'type T @table { id: Int! @pk  a: Int }', fill: `INSERT INTO t (id, a) SELECT g, g FROM generate_series(1, ${ROWS}) g` },
  { name: 'composite key', v1: 'type T @table { k1: Int! @pk  k2: String! @pk  a: Int }', fill: `INSERT INTO t (k1, k2, a) SELECT g % 7, 'x' || g, g FROM generate_series(1, ${ROWS}) g` },
  { name: 'no primary key (ctid batches)', v1: 'type T @table { a: Int }', fill: `INSERT INTO t (a) SELECT g FROM generate_series(1, ${ROWS}) g` },
];
const V2_FIELD = ' token: String! @default(expr: "md5(random()::text)") }';

async function planBackfill(v1: string, version: number): Promise<{ setup: Step[]; step: Step; rest: Step[] }> {
  const a = await ir(v1);
  const b = await ir(v1.replace(/ }$/, V2_FIELD));
  const plan = planMigration(a, b, { serverVersionNum: version, tables: { 'public.t': { rows: ROWS, bytes: ROWS * 60 } } }, { batchSize: BATCH });
  const index = plan.steps.findIndex((s) => s.kind === 'backfill-column');
  return { setup: plan.steps.slice(0, index), step: plan.steps[index]!, rest: plan.steps.slice(index + 1) };
}

async function run(client: pg.Client, steps: readonly Step[]): Promise<void> {
  for (const step of steps) await executeStep(client, step);
}

/** Runs firstBatchSql, then batchSql to the end, as the executor does; returns the rows each batch changed. */
async function runBatches(client: pg.Client, spec: BackfillSpec): Promise<number[]> {
  const changed: number[] = [];
  const nulls = async () => Number((await client.query(`SELECT count(*) FROM t WHERE token IS NULL`)).rows[0].count);
  let cursor: unknown[] | null = null;
  for (;;) {
    const before = await nulls();
    const params = cursor === null ? [spec.batchSize] : [...cursor, spec.batchSize];
    const sql = cursor === null ? spec.firstBatchSql : spec.batchSql;
    const result = await client.query(sql, params);
    const after = await nulls();
    changed.push(before - after);
    if (spec.keyColumns.length === 0) {
      if (Number(result.rows[0].updated) === 0) return changed;
      continue;
    }
    if (result.rows.length === 0) return changed;
    // Running the same batch again changes nothing: the batch is idempotent.
    await client.query(sql, params);
    expect(await nulls()).toBe(after);
    const row = result.rows[0] as Record<string, unknown>;
    cursor = spec.keyColumns.map((k) => row[k]);
  }
}

/** The plan of one batch statement, as JSON text (on PG 12+ the generic plan, as after many executions). */
async function batchPlan(client: pg.Client, spec: BackfillSpec, params: unknown[], major: number): Promise<string> {
  await client.query('BEGIN');
  try {
    // plan_cache_mode exists from PG 12; PG 11 plans the first executions with the values (custom plans).
    if (major >= 12) await client.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
    await client.query(`PREPARE batch_plan AS ${spec.batchSql}`);
    const explained = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE batch_plan(${params.map((p) => (typeof p === 'number' ? String(p) : `'${String(p)}'`)).join(', ')})`);
    return JSON.stringify(explained.rows[0]['QUERY PLAN']);
  } finally {
    await client.query('ROLLBACK');
  }
}

describe.each(testServers())('backfill batches on PostgreSQL $major', (server) => {
  test.each(CASES)('$name: batchSql fills every row, at most batchSize per batch', async ({ v1, fill }) => {
    const db = await createTestDatabase(server);
    const { setup, step, rest } = await planBackfill(v1, server.versionNum);
    const v1Plan = planMigration(null, await ir(v1), { serverVersionNum: server.versionNum });
    await withClient(db.url, async (client) => {
      await run(client, v1Plan.steps);
      await client.query(fill);
      await run(client, setup);
      const spec = step.backfill!;
      if (spec.keyColumns.length > 0) {
        // No batch reads the whole table: the key range comes from the primary key index.
        await client.query('ANALYZE t');
        const plan = await batchPlan(client, spec, [...spec.keyColumns.map(() => 1), BATCH], server.major);
        expect(plan).not.toMatch(/"Node Type":"Seq Scan"/);
      }
      const changed = await runBatches(client, spec);
      expect(changed.every((n) => n <= BATCH)).toBe(true);
      expect(changed.reduce((x, y) => x + y, 0)).toBe(ROWS);
      await run(client, rest);
      const nulls = await client.query(`SELECT count(*)::int AS n FROM t WHERE token IS NULL`);
      expect(nulls.rows[0].n).toBe(0);
    });
  });

  test.each(CASES)('$name: the DO block of the step fills every row', async ({ v1, fill }) => {
    const db = await createTestDatabase(server);
    const { setup, step, rest } = await planBackfill(v1, server.versionNum);
    const v1Plan = planMigration(null, await ir(v1), { serverVersionNum: server.versionNum });
    await withClient(db.url, async (client) => {
      await run(client, v1Plan.steps);
      await client.query(fill);
      await run(client, setup);
      await run(client, [step]);
      await run(client, rest);
      const result = await client.query(`SELECT count(*)::int AS n, count(DISTINCT token)::int AS distinct_tokens FROM t`);
      // Every row got its own value (the default is evaluated per row, not once per batch). Not
      // "all distinct": before PG 15 random() has 31 bits, so 12k draws collide ~3% of the time.
      expect(result.rows[0].n).toBe(ROWS);
      expect(result.rows[0].distinct_tokens).toBeGreaterThan(ROWS * 0.99);
    });
  });
});
