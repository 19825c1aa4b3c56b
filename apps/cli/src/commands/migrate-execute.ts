// `wesley migrate execute` and `wesley migrate resume`: run the pending migrations of a folder on
// a database with @wesley/executor's runMigrations, showing progress, and say what was applied
// or exactly where a run stopped. The CLI takes the migration lock itself first (the lock is
// re-entrant for its session) so that a wait for another migrator is shown while it lasts.
import path from 'node:path';
import { acquireMigrationLock, migrationStatus, readMigrations, runMigrations, type MigrationOutcome, type RunMigrationsResult } from '@wesley/executor';
import { formatError, type WesleyErrorData } from '@wesley/ir';
import type { Plan } from '@wesley/planner';
import type { Argv } from 'yargs';
import { planStatements, sqlHash } from '../audit-log.js';
import type { CommandContext } from '../command-context.js';
import { auditDatabase, auditOptions, commandAudit } from './migrate-audit.js';
import { checkGates } from './migrate-gates.js';
import { formatPreview, previewMigrations } from './migrate-preview.js';
import { isInteractive, lineReporter, ndjsonReporter, terminalReporter, type Reporter, type RunEvent } from './migrate-progress.js';
import {
  checkDir, connectRun, databaseJson, formatMs, lockOf, lockOptions, openDatabase, plural, redactDeep, reportable, sessionOptions, usage,
  type Database, type LockArgs, type SessionArgs,
} from './migrate-session.js';

/** Version of the final `result` line of `--json` (docs/cli/migrate-execute.md). */
export const MIGRATE_EXECUTE_JSON_VERSION = 1;

type Mode = 'execute' | 'resume';

interface ExecuteArgs extends SessionArgs, LockArgs {
  to?: string;
  batchSize?: number;
  throttle?: number;
  explain?: boolean;
  dryRun?: boolean;
  unsafe: boolean;
  auditLog?: string;
}

/** A lock-wait line at most this often (the lock is polled more often). */
const LOCK_WAIT_EVERY_MS = 5000;

function runOptions(y: Argv, ctx: CommandContext): Argv {
  return auditOptions(lockOptions(sessionOptions(y, ctx), ctx))
    .option('to', { type: 'string', description: 'Stop after this migration id (default: every pending one)' })
    .option('batch-size', { type: 'number', description: "Rows per backfill batch (config: execute.batchSize; default: the plan's, 5000)" })
    .option('throttle', { type: 'number', description: 'Pause between backfill batches, in ms (config: execute.throttleMs; default 0)' })
    .option('unsafe', { type: 'boolean', default: false, description: 'Run destructive steps (drops, rewrites), and low-traffic steps outside the maintenance window; refused without it (exit 3)' })
    .option('json', { type: 'boolean', description: 'Print NDJSON on stdout: one line per event, then a result line' })
    .option('explain', { type: 'boolean', description: 'Print the plan of each pending migration, explained; nothing runs' })
    .option('dry-run', { type: 'boolean', description: 'Print the SQL of each pending migration; nothing runs' });
}

const EPILOGUE = 'Exit codes: 0 every pending migration is applied (or, with --explain / --dry-run, printed); 2 usage error; 3 refused: destructive steps without --unsafe, or low-traffic steps outside the maintenance window (nothing of that migration ran); 4 invalid migrations folder or config; 5 database error; 6 a migration failed (where it stopped is printed: resume or roll back); 7 the migration lock is held (--no-wait, --lock-timeout). Without --database-url, WESLEY_DATABASE_URL or a config database, runs on the embedded PostgreSQL in .wesley/. Progress goes to stderr (a progress bar on a terminal); --json prints NDJSON on stdout (docs/cli/migrate-execute.md).';

/** `wesley migrate execute`: apply every pending migration. */
export function migrateExecuteCommand(ctx: CommandContext) {
  return {
    command: 'execute',
    describe: 'Apply the pending migrations of the migrations folder to a database, resumably, with progress',
    builder: (y: Argv) =>
      runOptions(y, ctx)
        .example('$0 migrate execute', 'Apply every pending migration (the embedded database when none is configured)')
        .example('WESLEY_DATABASE_URL=postgres://... $0 migrate execute --dir migrations', 'Apply every pending migration to that database')
        .example('$0 migrate execute --unsafe', 'Also run destructive steps (after reviewing --explain)')
        .example('$0 migrate execute --database-url postgres://... --explain', 'Explain what would run; nothing runs')
        .example('$0 migrate execute --dry-run > pending.sql', 'The SQL of the pending migrations, for review')
        .example('$0 migrate execute --no-wait --json', 'In CI: NDJSON events, exit 1 at once if another migrator runs')
        .example('$0 migrate execute --batch-size 5000 --throttle 50', 'Larger backfill batches, 50 ms apart')
        .epilogue(EPILOGUE),
    handler: (argv: ExecuteArgs) => runCommand(ctx, argv, 'execute'),
  };
}

