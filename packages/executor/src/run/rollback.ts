// `wesley migrate rollback [--to <checkpoint>]`: undoes a migration's completed steps with their
// rollback SQL, last first, each with its ledger row (a transactional undo in one transaction with
// it). An irreversible step, or an undo that would drop a table or column holding data, is refused
// without `unsafe`, before anything runs, with its reason.
import { WesleyError } from '@wesley/ir';
import { planSchema, type Plan, type Step } from '@wesley/planner';
import type pg from 'pg';
import { acquireMigrationLock, WORK_LOCK_KEYS, type AcquireOptions } from './advisory-lock.js';
import { checkpointPath, DEFAULT_CHECKPOINT_DIR, readCheckpoint, removeCheckpoint, writeAtomically } from './checkpoints.js';
import { concurrentDetachOf, finalizePendingDetach } from './concurrent-statements.js';
import { RUN_ERROR_CODES } from './errors.js';
import { dataAtRisk, type DataAtRisk } from './rollback-data-loss.js';
import { withRetries } from './with-retries.js';
import { ensureLedger, readLedger, readLedgerPlan, readLedgerSteps } from './ledger.js';
import type { RunConnections } from './run-migrations.js';

export interface RollbackOptions extends Pick<AcquireOptions, 'wait' | 'timeoutMs'> {
  /** The migration to roll back (default: the last one the ledger has, applied or interrupted). */
  readonly migration?: string;
  /** A checkpoint milestone (`p25`, `p50`, `p75`): undo only the steps completed after it. */
  readonly to?: string;
  readonly checkpointDir?: string;
  /** Undo irreversible steps too, and drop tables and columns that hold data (it is lost, as the refusal says). */
  readonly unsafe?: boolean;
  readonly onStep?: (step: Step, action: 'undone' | 'nothing-to-undo') => void;
  /** Run nothing: say what would be undone, and how (`planned` in the result). */
  readonly dryRun?: boolean;
}

/** A step a rollback undoes (or would), with its rollback as the plan gives it. */
export interface PlannedUndo {
  readonly stepId: string;
  readonly summary: string;
  readonly rollback: Step['rollback'];
}

export interface RollbackResult {
  readonly migration: string;
  readonly undone: readonly string[];
  /** Irreversible steps left as they are (with `unsafe`): still recorded as done in the ledger. */
  readonly kept: readonly string[];
  /** True when every step is undone (the migration is pending again). */
  readonly complete: boolean;
  /** What the rollback undoes, last step first (with `dryRun`, nothing else happened). */
  readonly planned: readonly PlannedUndo[];
  /** Tables and columns the undo drops, and whether they hold data. */
  readonly dataAtRisk: readonly DataAtRisk[];
}

