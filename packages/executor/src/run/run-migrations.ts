// `wesley migrate execute` as a library call: the migrations folder, verified; the server checked
// and its facts read; the migration lock; each pending migration planned with the real facts
// (from the snapshot before it to its own) or, when a run was interrupted, continued with the plan
// it started; checkpoints written as it goes. Returns what was applied and where it stopped.
import { WesleyError, isWesleyError, toErrorData, type SchemaIR } from '@wesley/ir';
import { planMigration, planSchema, type Plan, type PlanOptions } from '@wesley/planner';
import type pg from 'pg';
import { readMigrations, readSnapshot, type Migration } from '../migrations/index.js';
import { readServerFacts } from '../read-server-facts.js';
import { acquireMigrationLock, type AcquireOptions } from './advisory-lock.js';
import { CheckpointWriter, DEFAULT_CHECKPOINT_DIR, readCheckpoint } from './checkpoints.js';
import { RUN_ERROR_CODES } from './errors.js';
import type { ExecutorEvent } from './events.js';
import { executeMigration, planHash, type ExecuteOptions, type MigrationOutcome } from './execute-migration.js';
import { ensureLedger, readLedger, readLedgerPlan, type LedgerMigration } from './ledger.js';

export interface RunMigrationsOptions extends Omit<ExecuteOptions, 'rowEstimates'>, Pick<AcquireOptions, 'wait' | 'timeoutMs'> {
  /** The migrations folder. */
  readonly dir: string;
  /** Where checkpoint files go (default `.wesley/checkpoints`, relative to `cwd`). */
  readonly checkpointDir?: string;
  /** Stop after this migration id (default: run every pending one). */
  readonly to?: string;
  /** Options of the fresh plans (lock_timeout per step, retries, the low-traffic threshold); `unsafe` comes from the migration. */
  readonly planOptions?: Omit<PlanOptions, 'unsafe'>;
  /**
   * Called with each migration's plan after it is planned and before anything of it runs; a throw
   * stops the run there (the error says what was applied before). The CLI refuses destructive steps
   * without --unsafe and low-traffic steps outside the maintenance window here.
   */
  readonly approve?: (migration: Migration, plan: Plan, resumed: boolean) => void | Promise<void>;
}

export interface RunMigrationsResult {
  readonly serverVersionNum: number;
  /** Waited this long for the migration lock. */
  readonly lockWaitedMs: number;
  readonly outcomes: readonly MigrationOutcome[];
  /** True when every pending migration (up to `to`) is applied. */
  readonly complete: boolean;
}

/** Connections for a run: one for the lock, one for the steps (both borrowed from a Pool, or given). */
export interface RunConnections {
  readonly lock: pg.ClientBase;
  readonly work: pg.ClientBase;
}

export async function serverVersion(client: pg.ClientBase): Promise<number> {
  const version = Number((await client.query(`SELECT current_setting('server_version_num') AS v`)).rows[0].v);
  if (version < 110000) {
    throw new WesleyError({
      code: RUN_ERROR_CODES.unsupportedVersion,
      message: `The server runs PostgreSQL ${Math.floor(version / 10000)}; Wesley runs migrations on PostgreSQL 11 and later.`,
      hint: 'Upgrade the server to PostgreSQL 11 or later.',
    });
  }
  return version;
}

/** The migrations of the folder the ledger has not applied, in order (up to `to`). */
export function pendingMigrations(migrations: readonly Migration[], ledger: readonly LedgerMigration[], to?: string): Migration[] {
  if (to !== undefined && !migrations.some((m) => m.id === to)) {
    throw new WesleyError({ code: RUN_ERROR_CODES.unknownMigration, message: `There is no migration ${to} in the migrations folder.`, hint: 'Run `wesley migrate status` to see the migrations and their ids.' });
  }
  const applied = new Map(ledger.map((m) => [m.id, m]));
  for (const m of migrations) {
    const known = applied.get(m.id);
    if (known?.status === 'applied' && known.checksum !== m.meta.files['plan.json']) {
      throw new WesleyError({
        code: RUN_ERROR_CODES.appliedChanged,
        message: `Migration ${m.id} was applied with other files than the ones in the folder now (plan.json differs).`,
        hint: 'Restore the folder from version control: an applied migration must not change. Make the change in a new migration.',
      });
    }
  }
  const pending = migrations.filter((m) => applied.get(m.id)?.status !== 'applied');
  return to === undefined ? pending : pending.filter((m) => m.id <= to);
}