/** `wesley migrate resume`: the same, after an interrupted run. */
export function migrateResumeCommand(ctx: CommandContext) {
  return {
    command: 'resume',
    describe: 'Continue an interrupted run from its last completed step or batch, then the pending migrations after it',
    builder: (y: Argv) =>
      runOptions(y, ctx)
        .example('$0 migrate resume --database-url postgres://...', 'Continue where the interrupted run stopped')
        .example('$0 migrate resume --to 20250301120000_initial', 'Continue the interrupted migration only')
        .epilogue(`${EPILOGUE} With no interrupted migration, resume says so and exits 0.`),
    handler: (argv: ExecuteArgs) => runCommand(ctx, argv, 'resume'),
  };
}

function checkNumbers(argv: ExecuteArgs): void {
  if (argv.batchSize !== undefined && (!Number.isInteger(argv.batchSize) || argv.batchSize < 1)) {
    throw usage(`--batch-size must be a whole number of rows, 1 or more, not ${String(argv.batchSize)}.`, '--batch-size <rows>', 'Pass the rows per batch, e.g. --batch-size 5000.');
  }
  if (argv.throttle !== undefined && (!Number.isFinite(argv.throttle) || argv.throttle < 0)) {
    throw usage(`--throttle must be a number of milliseconds, 0 or more, not ${String(argv.throttle)}.`, '--throttle <ms>', 'Pass the pause between batches, e.g. --throttle 50.');
  }
  if (argv.explain && argv.dryRun) throw usage('--explain and --dry-run exclude each other.', '--explain | --dry-run', 'Pass one of them: --explain for the plans, --dry-run for the SQL.');
  if (argv.to !== undefined && argv.to.trim() === '') throw usage('--to needs a migration id.', '--to <id>', 'Name a migration folder, e.g. --to 20250301120000_initial.');
}

