// Runs one migration's plan on PostgreSQL, step by step, recording each in the ledger:
// transactional steps in a transaction together with their ledger row; CONCURRENTLY and other
// non-transactional steps outside one, made safe to run again (an INVALID index a failed build
// left behind is dropped and built again); backfills in keyset batches, each batch its own
// transaction with the cursor persisted in it. A run that stops (an error, a crash, kill -9)
// resumes from the ledger: done steps are skipped, a backfill continues after its last committed
// batch, so at most the batch in flight is done again.
import { createHash } from 'node:crypto';
import { WesleyError, isWesleyError, toErrorData, type WesleyErrorData } from '@wesley/ir';
import { planToJson, type Plan, type Step } from '@wesley/planner';
import { loadModule } from 'libpg-query';
import type pg from 'pg';
import { redactConnectionString } from '../redact-connection-string.js';
import { acquireMigrationLock, WORK_LOCK_KEYS } from './advisory-lock.js';
import { sleep } from './backoff.js';
import { RUN_ERROR_CODES } from './errors.js';
import type { ExecutorEvent } from './events.js';
import { EXECUTOR_TYPES } from './type-parsers.js';
import { concurrentDetachOf, concurrentIndexOf, dropInvalidIndex, finalizePendingDetach, isAttached } from './concurrent-statements.js';
import { readIndexProgress } from './index-progress.js';
import { withRetries } from './with-retries.js';
import { ensureLedger, readLedger, readLedgerSteps, type LedgerStep } from './ledger.js';

/** A migration ready to run: its identity (from the folder on disk) and its plan. */
export interface RunnableMigration {
  readonly id: string;
  readonly name: string;
  readonly fromHash: string | null;
  readonly toHash: string;
  /** Checksum of the migration's files, verified before running. */
  readonly checksum: string;
  readonly plan: Plan;
}

export interface ExecuteOptions {
  /** Rows per backfill batch (default: the plan's). */
  readonly batchSize?: number;
  /** Pause between backfill batches, ms (default 0): gives replicas and autovacuum room. */
  readonly throttleMs?: number;
  /** Progress and lifecycle events (NDJSON with --json, a bar on a terminal). */
  readonly onEvent?: (event: ExecutorEvent) => void;
  /** Estimated rows per table (`schema.table`), for backfill ETAs. */
  readonly rowEstimates?: Readonly<Record<string, number>>;
  /**
   * Another connection, idle outside any transaction (the lock's), to read the progress of
   * concurrent index builds from (PostgreSQL 12+); no index progress without it.
   */
  readonly progressClient?: pg.ClientBase;
  /** How often index progress is read, ms (default 500). */
  readonly progressIntervalMs?: number;
}

export interface StoppedAt {
  readonly stepId: string;
  /** For a backfill: batches committed so far, and the cursor they reached. */
  readonly batches?: number;
  readonly cursor?: readonly string[] | null;
}

export interface MigrationOutcome {
  readonly id: string;
  readonly status: 'applied' | 'already-applied' | 'failed';
  /** Steps completed by this run, in order. */
  readonly completed: readonly string[];
  /** Steps a previous run had completed (resumed past). */
  readonly skipped: readonly string[];
  readonly stoppedAt: StoppedAt | null;
  readonly error: WesleyErrorData | null;
  readonly ms: number;
}

/** SHA-256 of the plan's JSON: a resumed run must run the plan the first run started. */
export function planHash(plan: Plan): string {
  return createHash('sha256').update(planToJson(plan)).digest('hex');
}


const sqlstate = (error: unknown) => (error as { code?: unknown } | null)?.code;

async function timeouts(client: pg.ClientBase, step: Step, local: boolean): Promise<void> {
  const scope = local ? 'LOCAL ' : '';
  await client.query(`SET ${scope}lock_timeout = ${Number(step.lockTimeoutMs ?? 0)}`);
  await client.query(`SET ${scope}statement_timeout = ${Number(step.statementTimeoutMs)}`);
}

const MARK_DONE_SQL = `
INSERT INTO wesley.migration_steps (migration_id, step_id, ordinal, done, finished_at)
VALUES ($1, $2, $3, true, clock_timestamp())
ON CONFLICT (migration_id, step_id) DO UPDATE SET done = true, finished_at = clock_timestamp()`;