async function undo(work: pg.ClientBase, migrationId: string, step: Step): Promise<'undone' | 'nothing-to-undo'> {
  const forget = () => work.query(`DELETE FROM wesley.migration_steps WHERE migration_id = $1 AND step_id = $2`, [migrationId, step.id]);
  const rollback = step.rollback;
  if (rollback.kind === 'none') {
    await forget();
    return 'nothing-to-undo';
  }
  if (rollback.kind !== 'sql') return 'nothing-to-undo'; // irreversible: kept, and still recorded as done
  if (rollback.transactional) {
    await withRetries(step, async () => {
      await work.query('BEGIN');
      try {
        if (step.lockTimeoutMs) await work.query(`SET LOCAL lock_timeout = ${Number(step.lockTimeoutMs)}`);
        for (const statement of rollback.sql) await work.query(statement);
        await forget();
        await work.query('COMMIT');
      } catch (error) {
        await work.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  } else {
    for (const statement of rollback.sql) await work.query(statement);
    await forget();
  }
  return 'undone';
}

export async function rollbackMigration(connections: RunConnections, options: RollbackOptions = {}): Promise<RollbackResult> {
  // A dry run only reads: it takes no lock and waits for no one.
  const lock = options.dryRun ? null : await acquireMigrationLock(connections.lock, { ...(options.wait !== undefined ? { wait: options.wait } : {}), ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  // A crashed executor's statement may still be running on the server: wait for it, as execute does.
  const workLock = options.dryRun ? null : await acquireMigrationLock(connections.work, { keys: WORK_LOCK_KEYS, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  try {
    if (!options.dryRun) await ensureLedger(connections.work);
    const ledger = (await readLedger(connections.work)).filter((m) => m.status !== 'rolled back');
    const target = options.migration !== undefined ? ledger.find((m) => m.id === options.migration) : ledger.at(-1);
    if (!target) {
      throw new WesleyError({
        code: RUN_ERROR_CODES.nothingToRollBack,
        message: options.migration ? `The database has no applied or interrupted migration ${options.migration}.` : 'The database has no applied or interrupted migration to roll back.',
        hint: 'Run `wesley migrate status` to see what is applied.',
      });
    }
    const plan = planSchema.parse(await readLedgerPlan(connections.work, target.id)) as Plan;
    const done = await readLedgerSteps(connections.work, target.id);
    let keep = new Set<string>();
    const checkpointDir = options.checkpointDir ?? DEFAULT_CHECKPOINT_DIR;
    if (options.to !== undefined) {
      const milestone = readCheckpoint(checkpointDir, target.id)?.milestones.find((m) => m.name === options.to);
      if (!milestone) {
        throw new WesleyError({
          code: RUN_ERROR_CODES.noCheckpoint,
          message: `Migration ${target.id} has no checkpoint ${options.to} (checkpoints are p25, p50 and p75, kept until the migration is applied).`,
          hint: 'Roll back the whole migration (leave out --to), or pick a checkpoint `wesley migrate status` lists.',
        });
      }
      keep = new Set(milestone.completedSteps);
    }
    const toUndo = plan.steps.filter((s) => (done.get(s.id)?.done || (done.get(s.id)?.batches ?? 0) > 0) && !keep.has(s.id)).reverse();
    const planned = toUndo.map((s) => ({ stepId: s.id, summary: s.summary, rollback: s.rollback }));
    const atRisk = await dataAtRisk(connections.work, toUndo);
    if (options.dryRun) return { migration: target.id, undone: [], kept: [], complete: false, planned, dataAtRisk: atRisk };
    const irreversible = toUndo.filter((s) => s.rollback.kind === 'irreversible');
    if (irreversible.length && !options.unsafe) {
      throw new WesleyError({
        code: RUN_ERROR_CODES.irreversible,
        message: `Rolling back ${target.id} would have to undo steps that cannot be undone:\n${irreversible.map((s) => `  - ${s.id}: ${s.rollback.kind === 'irreversible' ? s.rollback.reason : ''}`).join('\n')}`,
        hint: 'Nothing was undone. Pass --unsafe to roll back the other steps anyway (these stay as they are), or restore from a backup.',
        details: { migration: target.id, steps: irreversible.map((s) => s.id), flag: '--unsafe' },
      });
    }
    const losing = atRisk.filter((r) => r.hasData !== false);
    if (losing.length && !options.unsafe) {
      const what = (r: DataAtRisk) => `  - ${r.stepId}: drops ${r.kind} ${r.object}, which ${r.hasData === null ? 'may hold data (the check timed out)' : r.kind === 'table' ? 'holds rows' : 'holds values'}`;
      throw new WesleyError({
        code: RUN_ERROR_CODES.dataLoss,
        message: `Rolling back ${target.id} would delete data written since it ran:\n${losing.map(what).join('\n')}`,
        hint: 'Nothing was undone. Back up what it drops, then pass --unsafe to roll back anyway; or make the change in a new migration instead.',
        details: { migration: target.id, steps: losing.map((r) => r.stepId), objects: losing.map((r) => r.object), flag: '--unsafe' },
      });
    }
    // A DETACH ... CONCURRENTLY left pending (rows invisible through the parent): finish it, so
    // its step's rollback (attaching the partition again) applies.
    for (const step of plan.steps.filter((s) => !s.transactional && !done.get(s.id)?.done && !keep.has(s.id))) {
      for (const detach of step.sql.map(concurrentDetachOf).filter((d) => d !== null)) {
        if (await finalizePendingDetach(connections.work, detach)) toUndo.unshift(step);
      }
    }
    // Half undone is not applied: say so in the ledger before the first undo, so a failure or a
    // crash here leaves the migration interrupted (resume or roll back again), never "applied".
    await connections.work.query(`UPDATE wesley.migrations SET status = 'failed', error = 'rollback in progress' WHERE id = $1`, [target.id]);
    const undone: string[] = [];
    const kept: string[] = [];
    for (const step of toUndo) {
      let action: 'undone' | 'nothing-to-undo';
      try {
        action = await undo(connections.work, target.id, step);
      } catch (error) {
        const sqlstate = (error as { code?: unknown }).code;
        throw new WesleyError({
          code: RUN_ERROR_CODES.undoFailed,
          message: `Undoing step ${step.id} of ${target.id} failed: ${error instanceof Error ? error.message : String(error)}${typeof sqlstate === 'string' ? ` (${sqlstate})` : ''}. ${undone.length} step(s) were undone before it (${undone.join(', ') || 'none'}); the migration is interrupted.`,
          hint: 'Fix the cause (e.g. drop what depends on the object), then run `wesley migrate rollback` again to undo the rest, or `wesley migrate resume` to apply the migration again.',
          details: { migration: target.id, stepId: step.id, undone: [...undone], ...(typeof sqlstate === 'string' ? { sqlstate } : {}) },
        }, { cause: error });
      }
      if (step.rollback.kind === 'irreversible') kept.push(step.id);
      else undone.push(step.id);
      options.onStep?.(step, action);
    }
    const remaining = [...(await readLedgerSteps(connections.work, target.id)).values()];
    const complete = remaining.length === 0;
    await connections.work.query(`UPDATE wesley.migrations SET status = $2, error = $3, finished_at = clock_timestamp() WHERE id = $1`, [
      target.id, complete ? 'rolled back' : 'failed', complete ? null : kept.length ? `rolled back but for irreversible steps: ${kept.join(', ')}` : 'rolled back in part',
    ]);
    if (complete) removeCheckpoint(checkpointDir, target.id);
    else rewriteCheckpoint(checkpointDir, target.id, remaining.filter((r) => r.done).map((r) => r.stepId));
    return { migration: target.id, undone, kept, complete, planned, dataAtRisk: atRisk };
  } finally {
    await workLock?.release().catch(() => {});
    await lock?.release().catch(() => {});
  }
}

/** After a partial rollback the checkpoint file says what the ledger says: the steps still done, and the milestones they still reach. */
function rewriteCheckpoint(dir: string, migrationId: string, stillDone: readonly string[]): void {
  const checkpoint = readCheckpoint(dir, migrationId);
  if (!checkpoint) return;
  const done = new Set(stillDone);
  const milestones = checkpoint.milestones.filter((m) => m.completedSteps.every((id) => done.has(id)));
  const percent = milestones.at(-1)?.percent ?? 0;
  writeAtomically(checkpointPath(dir, migrationId), `${JSON.stringify({ ...checkpoint, status: 'failed', updatedAt: new Date().toISOString(), percent, completedSteps: stillDone, current: null, milestones }, null, 2)}\n`);
}
