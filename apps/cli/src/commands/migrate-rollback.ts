// `wesley migrate rollback`: undoes a migration's completed steps, last first, with the rollback
// SQL of the plan recorded in the ledger (rollbackMigration of @wesley/executor); irreversible
// steps are refused without --unsafe, before anything runs. As execute does, the CLI takes the
// migration lock first so that a wait for another migrator is shown.
import { acquireMigrationLock, describeHolder, rollbackMigration, type RollbackResult } from '@wesley/executor';
import { formatError, toErrorData } from '@wesley/ir';
import path from 'node:path';
import type { Argv } from 'yargs';
import { sqlHash } from '../audit-log.js';
import type { CommandContext } from '../command-context.js';
import { auditDatabase, auditOptions, commandAudit } from './migrate-audit.js';
import {
  checkDir, connectRun, databaseJson, formatMs, lockOf, lockOptions, openDatabase, plural, redactDeep, reportable, sessionOptions,
  type Database, type LockArgs, type SessionArgs,
} from './migrate-session.js';

/** Version of the `wesley migrate rollback --json` document (docs/cli/migrate-execute.md). */
export const MIGRATE_ROLLBACK_JSON_VERSION = 1;

interface RollbackArgs extends SessionArgs, LockArgs {
  migration?: string;
  to?: string;
  unsafe: boolean;
  explain?: boolean;
  dryRun?: boolean;
  auditLog?: string;
}