/** The plan to run for `migration`: the one an interrupted run started with, or a fresh one with real facts. */
async function planFor(work: pg.ClientBase, migration: Migration, previous: Migration | undefined, known: LedgerMigration | undefined, serverVersionNum: number, emit: (e: ExecutorEvent) => void, planOptions: Omit<PlanOptions, 'unsafe'> = {}): Promise<Plan> {
  if (known && (known.status === 'running' || known.status === 'failed')) {
    return planSchema.parse(await readLedgerPlan(work, migration.id)) as Plan;
  }
  const from: SchemaIR | null = previous ? await readSnapshot(previous) : null;
  const to = await readSnapshot(migration);
  const facts = await readServerFacts(work);
  const plan = planMigration(from, to, { ...facts, serverVersionNum }, { ...planOptions, unsafe: migration.meta.unsafe });
  if (plan.refused.length) {
    throw new WesleyError({
      code: RUN_ERROR_CODES.refused,
      message: `With this database's facts, migration ${migration.id} would leave changes out:\n${plan.refused.map((r) => `  - ${r.object}: ${r.reason}`).join('\n')}`,
      hint: 'Generate the migration again with the database (or --unsafe for destructive changes), or change the schema; nothing of this migration was run.',
      details: { refused: plan.refused },
    });
  }
  const written = migration.plan.steps.map((s) => `${s.id}\n${s.sql.join('\n')}`).join('\n');
  const fresh = plan.steps.map((s) => `${s.id}\n${s.sql.join('\n')}`).join('\n');
  if (written !== fresh) emit({ type: 'replanned', migration: migration.id, reason: 'the table sizes of this database give other steps than plan.json (planned without a database); running the plan made with the real facts' });
  return plan;
}

/**
 * Runs every pending migration of `dir` on the database, one migrator at a time. A migration that
 * fails stops the run: the outcome says where, the ledger and the checkpoint file too, and the
 * next call resumes there.
 */
export async function runMigrations(connections: RunConnections, options: RunMigrationsOptions): Promise<RunMigrationsResult> {
  const emit = (event: ExecutorEvent) => options.onEvent?.(event);
  const migrations = await readMigrations(options.dir);
  const serverVersionNum = await serverVersion(connections.work);
  const lock = await acquireMigrationLock(connections.lock, { ...(options.wait !== undefined ? { wait: options.wait } : {}), ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  try {
    await ensureLedger(connections.work);
    const ledger = await readLedger(connections.work);
    const pending = pendingMigrations(migrations, ledger, options.to);
    const outcomes: MigrationOutcome[] = [];
    const checkpointDir = options.checkpointDir ?? DEFAULT_CHECKPOINT_DIR;
    for (const migration of pending) {
      const previous = migrations[migrations.indexOf(migration) - 1];
      const known = ledger.find((m) => m.id === migration.id);
      let plan: Plan;
      try {
        plan = await planFor(connections.work, migration, previous, known, serverVersionNum, emit, options.planOptions);
        await options.approve?.(migration, plan, known?.status === 'running' || known?.status === 'failed');
      } catch (error) {
        // Say what this run had applied before stopping: the error alone would hide it.
        if (!isWesleyError(error) || outcomes.length === 0) throw error;
        throw new WesleyError({
          ...toErrorData(error),
          message: `${error.message}\nApplied by this run before it stopped: ${outcomes.filter((o) => o.status === 'applied').map((o) => o.id).join(', ') || 'nothing'}.`,
          details: { ...error.details, outcomes },
        });
      }
      const facts = await readServerFacts(connections.work);
      const rowEstimates = Object.fromEntries(Object.entries(facts.tables ?? {}).map(([table, f]) => [table, f.rows]));
      const checkpoints = new CheckpointWriter(checkpointDir, migration.id, planHash(plan), plan, rowEstimates, readCheckpoint(checkpointDir, migration.id));
      const outcome = await executeMigration(
        connections.work,
        { id: migration.id, name: migration.name, fromHash: migration.meta.fromHash, toHash: migration.meta.toHash, checksum: migration.meta.files['plan.json'], plan },
        {
          ...options,
          rowEstimates,
          progressClient: connections.lock,
          onEvent: (event) => {
            checkpoints.onEvent(event);
            emit(event);
          },
        },
      );
      outcomes.push(outcome);
      if (outcome.status === 'failed') return { serverVersionNum, lockWaitedMs: lock.waitedMs, outcomes, complete: false };
    }
    return { serverVersionNum, lockWaitedMs: lock.waitedMs, outcomes, complete: true };
  } finally {
    await lock.release().catch(() => {});
  }
}
