// The audit log of the commands that change a database or the migrations folder (docs/audit-log.md):
// where it goes (--audit-log, WESLEY_AUDIT_LOG, the config's audit, .wesley/audit.jsonl beside the
// config), one record per migration, and a warning on stderr when it cannot be written.
import path from 'node:path';
import { formatError } from '@wesley/ir';
import type { Argv } from 'yargs';
import { DEFAULT_AUDIT_FILE, describeDatabase, openAuditLog, type AuditEntry } from '../audit-log.js';
import type { CommandContext } from '../command-context.js';
import { exitReasonFor } from '../exit-codes.js';
import type { Database } from './migrate-session.js';

export const AUDIT_LOG_ENV = 'WESLEY_AUDIT_LOG';

/** --audit-log. */
export function auditOptions(y: Argv): Argv {
  return y.option('audit-log', {
    type: 'string',
    description: `Append what this command changed to this JSONL file (default ${DEFAULT_AUDIT_FILE}; or set ${AUDIT_LOG_ENV}, or config audit.file; config audit: false turns it off)`,
  });
}

/** The audit file of this run, absolute, or null when the config turns the log off. */
export function auditFileOf(ctx: CommandContext, flag: string | undefined): string | null {
  if (flag !== undefined && flag.trim() !== '') return path.resolve(ctx.cwd, flag);
  const fromEnv = ctx.env[AUDIT_LOG_ENV];
  if (fromEnv) return path.resolve(ctx.cwd, fromEnv);
  const audit = ctx.config.config.audit;
  if (audit === false) return null;
  return path.resolve(ctx.config.baseDir, audit?.file ?? DEFAULT_AUDIT_FILE);
}

/** Where a run went, as the audit log names it (never a password). */
export function auditDatabase(db: Database | undefined, ctx: CommandContext): string | null {
  if (!db) return null;
  return db.embedded ? `embedded:${path.relative(ctx.cwd, db.embedded.dataDir) || '.'}` : describeDatabase(db.url);
}

/** An audit log for `command`: `write` appends a record, printing a warning once if it cannot. */
export function commandAudit(ctx: CommandContext, command: string, flag: string | undefined) {
  const log = openAuditLog(auditFileOf(ctx, flag));
  const started = Date.now();
  let warned = false;
  const write = (entry: Omit<AuditEntry, 'command' | 'argv' | 'durationMs'> & { durationMs?: number | null }) => {
    const result = log.append({ command, argv: [...ctx.argv], durationMs: Date.now() - started, ...entry });
    if (!result.ok && !warned) {
      warned = true;
      ctx.io.stderr(`warning: ${formatError(result.warning)}\n`);
    }
  };
  return {
    write,
    /** A record for an error that stopped the command before or during a migration. */
    error: (database: string | null, data: { code: string; details?: Record<string, unknown> }) => {
      const migration = typeof data.details?.migration === 'string' ? data.details.migration : null;
      write({ database, migration, sqlHash: null, outcome: exitReasonFor(data.code) === 'refused' ? 'refused' : 'error', errorCode: data.code });
    },
  };
}
