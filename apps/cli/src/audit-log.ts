// The audit log (docs/audit-log.md): one JSON line per database change, saying who ran which SQL
// where. Writing it never changes a command's result; a failed write comes back as a warning.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redactConnectionString, REDACTED } from '@wesley/executor';
import type { WesleyErrorData } from '@wesley/ir';
import type { Plan } from '@wesley/planner';
import { describeSystemError, isSystemError } from './file-errors.js';

/** Bumped whenever a field of AuditRecord changes incompatibly. */
export const AUDIT_FORMAT_VERSION = 1 as const;
/** Where the log goes unless configured otherwise (relative to the working directory). */
export const DEFAULT_AUDIT_FILE = '.wesley/audit.jsonl';
export const AUDIT_OUTCOMES = ['applied', 'failed', 'rolled-back', 'partially-rolled-back', 'refused', 'nothing-to-do', 'created', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_ERROR_CODES = { writeFailed: 'WESLEY_CLI_AUDIT_WRITE_FAILED' } as const;

/** One line of the log; the keys are written in this order. */
export interface AuditRecord {
  readonly formatVersion: typeof AUDIT_FORMAT_VERSION;
  readonly time: string;
  readonly user: string;
  readonly host: string;
  readonly pid: number;
  readonly command: string;
  readonly argv: readonly string[];
  readonly database: string | null;
  readonly migration: string | null;
  readonly sqlHash: string | null;
  readonly outcome: AuditOutcome;
  readonly errorCode: string | null;
  readonly durationMs: number | null;
}

/** What a command gives append: the record without the fields the log fills in itself. */
export type AuditEntry = Omit<AuditRecord, 'formatVersion' | 'time' | 'user' | 'host' | 'pid'> & { readonly time?: Date };
export type AuditAppendResult = { readonly ok: true; readonly written: boolean } | { readonly ok: false; readonly warning: WesleyErrorData };

export interface AuditLog {
  /** Writes one record; never throws. `written: false` when the log is disabled. */
  append(entry: AuditEntry): AuditAppendResult;
  /** The file records go to, or null when the log is disabled. */
  readonly file: string | null;
}

/**
 * `sha256:<hex>` of the statements joined with `;\n` (UTF-8, no trailing `;` or newline): for a
 * plan, `jq -j '[.steps[].sql[]] | join(";\n")' plan.json | sha256sum`.
 */
export function sqlHash(statements: readonly string[]): string {
  return `sha256:${createHash('sha256').update(statements.join(';\n'), 'utf8').digest('hex')}`;
}

/** The statements of a plan in the order sqlHash hashes them: every step's `sql`, step by step. */
export function planStatements(plan: Pick<Plan, 'steps'>): string[] {
  return plan.steps.flatMap((step) => step.sql);
}

// libpq parameters that say where a database is and carry no secret; a URL keeps only these.
const SAFE_PARAMS = new Set(['host', 'hostaddr', 'port', 'dbname', 'user', 'sslmode', 'target_session_attrs', 'application_name', 'connect_timeout']);

/** `postgres://user@host:port/db` without its password or secret parameters; never throws. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return redactConnectionString(url);
    const user = parsed.username === '' ? '' : `${parsed.username}@`;
    const params = [...parsed.searchParams].filter(([key]) => SAFE_PARAMS.has(key));
    const query = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}${query}`;
  } catch {
    return redactConnectionString(url);
  }
}

// Same shape as the executor's pattern: a postgres URL up to whitespace, a quote or a bracket.
const POSTGRES_URL = /\bpostgres(?:ql)?:\/\/[^\s'"<>()[\]{}]*/gi;

/** `text` with each postgres URL described (password gone) and every other secret redacted. */
function redactText(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(POSTGRES_URL)) {
    out += redactConnectionString(text.slice(last, match.index)) + describeDatabase(match[0]);
    last = match.index + match[0].length;
  }
  return out + redactConnectionString(text.slice(last));
}

// --database-url, --databaseUrl (yargs' camel-case form), --shadow-database-url, --password, ...
const SECRET_FLAG = /^--[a-z0-9-]*(url|dsn|password)$/i;