async function runCommand(ctx: CommandContext, argv: ExecuteArgs, mode: Mode): Promise<void> {
  const json = argv.json === true;
  let db: Database | undefined;
  const redact = <T>(value: T): T => redactDeep(value, db?.url);
  let reporter: Reporter | undefined;
  const result = (body: Record<string, unknown>) =>
    ctx.io.stdout(`${JSON.stringify(redact({ type: 'result', formatVersion: MIGRATE_EXECUTE_JSON_VERSION, command: `migrate ${mode}`, ...body, database: databaseJson(db, ctx) }))}\n`);
  const execute = ctx.config.config.execute;
  const preview = argv.explain === true || argv.dryRun === true;
  const audit = commandAudit(ctx, `migrate ${mode}`, argv.auditLog);
  const plans = new Map<string, Plan>();
  const batchSize = argv.batchSize ?? execute?.batchSize;
  const throttle = argv.throttle ?? execute?.throttleMs;
  try {
    checkDir(argv);
    checkNumbers(argv);
    const lockOptions = lockOf(argv);
    const dir = path.resolve(ctx.cwd, argv.dir);
    const checkpointDir = path.resolve(ctx.cwd, argv.checkpointDir);
    db = await openDatabase(argv, ctx, `migrate ${mode}`, json);
    if (argv.explain || argv.dryRun) {
      const previewMode = argv.explain ? 'explain' : 'dry-run';
      const previews = await previewMigrations(ctx, db, { dir, ...(argv.to === undefined ? {} : { to: argv.to }), mode: previewMode, command: `migrate ${mode}` });
      if (json) result({ ok: true, mode: previewMode, migrations: previews });
      else ctx.io.stdout(formatPreview(redact(previews), previewMode, argv.dir));
      return;
    }
    // The folder is verified before connecting: a tampered migration fails without touching the database.
    const migrations = await readMigrations(dir);
    reporter = json ? ndjsonReporter(ctx, redact) : isInteractive(ctx, json) ? terminalReporter(redact) : lineReporter(ctx, redact);
    const report = reporter;
    const connections = await connectRun(db, ctx, `wesley migrate ${mode}`);
    let run: RunMigrationsResult | null = null;
    try {
      let lastWait = -Infinity;
      const lock = await acquireMigrationLock(connections.lock, {
        ...lockOptions,
        onWait: (holder, waitedMs) => {
          if (waitedMs - lastWait < LOCK_WAIT_EVERY_MS) return;
          lastWait = waitedMs;
          report.event({ type: 'lock-wait', holder, waitedMs });
        },
      });
      try {
        if (mode === 'resume') {
          const states = await migrationStatus(connections.work, migrations, { checkpointDir });
          if (!states.some((s) => s.state === 'interrupted')) {
            const pending = states.filter((s) => s.state === 'pending' || s.state === 'rolled back').length;
            report.stop();
            const serverVersionNum = Number((await connections.work.query(`SELECT current_setting('server_version_num') AS v`)).rows[0].v);
            audit.write({ database: auditDatabase(db, ctx), migration: null, sqlHash: null, outcome: 'nothing-to-do', errorCode: null });
            if (json) result({ ok: true, complete: true, outcomes: [], serverVersionNum, lockWaitedMs: lock.waitedMs });
            else ctx.io.stdout(`Nothing to resume: no migration is interrupted${pending ? ` (${plural(pending, 'migration')} pending: run \`wesley migrate execute\`)` : ''}.\n`);
            return;
          }
        }
        run = await runMigrations(connections, {
          dir, checkpointDir, wait: false,
          ...(argv.to === undefined ? {} : { to: argv.to }),
          ...(batchSize === undefined ? {} : { batchSize }),
          ...(throttle === undefined ? {} : { throttleMs: throttle }),
          ...(execute?.lockTimeoutMs === undefined ? {} : { planOptions: { lockTimeoutMs: execute.lockTimeoutMs } }),
          approve: (migration, plan) => {
            plans.set(migration.id, plan);
            const warning = checkGates(migration.id, plan, { unsafe: argv.unsafe, window: ctx.config.config.maintenanceWindow, now: new Date(), command: `migrate ${mode}` });
            if (warning) ctx.io.stderr(`warning: ${warning}\n`);
          },
          onEvent: (event: RunEvent) => {
            // Each migration's record is written as it ends, so a run stopped later (a refusal, an
            // error, Ctrl-C) still records what it applied.
            if (event.type === 'migration-done' || event.type === 'migration-failed') {
              const plan = plans.get(event.migration);
              audit.write({
                database: auditDatabase(db, ctx), migration: event.migration, sqlHash: plan ? sqlHash(planStatements(plan)) : null,
                outcome: event.type === 'migration-done' ? 'applied' : 'failed', errorCode: event.type === 'migration-failed' ? event.error.code : null,
                durationMs: event.type === 'migration-done' ? event.ms : null,
              });
            }
            report.event(event);
          },
        });
        run = { ...run, lockWaitedMs: lock.waitedMs };
      } finally {
        await lock.release().catch(() => {});
      }
    } finally {
      report.stop();
      await connections.end();
    }
    const failed = run.outcomes.find((o) => o.status === 'failed');
    if (!run.outcomes.length) audit.write({ database: auditDatabase(db, ctx), migration: null, sqlHash: null, outcome: 'nothing-to-do', errorCode: null });
    if (json) {
      result({ ok: !failed, complete: run.complete, outcomes: run.outcomes, serverVersionNum: run.serverVersionNum, lockWaitedMs: run.lockWaitedMs, ...(failed ? { errors: [failed.error] } : {}) });
    } else if (failed) {
      ctx.io.stderr(formatFailure(redact(failed), run));
    } else {
      ctx.io.stdout(formatApplied(run, argv.dir));
    }
    if (failed) ctx.setExitFor([failed.error ?? { code: 'WESLEY_EXEC_STEP_FAILED' }]);
  } catch (error) {
    reporter?.stop();
    const data = reportable(error, db);
    ctx.printStack(error, db?.url);
    if (!preview && data.code !== 'WESLEY_CLI_USAGE') audit.error(auditDatabase(db, ctx), data);
    if (json) result({ ok: false, errors: [data] });
    else ctx.io.stderr(`${formatError(data)}\n`);
    ctx.setExitFor([data]);
  } finally {
    await db?.release();
  }
}

const pgVersion = (num: number) => `PostgreSQL ${Math.floor(num / 10000)}.${num % 10000}`;

function outcomeLine(o: MigrationOutcome): string {
  if (o.status === 'already-applied') return `  ${o.id}  already applied`;
  const resumed = o.skipped.length ? `, ${plural(o.skipped.length, 'step')} done by an earlier run` : '';
  return `  ${o.id}  ${plural(o.completed.length, 'step')} in ${formatMs(o.ms)}${resumed}`;
}

function formatApplied(run: RunMigrationsResult, dir: string): string {
  const waited = run.lockWaitedMs >= 1000 ? `; waited ${formatMs(run.lockWaitedMs)} for the migration lock` : '';
  if (!run.outcomes.length) return `Nothing to apply: every migration in ${dir} is applied (${pgVersion(run.serverVersionNum)}${waited}).\n`;
  const applied = run.outcomes.filter((o) => o.status === 'applied').length;
  return `Applied ${plural(applied, 'migration')} (${pgVersion(run.serverVersionNum)}${waited}):\n${run.outcomes.map(outcomeLine).join('\n')}\n`;
}

/** Where the run stopped, the error with its hint, and what was applied before it. */
function formatFailure(failed: MigrationOutcome, run: RunMigrationsResult): string {
  const at = failed.stoppedAt;
  const batch = at?.batches !== undefined ? ` after ${plural(at.batches, 'committed batch')}${at.cursor ? ` (cursor ${JSON.stringify(at.cursor)})` : ''}` : '';
  const before = run.outcomes.filter((o) => o.id !== failed.id);
  const lines = [
    `Migration ${failed.id} stopped at step ${at?.stepId ?? '?'}${batch}; ${plural(failed.completed.length + failed.skipped.length, 'step')} before it are applied and recorded.`,
    formatError(failed.error as WesleyErrorData),
  ];
  if (before.length) lines.push(`Applied before it:\n${before.map(outcomeLine).join('\n')}`);
  lines.push(`Continue with \`wesley migrate resume\` once the cause is fixed, or undo the completed steps with \`wesley migrate rollback --migration ${failed.id}\`.`);
  return `${lines.join('\n')}\n`;
}
