// `wesley migrate status`: the migrations folder joined with the ledger (applied, pending,
// interrupted with their checkpoint, rolled back, missing from the folder), read in a read-only
// session without the migration lock; and who holds the lock, if anyone, since a migration a
// running migrator is applying looks interrupted in the ledger.
import path from 'node:path';
import { lockHolder, migrationStatus, readMigrations, describeHolder, type LockHolder, type MigrationState } from '@wesley/executor';
import { formatError, toErrorData } from '@wesley/ir';
import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { checkDir, connectOne, databaseJson, openDatabase, plural, redactDeep, reportable, sessionOptions, type Database, type SessionArgs } from './migrate-session.js';

/** Version of the `wesley migrate status --json` document (docs/cli/migrate-execute.md). */
export const MIGRATE_STATUS_JSON_VERSION = 1;

/** `wesley migrate status`: what is applied, pending and interrupted, and where. */
export function migrateStatusCommand(ctx: CommandContext) {
  return {
    command: 'status',
    describe: 'List the migrations: applied, pending, interrupted (with their checkpoint), rolled back',
    builder: (y: Argv) =>
      sessionOptions(y, ctx)
        .option('json', { type: 'boolean', description: 'Print one JSON document' })
        .example('WESLEY_DATABASE_URL=postgres://... $0 migrate status', 'The table of migrations and their state')
        .example('$0 migrate status --database-url postgres://... --json', 'The same as JSON')
        .epilogue('Exit codes: 0 the status is printed (whatever the states); 2 usage error; 4 an invalid migrations folder or config; 5 a database error (docs/cli/exit-codes.md). The database is only read.'),
    handler: async (argv: SessionArgs) => {
      let db: Database | undefined;
      const envelope = (body: Record<string, unknown>) => ({ formatVersion: MIGRATE_STATUS_JSON_VERSION, command: 'migrate status', ...body, database: databaseJson(db, ctx) });
      try {
        checkDir(argv);
        const migrations = await readMigrations(path.resolve(ctx.cwd, argv.dir));
        db = await openDatabase(argv, ctx, 'migrate status', argv.json === true);
        const client = await connectOne(db, ctx, 'wesley migrate status');
        let states: MigrationState[];
        let holder: LockHolder | null;
        try {
          await client.query(`SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; SET lock_timeout = '5s'; SET statement_timeout = '60s'`);
          states = await migrationStatus(client, migrations, { checkpointDir: path.resolve(ctx.cwd, argv.checkpointDir) });
          holder = await lockHolder(client);
        } finally {
          await client.end().catch(() => {});
        }
        const redacted = redactDeep({ states, holder }, db.url);
        if (argv.json) ctx.printJson(envelope({ ok: true, migrations: redacted.states, lockHolder: redacted.holder }));
        else ctx.io.stdout(formatStatus(redacted.states, redacted.holder, argv.dir));
      } catch (error) {
        const data = reportable(error, db);
        ctx.printStack(error, db?.url);
        if (argv.json) ctx.printJson(envelope({ ok: false, errors: [toErrorData(data)] }));
        else ctx.io.stderr(`${formatError(data)}\n`);
        ctx.setExitFor([data]);
      } finally {
        await db?.release();
      }
    },
  };
}

function checkpointCell(s: MigrationState): string {
  const c = s.checkpoint;
  if (!c) return '-';
  const marks = c.milestones.map((m) => m.name).join(', ');
  return `${c.percent}%${marks ? ` (${marks})` : ''}`;
}

/** The table, then what to do about interrupted and pending migrations. */
export function formatStatus(states: readonly MigrationState[], holder: LockHolder | null, dir: string): string {
  if (!states.length) return `No migrations: ${dir} holds none and the database has none applied.\n`;
  const rows = [
    ['id', 'state', 'applied at', 'steps', 'checkpoint'],
    ...states.map((s) => [s.id, s.state, s.appliedAt ?? '-', s.steps === null ? '-' : `${s.stepsDone ?? 0}/${s.steps}`, checkpointCell(s)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  for (const s of states.filter((x) => x.state === 'interrupted' && x.error)) lines.push(`${s.id}: ${s.error!.split('\n')[0]}`);
  const count = (state: MigrationState['state']) => states.filter((s) => s.state === state).length;
  const notes: string[] = [];
  if (holder) notes.push(`A migrator holds the migration lock now: ${describeHolder(holder)}. An "interrupted" migration may be the one it is running.`);
  if (count('interrupted')) notes.push(`${plural(count('interrupted'), 'interrupted migration')}: \`wesley migrate resume\` continues, \`wesley migrate rollback\` undoes the completed steps (\`--to p25|p50|p75\` to a checkpoint).`);
  const pending = count('pending') + count('rolled back');
  if (pending) notes.push(`${plural(pending, 'migration')} to apply: \`wesley migrate execute\`.`);
  if (count('missing from the folder')) notes.push(`${plural(count('missing from the folder'), 'applied migration')} not in ${dir}: restore the folder from version control.`);
  return `${lines.join('\n')}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`;
}