/** `wesley migrate rollback`: the last migration (or --migration), whole or back to a checkpoint. */
export function migrateRollbackCommand(ctx: CommandContext) {
  return {
    command: 'rollback',
    describe: "Undo a migration's completed steps, last first (the last applied or interrupted one by default)",
    builder: (y: Argv) =>
      auditOptions(lockOptions(sessionOptions(y, ctx), ctx))
        .option('migration', { type: 'string', description: 'The migration to roll back (default: the last one the database has, applied or interrupted)' })
        .option('to', { type: 'string', choices: ['p25', 'p50', 'p75'], description: 'Undo only the steps completed after this checkpoint of an interrupted migration' })
        .option('unsafe', { type: 'boolean', default: false, description: 'Drop tables and columns that hold data written since (refused without it: WESLEY_EXEC_DATA_LOSS), and undo the other steps when some cannot be undone (those stay as they are)' })
        .option('json', { type: 'boolean', description: 'Print one JSON document' })
        .option('explain', { type: 'boolean', description: 'List the steps that would be undone, last first, and how; nothing runs' })
        .option('dry-run', { type: 'boolean', description: 'Print the SQL that would undo them; nothing runs' })
        .conflicts('explain', 'dry-run')
        .example('WESLEY_DATABASE_URL=postgres://... $0 migrate rollback', 'Undo the last migration')
        .example('$0 migrate rollback --dry-run', 'The SQL a rollback would run')
        .example('$0 migrate rollback --migration 20250315093000_add_email --to p50', 'Back to the 50% checkpoint of an interrupted migration')
        .example('$0 migrate rollback --unsafe', 'Undo what can be undone, leaving irreversible steps as they are')
        .epilogue('Exit codes: 0 rolled back (or, with --explain / --dry-run, printed); 2 usage error; 3 refused: irreversible steps, or tables and columns holding data, without --unsafe (WESLEY_EXEC_IRREVERSIBLE, WESLEY_EXEC_DATA_LOSS), nothing was undone; 4 nothing to roll back or no such checkpoint; 5 database error; 6 an undo failed (what was undone is printed); 7 the migration lock is held. Works from the plan recorded in the database: the migrations folder is not read.'),
    handler: async (argv: RollbackArgs) => {
      let db: Database | undefined;
      const envelope = (body: Record<string, unknown>) => ({ formatVersion: MIGRATE_ROLLBACK_JSON_VERSION, command: 'migrate rollback', ...body, database: databaseJson(db, ctx) });
      const steps: Array<{ stepId: string; action: 'undone' | 'nothing-to-undo' }> = [];
      const preview = argv.explain === true || argv.dryRun === true;
      const audit = commandAudit(ctx, 'migrate rollback', argv.auditLog);
      try {
        checkDir(argv);
        const lockOptions = lockOf(argv);
        const checkpointDir = path.resolve(ctx.cwd, argv.checkpointDir);
        db = await openDatabase(argv, ctx, 'migrate rollback', argv.json === true);
        const connections = await connectRun(db, ctx, 'wesley migrate rollback');
        let result: RollbackResult;
        const started = Date.now();
        try {
          let lastWait = -Infinity;
          // --explain / --dry-run only read: no lock, no wait.
          const lock = argv.explain || argv.dryRun ? null : await acquireMigrationLock(connections.lock, {
            ...lockOptions,
            onWait: (holder, waitedMs) => {
              if (argv.json || waitedMs - lastWait < 5000) return;
              lastWait = waitedMs;
              ctx.io.stderr(`${redactDeep(`waiting for the migration lock, held by ${describeHolder(holder)} (${formatMs(waitedMs)} so far)`, db?.url)}\n`);
            },
          });
          try {
            result = await rollbackMigration(connections, {
              checkpointDir, unsafe: argv.unsafe, wait: false, dryRun: Boolean(argv.explain || argv.dryRun),
              ...(argv.migration === undefined ? {} : { migration: argv.migration }),
              ...(argv.to === undefined ? {} : { to: argv.to }),
              onStep: (step, action) => {
                steps.push({ stepId: step.id, action });
                if (!argv.json) ctx.io.stderr(`${action === 'undone' ? 'undone' : 'nothing to undo'}: ${step.id} (${step.summary})\n`);
              },
            });
          } finally {
            await lock?.release().catch(() => {});
          }
        } finally {
          await connections.end();
        }
        const mode = argv.explain ? 'explain' : argv.dryRun ? 'dry-run' : null;
        if (!mode) {
          // The undo statements that ran, in the order they ran (docs/audit-log.md).
          const ran = result.planned.filter((p) => result.undone.includes(p.stepId)).flatMap((p) => (p.rollback.kind === 'sql' ? p.rollback.sql : []));
          audit.write({ database: auditDatabase(db, ctx), migration: result.migration, sqlHash: sqlHash(ran), outcome: result.complete ? 'rolled-back' : 'partially-rolled-back', errorCode: null });
        }
        if (argv.json) ctx.printJson(envelope({ ok: true, migration: result.migration, complete: result.complete, to: argv.to ?? null, steps, kept: result.kept, ...(mode ? { mode, planned: result.planned, dataAtRisk: result.dataAtRisk } : {}) }));
        else ctx.io.stdout(mode ? formatPlanned(result, mode) : formatRolledBack(result, argv, Date.now() - started));
      } catch (error) {
        const data = reportable(error, db);
        ctx.printStack(error, db?.url);
        if (!preview && data.code !== 'WESLEY_CLI_USAGE') audit.error(auditDatabase(db, ctx), data);
        if (argv.json) ctx.printJson(envelope({ ok: false, steps, errors: [toErrorData(data)] }));
        else ctx.io.stderr(`${formatError(data)}\n${steps.length ? `${plural(steps.length, 'step')} had been undone before the error; \`wesley migrate status\` shows where the migration stands.\n` : ''}`);
        ctx.setExitFor([data]);
      } finally {
        await db?.release();
      }
    },
  };
}

/** --explain / --dry-run: what a rollback would undo, last first; nothing ran. */
function formatPlanned(result: RollbackResult, mode: 'explain' | 'dry-run'): string {
  if (!result.planned.length) return `Nothing to undo in ${result.migration}.\n`;
  if (mode === 'explain') {
    const lines = result.planned.map((p) => `  ${p.stepId}: ${p.summary}\n    ${p.rollback.kind === 'sql' ? `undo: ${p.rollback.sql.join('; ')}` : p.rollback.kind === 'none' ? `nothing to undo (${p.rollback.reason})` : `IRREVERSIBLE: ${p.rollback.reason} (needs --unsafe; stays as it is)`}`);
    const risk = result.dataAtRisk.filter((r) => r.hasData !== false);
    const data = risk.length
      ? `\nIt would delete data written since (refused without --unsafe):\n${risk.map((r) => `  ${r.stepId}: drops ${r.kind} ${r.object}, which ${r.hasData === null ? 'may hold data' : r.kind === 'table' ? 'holds rows' : 'holds values'}`).join('\n')}\n`
      : '';
    return `Rolling back ${result.migration} would undo ${plural(result.planned.length, 'step')}, last first (nothing was run):\n${lines.join('\n')}\n${data}`;
  }
  const sql = result.planned.map((p) => {
    if (p.rollback.kind !== 'sql') return `-- ${p.stepId}: ${p.rollback.kind === 'none' ? `nothing to undo (${p.rollback.reason})` : `IRREVERSIBLE: ${p.rollback.reason}`}`;
    const body = p.rollback.sql.map((st) => `${st};`).join('\n');
    return `-- ${p.stepId}: ${p.summary}\n${p.rollback.transactional ? `BEGIN;\n${body}\nCOMMIT;` : body}`;
  });
  return `-- Rollback of ${result.migration} (dry run: nothing was run)\n\n${sql.join('\n\n')}\n`;
}

function formatRolledBack(result: RollbackResult, argv: RollbackArgs, ms: number): string {
  const what = `${plural(result.undone.length, 'step')} undone in ${formatMs(ms)}`;
  if (result.complete) return `Rolled back ${result.migration}: ${what}; it is pending again (\`wesley migrate execute --dir ${argv.dir}\` applies it).\n`;
  if (result.kept.length) {
    return `Rolled back ${result.migration} but for ${plural(result.kept.length, 'irreversible step')} left as ${result.kept.length === 1 ? 'it is' : 'they are'} (${result.kept.join(', ')}): ${what}. The migration stays interrupted: it cannot run again over what was kept; restore from a backup, or make the change in a new migration.\n`;
  }
  const to = argv.to ? ` to checkpoint ${argv.to}` : '';
  return `Rolled back ${result.migration}${to}: ${what}; the steps before it stay applied and the migration is interrupted (\`wesley migrate resume\` continues it, \`wesley migrate rollback --migration ${result.migration}\` undoes the rest).\n`;
}
