import { generateSql } from '@wesley/codegen';
import { compileSchema, type SchemaIR } from '@wesley/ir';
import { createDatabase, prepareServer, startPostgres, withClient, type ServerInfo } from '@wesley/testkit';
// The root workspace depends on neither @wesley/executor nor @wesley/planner: import their entry points by path (tsx runs the source).
import { acquireMigrationLock, EXECUTOR_TYPES, executeMigration, readServerFacts, type ExecutorEvent } from '../../../packages/executor/src/index.js';
import pg from '../../../packages/executor/node_modules/pg/lib/index.js';
import { planMigration, type Plan } from '../../../packages/planner/src/index.js';
import type { BenchSuite, Measurement } from '../measure.js';

/** Issue #7: a backfill should fill at least this many rows per second, and stay flat as the table grows (reported, not enforced). */
const TARGET_ROWS_PER_SECOND = 30_000;

const FROM_SDL = 'type Item @table { id: Int! @pk name: String! }';
// A volatile default: the planner adds the column nullable, backfills it in keyset batches, then makes it NOT NULL.
const TO_SDL = 'type Item @table { id: Int! @pk name: String! score: Int! @default(expr: "floor(random() * 0)::int") }';

async function compile(sdl: string): Promise<SchemaIR> {
  const result = await compileSchema([{ name: 'schema.graphql', text: sdl }]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors[0]));
  return result.ir;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** One backfill run: the backfill-column step's wall time, as seen from the executor's events. */
interface BackfillRun {
  readonly ms: number;
  /** The executor's own step time (step-done.ms). */
  readonly stepMs: number;
  readonly batches: number;
  readonly batchSize: number;
  /** The executor's rate in its last batch event. */
  readonly executorRowsPerSecond: number;
}

/** A fresh database with `rows` rows in public.item, analysed; then the migration to TO_SDL, run as the CLI runs it. */
async function backfillOnce(info: ServerInfo, from: SchemaIR, to: SchemaIR, rows: number, batchSize: number | undefined): Promise<BackfillRun> {
  const db = await createDatabase(info, 'bench');
  try {
    let plan: Plan;
    await withClient(db.url, async (client) => {
      await client.query(generateSql(from));
      await client.query(`INSERT INTO public.item (id, name) SELECT g, 'item ' || g FROM generate_series(1, ${rows}) AS g`);
      await client.query('ANALYZE public.item');
      const facts = await readServerFacts(client);
      plan = planMigration(from, to, facts, batchSize === undefined ? {} : { batchSize });
    });
    const backfill = plan!.steps.find((s) => s.kind === 'backfill-column');
    if (!backfill?.backfill) throw new Error(`the plan has no backfill step: ${plan!.steps.map((s) => s.kind).join(', ')}`);

    let start: number | null = null;
    let end: number | null = null;
    let stepMs = 0;
    let batches = 0;
    let executorRowsPerSecond = 0;
    const onEvent = (event: ExecutorEvent) => {
      if (event.type === 'step-start' && event.stepId === backfill.id) start = performance.now();
      else if (event.type === 'step-done' && event.stepId === backfill.id) {
        end = performance.now();
        stepMs = event.ms;
      } else if (event.type === 'batch' && event.stepId === backfill.id) {
        batches = event.batch;
        executorRowsPerSecond = event.rowsPerSecond;
      }
    };

    // As `wesley migrate execute` does: the migration lock on one connection, the work on another.
    const lockClient = new pg.Client({ connectionString: db.url, application_name: 'wesley bench lock' });
    const work = new pg.Client({ connectionString: db.url, application_name: 'wesley bench', types: EXECUTOR_TYPES });
    await Promise.all([lockClient.connect(), work.connect()]);
    try {
      const lock = await acquireMigrationLock(lockClient, { wait: true });
      try {
        const migration = { id: '20250101000000_add_score', name: 'add_score', fromHash: plan!.fromHash, toHash: plan!.toHash, checksum: 'bench', plan: plan! };
        const outcome = await executeMigration(work, migration as Parameters<typeof executeMigration>[1], { onEvent });
        if (outcome.status !== 'applied') throw new Error(`the migration did not apply: ${JSON.stringify(outcome.error ?? outcome.stoppedAt)}`);
      } finally {
        await lock.release();
      }
    } finally {
      await Promise.all([lockClient.end(), work.end()]);
    }
    if (start === null || end === null) throw new Error('no step-start/step-done events for the backfill step');

    const left = await withClient(db.url, (client) => client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.item WHERE score IS NULL'));
    if (left.rows[0]!.n !== 0) throw new Error(`${left.rows[0]!.n} rows left NULL after the backfill`);
    return { ms: round(end - start), stepMs, batches, batchSize: batchSize ?? backfill.backfill.batchSize, executorRowsPerSecond };
  } finally {
    await db.drop();
  }
}

/** How fast the executor backfills a new column (volatile default) in keyset batches, at 10k, 100k and 1M rows. */
export const suite: BenchSuite = {
  name: 'executor',
  async run() {
    const results: Measurement[] = [];
    const from = await compile(FROM_SDL);
    const to = await compile(TO_SDL);
    const server = await startPostgres({ version: 18 });
    try {
      const info = await prepareServer(server.url, false);
      const cases: Array<{ rows: number; samples: number; batchSize?: number }> = [
        { rows: 10_000, samples: 3 },
        { rows: 100_000, samples: 3 },
        { rows: 1_000_000, samples: 1 },
        { rows: 1_000_000, samples: 1, batchSize: 20_000 },
      ];
      for (const c of cases) {
        const runs: BackfillRun[] = [];
        for (let i = 0; i < c.samples; i++) runs.push(await backfillOnce(info, from, to, c.rows, c.batchSize));
        const samples = runs.map((r) => r.ms);
        const sorted = [...samples].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)]!;
        const medianRun = runs.find((r) => r.ms === median)!;
        const meta = {
          rows: c.rows,
          batchSize: medianRun.batchSize,
          batches: medianRun.batches,
          rowsPerSecond: Math.round(c.rows / (median / 1000)),
          targetRowsPerSecond: TARGET_ROWS_PER_SECOND,
          pgMajor: info.major,
          // Per sample, for spread: rows / step seconds, and the executor's own figures.
          sampleRowsPerSecond: runs.map((r) => Math.round(c.rows / (r.ms / 1000))),
          executorStepMs: runs.map((r) => r.stepMs),
          executorRowsPerSecond: runs.map((r) => r.executorRowsPerSecond),
        };
        const label = `backfill a volatile-default column, ${c.rows.toLocaleString('en-US')} rows, batches of ${medianRun.batchSize}${c.batchSize === undefined ? ' (plan default)' : ''}`;
        results.push({ suite: 'executor', name: label, unit: 'ms', samples, median, min: sorted[0]!, max: sorted[sorted.length - 1]!, meta });
      }
    } finally {
      await server.stop();
    }
    return results;
  },
};
