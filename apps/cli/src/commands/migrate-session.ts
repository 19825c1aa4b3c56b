// What `wesley migrate execute`, `resume`, `status` and `rollback` share: their database options,
// the connections (one for the migration lock, one for the work), and errors that never carry the
// URL or its password.
import { DEFAULT_CHECKPOINT_DIR, redactConnectionString } from '@wesley/executor';
import { isWesleyError, toErrorData, WesleyError, type WesleyErrorData } from '@wesley/ir';
import pg from 'pg';
import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { describeSystemError, FILE_ERROR_CODES, isSystemError } from '../file-errors.js';
import { connectDatabase, describeDatabaseError } from './migrate-database.js';
import { DATABASE_URL_ENV } from './migrate-facts.js';

/** The CLI's error for a database that fails during a run, beyond a step's own failure (docs/errors.md). */
export const RUN_CLI_ERROR_CODES = { databaseFailed: 'WESLEY_CLI_DATABASE_FAILED' } as const;

export interface SessionArgs {
  dir: string;
  databaseUrl?: string;
  checkpointDir: string;
  json?: boolean;
}

export interface LockArgs {
  wait: boolean;
  lockTimeout: number;
}

export const usage = (message: string, expected: string, hint: string) => new WesleyError({ code: 'WESLEY_CLI_USAGE', message, expected, hint });

/** --dir, --database-url, --checkpoint-dir and --json. */
export function sessionOptions(y: Argv): Argv {
  return y
    .option('dir', { type: 'string', default: 'migrations', description: 'The migrations folder' })
    .option('database-url', { type: 'string', description: `The database; or set ${DATABASE_URL_ENV} (keeps the password out of ps)` })
    .option('checkpoint-dir', { type: 'string', default: DEFAULT_CHECKPOINT_DIR, description: 'Where checkpoint files are kept (docs/checkpoints.md)' });
}

/** --wait / --no-wait and --lock-timeout: what to do when another migrator holds the lock. */
export function lockOptions(y: Argv): Argv {
  return y
    .option('wait', { type: 'boolean', default: true, description: 'Wait for another migrator to finish; --no-wait exits 1 at once (WESLEY_EXEC_LOCKED)' })
    .option('lock-timeout', { type: 'number', default: 600, description: 'Seconds to wait for the migration lock before giving up (WESLEY_EXEC_LOCK_WAIT_TIMEOUT)' });
}

export interface Database {
  readonly url: string;
  readonly origin: string;
}

/** The URL from --database-url or the environment; a usage error without one. */
export function databaseOf(argv: SessionArgs, ctx: CommandContext, command: string): Database {
  const url = argv.databaseUrl ?? (ctx.env[DATABASE_URL_ENV] || undefined);
  if (url === undefined || url.trim() === '') {
    throw usage(`${command} needs a database.`, '--database-url postgres://user@host:5432/database', `Pass --database-url, or set ${DATABASE_URL_ENV}.`);
  }
  return { url, origin: argv.databaseUrl !== undefined ? '--database-url' : DATABASE_URL_ENV };
}

export function checkDir(argv: SessionArgs): void {
  if (argv.dir.trim() === '') throw usage('--dir needs a value.', '--dir <folder>', 'Name the migrations folder, e.g. --dir migrations.');
  if (argv.checkpointDir.trim() === '') throw usage('--checkpoint-dir needs a value.', '--checkpoint-dir <folder>', `Name a folder, or leave the option out for ${DEFAULT_CHECKPOINT_DIR}.`);
}

/** The lock options in the library's terms. */
export function lockOf(argv: LockArgs): { wait: boolean; timeoutMs: number } {
  if (!Number.isFinite(argv.lockTimeout) || argv.lockTimeout < 0) {
    throw usage(`--lock-timeout must be a number of seconds, not ${String(argv.lockTimeout)}.`, '--lock-timeout <seconds>', 'Pass how long to wait for another migrator, e.g. --lock-timeout 600.');
  }
  return { wait: argv.wait, timeoutMs: Math.round(argv.lockTimeout * 1000) };
}

const connectTimeoutMs = (ctx: CommandContext) => {
  const seconds = Number(ctx.env.PGCONNECT_TIMEOUT);
  return seconds > 0 ? seconds * 1000 : 10_000;
};

/** One connection (status, --explain, --dry-run). */
export function connectOne(db: Database, ctx: CommandContext, applicationName: string): Promise<pg.Client> {
  return connectDatabase(db.url, db.origin, connectTimeoutMs(ctx), applicationName);
}

/** The lock connection and the work connection of a run; `end()` closes both. */
export async function connectRun(db: Database, ctx: CommandContext, applicationName: string) {
  const work = await connectOne(db, ctx, applicationName);
  let lock: pg.Client;
  try {
    lock = await connectOne(db, ctx, `${applicationName} (lock)`);
  } catch (error) {
    await work.end().catch(() => {});
    throw error;
  }
  return { work, lock, end: () => Promise.all([work.end().catch(() => {}), lock.end().catch(() => {})]) };
}

/** Every string in `value` without the URL, its password or any other connection string. */
export function redactDeep<T>(value: T, url: string | undefined): T {
  if (typeof value === 'string') return redactConnectionString(value, url) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, url)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, url)])) as T;
  return value;
}

/** A server or connection failure (not a bug, not a file-system error). */
function isDatabaseError(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return true;
  if (isSystemError(error)) return (error as NodeJS.ErrnoException).path === undefined;
  return error instanceof Error && /connection|terminated|not queryable|timeout/i.test(error.message);
}

/**
 * The error a command reports, redacted; a database or file-system failure becomes a coded error
 * (exit 1), anything else (a bug) is rethrown for main's WESLEY_INTERNAL.
 */
export function reportable(error: unknown, db: Database | undefined): WesleyErrorData {
  const url = db?.url;
  if (isWesleyError(error)) return redactDeep(toErrorData(error), url);
  if (isSystemError(error) && (error as NodeJS.ErrnoException).path !== undefined) {
    return redactDeep({
      code: FILE_ERROR_CODES.writeFailed,
      message: `Cannot write "${(error as NodeJS.ErrnoException).path}": ${describeSystemError(error)}.`,
      hint: 'Check that --checkpoint-dir is a folder this user may write, and the disk. The ledger in the database says what is done: `wesley migrate resume` continues.',
    }, url);
  }
  if (isDatabaseError(error)) {
    return redactDeep({
      code: RUN_CLI_ERROR_CODES.databaseFailed,
      message: `The database given by ${db?.origin ?? '--database-url'} failed during the run: ${describeDatabaseError(error)}.`,
      hint: 'Check the server and the connection. The ledger (wesley.migrations) says what is done: `wesley migrate status` shows it, `wesley migrate resume` continues.',
    }, url);
  }
  throw error;
}

/** `1.2 s`, `3 min 4 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