/** The command line with the password of every connection string (and any `--*password` value) removed. */
export function redactArgv(argv: readonly string[]): string[] {
  const redactValue = (flag: string, value: string) => (/password$/i.test(flag) ? REDACTED : describeDatabase(value));
  return argv.map((arg, i) => {
    const previous = argv[i - 1];
    if (previous !== undefined && SECRET_FLAG.test(previous) && !arg.startsWith('--')) return redactValue(previous, arg);
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0 && SECRET_FLAG.test(arg.slice(0, eq))) return `${arg.slice(0, eq + 1)}${redactValue(arg.slice(0, eq), arg.slice(eq + 1))}`;
    return /^postgres(ql)?:\/\//i.test(arg) ? describeDatabase(arg) : redactText(arg);
  });
}

// One record per write() stays well under PIPE_BUF, so no reader ever sees half a line.
const MAX_RECORD_BYTES = 4096;
const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max)}...[${text.length - max} more characters]`);

function whoAmI(): string {
  try {
    const name = os.userInfo().username;
    if (name !== '') return name;
  } catch {
    // No passwd entry for this uid (common in containers).
  }
  return process.env['USER'] || process.env['LOGNAME'] || `uid:${process.getuid?.() ?? 'unknown'}`;
}

/** The JSON line of a record: redacted again, strings capped, under MAX_RECORD_BYTES. */
function toLine(entry: AuditEntry, who: { user: string; host: string }): string {
  for (const max of [256, 64]) {
    const text = (value: string) => truncate(redactText(value), max);
    const nullable = (value: string | null) => (value === null ? null : text(value));
    const argv = redactArgv(entry.argv).map((arg) => truncate(arg, max));
    const record: AuditRecord = {
      formatVersion: AUDIT_FORMAT_VERSION,
      time: (entry.time ?? new Date()).toISOString(),
      user: text(who.user),
      host: text(who.host),
      pid: process.pid,
      command: text(entry.command),
      argv,
      database: nullable(entry.database),
      migration: nullable(entry.migration),
      sqlHash: nullable(entry.sqlHash),
      outcome: entry.outcome,
      errorCode: nullable(entry.errorCode),
      durationMs: entry.durationMs === null ? null : Math.round(entry.durationMs),
    };
    // Drop trailing arguments until the line fits; say how many went.
    for (let keep = argv.length; keep >= 0; keep--) {
      const kept = keep === argv.length ? argv : [...argv.slice(0, keep), `...[${argv.length - keep} more arguments]`];
      const line = `${JSON.stringify({ ...record, argv: kept })}\n`;
      if (Buffer.byteLength(line) <= MAX_RECORD_BYTES) return line;
    }
  }
  throw new Error('the record does not fit in 4096 bytes');
}

/** The warning for a record that could not be written; the command's own result stands. */
export function auditWriteFailed(file: string, error: unknown): WesleyErrorData {
  const reason = isSystemError(error) ? describeSystemError(error) : redactText(error instanceof Error ? error.message : String(error));
  return {
    code: AUDIT_ERROR_CODES.writeFailed,
    message: `Cannot write the audit log "${file}": ${reason}. The command's result is not affected, but this run is missing from the log.`,
    hint: 'Make the folder writable by this user, point --audit-log or WESLEY_AUDIT_LOG at a writable file, or turn the log off with `audit: false`.',
  };
}

/** An audit log appending to `file` (created 0600, folders as needed); null disables it. */
export function openAuditLog(file: string | null): AuditLog {
  if (file === null) return { file: null, append: () => ({ ok: true, written: false }) };
  const who = { user: whoAmI(), host: os.hostname() };
  return {
    file,
    append(entry) {
      try {
        const line = toLine(entry, who);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        // O_APPEND and one write() per line: concurrent writers' lines never interleave.
        fs.appendFileSync(file, line, { mode: 0o600 });
        return { ok: true, written: true };
      } catch (error) {
        return { ok: false, warning: auditWriteFailed(file, error) };
      }
    },
  };
}
