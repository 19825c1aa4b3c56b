// What `wesley migrate execute`, `resume`, `status` and `rollback` share: their database options,
// the connections (one for the migration lock, one for the work), and errors that never carry the
// URL or its password.
import path from 'node:path';
import { DEFAULT_CHECKPOINT_DIR, redactConnectionString } from '@wesley/executor';
import { isWesleyError, toErrorData, WesleyError, type WesleyErrorData } from '@wesley/ir';
import pg from 'pg';
import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { describeSystemError, FILE_ERROR_CODES, isSystemError } from '../file-errors.js';
import { DEFAULT_EMBEDDED_DIR, startEmbeddedPostgres, type EmbeddedPostgres } from '../database/embedded-postgres.js';
import { connectDatabase, databaseNamed, describeDatabaseError } from './migrate-database.js';
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

/** A single-value option given twice (`--database-url a --database-url b`): the last wins, as in most CLIs. */
export const lastValue = (value: unknown) => (Array.isArray(value) ? value.at(-1) : value);

export const usage = (message: string, expected: string, hint: string) => new WesleyError({ code: 'WESLEY_CLI_USAGE', message, expected, hint });

/** --dir, --database-url and --checkpoint-dir; their defaults come from the config. */
export function sessionOptions(y: Argv, ctx: CommandContext): Argv {
  const { config } = ctx.config;
  return y
    .option('dir', { type: 'string', default: configPath(ctx, config.migrations?.dir ?? 'migrations'), description: 'The migrations folder (config: migrations.dir)' })
    .option('database-url', { type: 'string', coerce: lastValue, description: `The database; or set ${DATABASE_URL_ENV} (keeps the password out of ps) or config database.urlEnv. Without one: the embedded PostgreSQL in .wesley/` })
    .option('checkpoint-dir', { type: 'string', default: configPath(ctx, config.checkpoints?.dir ?? DEFAULT_CHECKPOINT_DIR), description: 'Where checkpoint files are kept (config: checkpoints.dir; docs/checkpoints.md)' });
}

/**
 * A path from the config (or a default path, which belongs to the project as well), as a flag would
 * give it: relative to the config file's folder, shown relative to the current directory when under it.
 */
export function configPath(ctx: CommandContext, value: string): string {
  const absolute = path.resolve(ctx.config.baseDir, value);
  const relative = path.relative(ctx.cwd, absolute);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}

/** --wait / --no-wait and --lock-timeout: what to do when another migrator holds the lock. */
export function lockOptions(y: Argv, ctx: CommandContext): Argv {
  return y
    .option('wait', { type: 'boolean', default: true, description: 'Wait for another migrator to finish; --no-wait exits 7 at once (WESLEY_EXEC_LOCKED)' })
    .option('lock-timeout', { type: 'number', default: ctx.config.config.execute?.lockWaitSeconds ?? 600, description: 'Seconds to wait for the migration lock before giving up (WESLEY_EXEC_LOCK_WAIT_TIMEOUT; config: execute.lockWaitSeconds)' });
}

/** Where the database came from, for messages (never the URL itself). */
export type DatabaseOrigin = '--database-url' | typeof DATABASE_URL_ENV | 'config database.url' | `config database.urlEnv (${string})` | 'embedded';

export interface Database {
  readonly url: string;
  readonly origin: DatabaseOrigin;
  /** The embedded server when no database was given; null otherwise. */
  readonly embedded: EmbeddedPostgres | null;
  /** Stops the embedded server if this command started it; a no-op otherwise. */
  release(): Promise<void>;
}

/** What --json documents say about the database (never the URL). */
export function databaseJson(db: Database | undefined, ctx: CommandContext) {
  if (!db) return null;
  if (!db.embedded) return { source: db.origin, embedded: null };
  const { dataDir, serverVersion, created, reused } = db.embedded;
  return { source: db.origin, embedded: { dataDir: path.relative(ctx.cwd, dataDir) || '.', serverVersion, created, reused } };
}

/**
 * The database a command was given, or undefined: --database-url, else WESLEY_DATABASE_URL, else
 * the config's database.url / urlEnv. An empty one is a usage error, never "none given".
 */
export function givenDatabase(argv: { databaseUrl?: string | undefined }, ctx: CommandContext, command: string): { url: string; origin: DatabaseOrigin } | undefined {
  const given = (url: string, origin: DatabaseOrigin) => {
    if (url.trim() === '') throw usage(origin === '--database-url' ? '--database-url needs a value.' : `${origin} is empty.`, 'postgres://user@host:5432/database', `Give ${command} a database URL through ${origin}, or leave it out.`);
    return { url, origin };
  };
  if (argv.databaseUrl !== undefined) return given(argv.databaseUrl, '--database-url');
  if (ctx.env[DATABASE_URL_ENV] !== undefined) return given(ctx.env[DATABASE_URL_ENV]!, DATABASE_URL_ENV);
  const { database } = ctx.config.config;
  if (database?.url !== undefined) return given(database.url, 'config database.url');
  if (database?.urlEnv === undefined) return undefined;
  const value = ctx.env[database.urlEnv];
  if (value === undefined) {
    throw new WesleyError({
      code: 'WESLEY_CONFIG_INVALID',
      message: `The config's database.urlEnv names ${database.urlEnv}, which is not set.`,
      hint: `Set ${database.urlEnv} to the database URL, or pass --database-url.`,
    });
  }
  return given(value, `config database.urlEnv (${database.urlEnv})`);
}

/**
 * The database of a command: the one it was given (givenDatabase), else the embedded PostgreSQL
 * (started now; `release()` stops it). Says so on stderr when it uses the embedded one, unless
 * `quiet` (--json).
 */
export async function openDatabase(argv: { databaseUrl?: string | undefined }, ctx: CommandContext, command: string, quiet: boolean): Promise<Database> {
  const given = givenDatabase(argv, ctx, command);
  if (given) return { ...given, embedded: null, release: async () => {} };
  const { embedded } = ctx.config.config;
  if (embedded?.enabled === false) {
    throw usage(`${command} needs a database, and the config turns the embedded one off (embedded.enabled: false).`, '--database-url postgres://user@host:5432/database', `Pass --database-url, set ${DATABASE_URL_ENV}, or set database.urlEnv in the config.`);
  }
  const dataDir = path.resolve(ctx.config.baseDir, embedded?.dataDir ?? DEFAULT_EMBEDDED_DIR);
  const server = await startEmbeddedPostgres({ dataDir });
  if (!quiet) {
    const how = server.reused ? 'already running for another wesley command' : `${server.created ? 'created and ' : ''}started in ${formatMs(server.startMs)}; it stops when this command ends`;
    ctx.io.stderr(`Using the embedded PostgreSQL ${server.serverVersion} in ${path.relative(ctx.cwd, dataDir) || '.'} (no --database-url, ${DATABASE_URL_ENV} or config database given): ${how}.\n`);
  }
  return { url: server.url, origin: 'embedded', embedded: server, release: () => server.stop() };
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
      message: `${capitalized(databaseNamed(db?.origin ?? '--database-url'))} failed during the run: ${describeDatabaseError(error)}.`,
      hint: 'Check the server and the connection. The ledger (wesley.migrations) says what is done: `wesley migrate status` shows it, `wesley migrate resume` continues.',
    }, url);
  }
  throw error;
}

const capitalized = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** `1.2 s`, `3 min 4 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