class StepRunner {
  constructor(
    private readonly client: pg.ClientBase,
    private readonly migration: RunnableMigration,
    private readonly options: ExecuteOptions,
  ) {}

  private emit(event: ExecutorEvent) {
    this.options.onEvent?.(event);
  }

  /** Runs `attempt` with the step's retry policy, reporting each retry as a `step-retry` event. */
  private withRetries(step: Step, attempt: () => Promise<void>): Promise<void> {
    return withRetries(step, attempt, (notice) => this.emit({ type: 'step-retry', migration: this.migration.id, stepId: step.id, ...notice }));
  }

  async transactional(step: Step, ordinal: number): Promise<void> {
    await this.withRetries(step, async () => {
      await this.client.query('BEGIN');
      try {
        await timeouts(this.client, step, true);
        for (const statement of step.sql) await this.client.query(statement);
        await this.client.query(MARK_DONE_SQL, [this.migration.id, step.id, ordinal]);
        await this.client.query('COMMIT');
      } catch (error) {
        await this.client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  /** Reads the build's progress every interval while `work` runs, as `index-progress` events. */
  private async watchingIndex<T>(step: Step, work: () => Promise<T>): Promise<T> {
    const watcher = this.options.progressClient;
    if (!watcher || !step.indexBuild) return work();
    const pid = Number((await this.client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    let stopped = false;
    let reading: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      reading = reading.then(async () => {
        if (stopped) return;
        const progress = await readIndexProgress(watcher, pid).catch(() => null);
        if (progress && !stopped) this.emit({ type: 'index-progress', migration: this.migration.id, stepId: step.id, ...progress });
      });
    }, this.options.progressIntervalMs ?? 500);
    try {
      return await work();
    } finally {
      stopped = true;
      clearInterval(timer);
      await reading;
    }
  }

  async nonTransactional(step: Step, ordinal: number): Promise<void> {
    await timeouts(this.client, step, false);
    try {
      for (const statement of step.sql) {
        const detach = concurrentDetachOf(statement);
        // Finished before a crash (the server completes a dead client's statement): nothing to do.
        if (detach && !(await isAttached(this.client, detach))) continue;
        const index = concurrentIndexOf(statement);
        // A build a crash or an error interrupted left an INVALID index that IF NOT EXISTS would keep.
        if (index && (await dropInvalidIndex(this.client, index))) this.emit({ type: 'invalid-index-dropped', migration: this.migration.id, stepId: step.id, index: index.name });
        await this.withRetries(step, async () => {
          // A DETACH ... CONCURRENTLY interrupted (by a lock timeout, a cancel, a crash) is pending: finish it.
          if (detach && (await finalizePendingDetach(this.client, detach))) return;
          try {
            await this.watchingIndex(step, () => this.client.query(statement));
          } catch (error) {
            if (index) await dropInvalidIndex(this.client, index).catch(() => false);
            throw error;
          }
        });
      }
    } finally {
      await this.client.query('RESET lock_timeout; RESET statement_timeout').catch(() => {});
    }
    await this.client.query(MARK_DONE_SQL, [this.migration.id, step.id, ordinal]);
  }

  /** Keyset batches, each in its own transaction together with its ledger row (cursor, counts). */
  async backfill(step: Step, ordinal: number, previous: LedgerStep | undefined): Promise<void> {
    const spec = step.backfill!;
    const batchSize = this.options.batchSize ?? spec.batchSize;
    const keyed = spec.keyColumns.length > 0;
    let cursor: readonly string[] | null = previous?.cursor ?? null;
    let batches = previous?.batches ?? 0;
    let rowsDone = previous?.rowsDone ?? 0;
    const total = this.options.rowEstimates?.[spec.table] ?? null;
    const started = Date.now();
    let rowsThisRun = 0;
    for (;;) {
      let finished = false;
      await this.withRetries(step, async () => {
        await this.client.query('BEGIN');
        try {
          await this.client.query(`SET LOCAL lock_timeout = ${Number(step.lockTimeoutMs ?? 0)}`);
          // Keys come back in their text form (EXECUTOR_TYPES): the cursor goes back to the server exactly.
          const batch = (text: string, values: unknown[]) => this.client.query({ text, values, types: EXECUTOR_TYPES });
          const result = keyed
            ? cursor === null
              ? await batch(spec.firstBatchSql, [batchSize])
              : await batch(spec.batchSql, [...cursor, batchSize])
            : await batch(spec.batchSql, [batchSize]);
          let next: readonly string[] | null = cursor;
          let changed: number;
          if (keyed) {
            const row = result.rows[0] as Record<string, unknown> | undefined;
            finished = row === undefined;
            next = row ? spec.keyColumns.map((k) => String(row[k])) : cursor;
            changed = row ? batchSize : 0; // an upper bound: the batch covers at most batchSize keys
          } else {
            changed = Number((result.rows[0] as { updated?: unknown } | undefined)?.updated ?? 0);
            finished = changed === 0;
          }
          await this.client.query(
            `INSERT INTO wesley.migration_steps (migration_id, step_id, ordinal, done, batches, rows_done, cursor, finished_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, CASE WHEN $4 THEN clock_timestamp() END)
             ON CONFLICT (migration_id, step_id) DO UPDATE
               SET done = EXCLUDED.done, batches = EXCLUDED.batches, rows_done = EXCLUDED.rows_done, cursor = EXCLUDED.cursor, finished_at = EXCLUDED.finished_at`,
            [this.migration.id, step.id, ordinal, finished, batches + (finished ? 0 : 1), rowsDone + changed, JSON.stringify(next)],
          );
          await this.client.query('COMMIT');
          if (!finished) {
            batches++;
            rowsDone += changed;
            rowsThisRun += changed;
            cursor = next;
          }
        } catch (error) {
          await this.client.query('ROLLBACK').catch(() => {});
          throw error;
        }
      });
      if (finished) return;
      const elapsed = Math.max(1, Date.now() - started);
      const rate = (rowsThisRun * 1000) / elapsed;
      this.emit({
        type: 'batch', migration: this.migration.id, stepId: step.id, batch: batches, rowsDone: total === null ? rowsDone : Math.min(rowsDone, total), rowsTotal: total,
        rowsPerSecond: Math.round(rate), etaMs: total !== null && rate > 0 ? Math.max(0, Math.round(((total - rowsDone) / rate) * 1000)) : null,
        cursor: keyed ? cursor : null,
      });
      if (this.options.throttleMs) await sleep(this.options.throttleMs);
    }
  }
}

/**
 * Runs (or resumes) one migration. The caller holds the migration lock (acquireMigrationLock) on
 * another connection; `client` must not be in a transaction. Returns what completed and, when it
 * failed, where it stopped; the ledger says the same.
 */
export async function executeMigration(client: pg.ClientBase, migration: RunnableMigration, options: ExecuteOptions = {}): Promise<MigrationOutcome> {
  const started = Date.now();
  await loadModule();
  // A crashed executor's statement may still be running on the server: wait for its session to end.
  const workLock = await acquireMigrationLock(client, {
    keys: WORK_LOCK_KEYS,
    onWait: (holder, waitedMs) => options.onEvent?.({ type: 'waiting-for-session', migration: migration.id, pid: holder?.pid ?? null, query: holder?.query ?? null, waitedMs }),
  });
  try {
    return await run(client, migration, options, started);
  } finally {
    await workLock.release().catch(() => {});
  }
}

async function run(client: pg.ClientBase, migration: RunnableMigration, options: ExecuteOptions, started: number): Promise<MigrationOutcome> {
  await ensureLedger(client);
  const hash = planHash(migration.plan);
  const known = (await readLedger(client)).find((m) => m.id === migration.id);
  const emit = (event: ExecutorEvent) => options.onEvent?.(event);
  if (known?.status === 'applied') {
    emit({ type: 'migration-skip', migration: migration.id, reason: 'already applied' });
    return { id: migration.id, status: 'already-applied', completed: [], skipped: migration.plan.steps.map((s) => s.id), stoppedAt: null, error: null, ms: Date.now() - started };
  }
  if (known && known.status !== 'rolled back' && known.planHash !== hash) {
    throw new WesleyError({
      code: RUN_ERROR_CODES.planChanged,
      message: `Migration ${migration.id} was started with another plan (${known.planHash.slice(0, 12)}...); this one is ${hash.slice(0, 12)}.... Resuming it would mix two plans.`,
      hint: 'Resume with the migration files the first run used, or roll it back (`wesley migrate rollback`) and run it again.',
    });
  }
  if (known) {
    // A rolled-back migration runs again from the start, with the plan of this run.
    await client.query(
      `UPDATE wesley.migrations SET status = 'running', error = NULL, plan_hash = $2, plan = $3::jsonb, checksum = $4, name = $5, from_hash = $6, to_hash = $7,
              started_at = clock_timestamp(), finished_at = NULL WHERE id = $1`,
      [migration.id, hash, planToJson(migration.plan), migration.checksum, migration.name, migration.fromHash, migration.toHash],
    );
  } else {
    await client.query(
      `INSERT INTO wesley.migrations (id, name, from_hash, to_hash, checksum, plan_hash, plan, status) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'running')`,
      [migration.id, migration.name, migration.fromHash, migration.toHash, migration.checksum, hash, planToJson(migration.plan)],
    );
  }
  const ledger = await readLedgerSteps(client, migration.id);
  const steps = migration.plan.steps;
  emit({ type: 'migration-start', migration: migration.id, name: migration.name, steps: steps.length, resumed: known !== undefined });
  const runner = new StepRunner(client, migration, options);
  const completed: string[] = [];
  const skipped: string[] = [];
  for (const [index, step] of steps.entries()) {
    const previous = ledger.get(step.id);
    if (previous?.done) {
      skipped.push(step.id);
      emit({ type: 'step-skip', migration: migration.id, stepId: step.id, reason: 'done by an earlier run' });
      continue;
    }
    const stepStarted = Date.now();
    emit({ type: 'step-start', migration: migration.id, stepId: step.id, kind: step.kind, summary: step.summary, index: index + 1, total: steps.length, resumedBatches: previous?.batches ?? 0 });
    try {
      if (step.backfill) await runner.backfill(step, index + 1, previous);
      else if (step.transactional) await runner.transactional(step, index + 1);
      else await runner.nonTransactional(step, index + 1);
    } catch (error) {
      const after = (await readLedgerSteps(client, migration.id).catch(() => new Map<string, LedgerStep>())).get(step.id);
      const message = redactConnectionString(error instanceof Error ? error.message : String(error));
      const failure = isWesleyError(error)
        ? toErrorData(error)
        : toErrorData(new WesleyError({
            code: RUN_ERROR_CODES.stepFailed,
            message: `Step ${step.id} of migration ${migration.id} failed: ${message}${sqlstate(error) ? ` (SQLSTATE ${String(sqlstate(error))})` : ''}.`,
            hint: `Steps before it are applied and recorded in wesley.migration_steps; fix the cause, then \`wesley migrate resume\` continues at this step${step.backfill ? ' after its last committed batch' : ''}, or \`wesley migrate rollback\` undoes the completed steps.`,
            details: { migration: migration.id, step: step.id, sqlstate: sqlstate(error) ?? null },
          }));
      await client.query(`UPDATE wesley.migrations SET status = 'failed', error = $2 WHERE id = $1`, [migration.id, failure.message]).catch(() => {});
      emit({ type: 'migration-failed', migration: migration.id, stepId: step.id, error: failure });
      return {
        id: migration.id, status: 'failed', completed, skipped,
        stoppedAt: { stepId: step.id, ...(step.backfill ? { batches: after?.batches ?? 0, cursor: after?.cursor ?? null } : {}) },
        error: failure, ms: Date.now() - started,
      };
    }
    completed.push(step.id);
    emit({ type: 'step-done', migration: migration.id, stepId: step.id, ms: Date.now() - stepStarted });
  }
  await client.query(`UPDATE wesley.migrations SET status = 'applied', finished_at = clock_timestamp(), error = NULL WHERE id = $1`, [migration.id]);
  emit({ type: 'migration-done', migration: migration.id, ms: Date.now() - started });
  return { id: migration.id, status: 'applied', completed, skipped, stoppedAt: null, error: null, ms: Date.now() - started };
}
