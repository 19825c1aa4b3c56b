import { checkDrift, type DriftDifference, type DriftReport } from '@wesley/drift';
import { readServerFacts, redactConnectionString } from '@wesley/executor';
import { compileSchema, formatError, isWesleyError, toErrorData, WesleyError, type Diagnostic, type WesleyErrorData } from '@wesley/ir';
import { planToJson } from '@wesley/planner';
import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { formatDiagnostic } from '../format-diagnostic.js';
import { compileOptionsOf, schemaPatternsOf } from '../config/config-options.js';
import { readSchemaSources } from '../read-schema-sources.js';
import { connectOne, databaseJson, lastValue, openDatabase, type Database } from './migrate-session.js';
import { databaseNamed, describeDatabaseError, DATABASE_ERROR_CODES } from './migrate-database.js';
import { DATABASE_URL_ENV } from './migrate-facts.js';

/** Version of the `wesley drift check --json` document (docs/drift.md). */
export const DRIFT_CHECK_JSON_VERSION = 1;

interface DriftCheckArgs {
  schema?: string[];
  databaseUrl?: string;
  ignore?: string[];
  unsafe: boolean;
  json?: boolean;
  sql?: boolean;
}

const usage = (message: string, expected: string, hint: string) => new WesleyError({ code: 'WESLEY_CLI_USAGE', message, expected, hint });
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

/** `wesley drift check`: compares a live database with the schema; exit 0 clean, 1 drift, more on errors. */
export function driftCheckCommand(ctx: CommandContext) {
  return {
    command: 'check',
    describe: 'Compare a live database with the schema: every missing, extra and changed object, and the SQL that repairs them',
    builder: (y: Argv) =>
      y
        .option('schema', { alias: 's', type: 'string', array: true, description: 'The schema: file, folder or glob (repeatable; config: schema)' })
        .option('database-url', { type: 'string', coerce: lastValue, description: `The database to check (read-only); or set ${DATABASE_URL_ENV} or config database. Without one: the embedded PostgreSQL in .wesley/` })
        .option('ignore', { type: 'string', array: true, description: 'Leave out objects managed elsewhere: globs over paths such as public.audit_*, *.legacy_col, extension.* (repeatable)' })
        .option('unsafe', { type: 'boolean', default: false, description: 'Let the fix include destructive steps (dropping extra objects, rewrites); without it they are listed as refused' })
        .option('json', { type: 'boolean', description: 'Print one JSON document (the drift report)' })
        .option('sql', { type: 'boolean', description: 'Print only the SQL script that repairs the drift' })
        .conflicts('json', 'sql')
        .example(`${DATABASE_URL_ENV}=postgres://... $0 drift check --schema schema.graphql`, 'Name each difference and the fix')
        .example('$0 drift check --schema schema.graphql --database-url postgres://... --json', 'The report as JSON (for CI)')
        .example('$0 drift check --schema schema.graphql --sql > fix.sql', 'The SQL that repairs the drift, for review and psql')
        .epilogue('Exit codes (diff(1)-like: 0 same, 1 different, more is trouble): 0 the database matches the schema; 1 drift found; 2 usage error; 4 invalid schema or config; 5 database unreachable or unreadable (docs/cli/exit-codes.md). The database is only read.'),
    handler: async (argv: DriftCheckArgs) => {
      const files: string[] = [];
      let diagnostics: Diagnostic[] = [];
      let db: Database | undefined;
      const envelope = (body: Record<string, unknown>) => ({ formatVersion: DRIFT_CHECK_JSON_VERSION, command: 'drift check', ...body, files, diagnostics, database: databaseJson(db, ctx) });
      const fail = (errors: readonly WesleyErrorData[]) => {
        if (argv.json) ctx.printJson(envelope({ ok: false, errors: errors.map(toErrorData) }));
        else ctx.io.stderr(errors.map((e) => `${formatError(e)}\n`).join(''));
        ctx.setExitFor(errors);
      };
      try {
        const patterns = schemaPatternsOf(ctx, argv.schema, '--schema');
        const sources = readSchemaSources(patterns, ctx.cwd, '--schema');
        files.push(...sources.map((s) => s.name));
        const compiled = await compileSchema(sources, compileOptionsOf(ctx));
        diagnostics = [...compiled.diagnostics];
        if (!compiled.ok) {
          fail(compiled.errors);
          return;
        }
        db = await openDatabase(argv, ctx, 'drift check', argv.json === true);
        const { url, origin } = db;
        const client = await connectOne(db, ctx, 'wesley drift check');
        let report: DriftReport;
        try {
          // Read-only; lock_timeout because pg_table_size waits behind an ACCESS EXCLUSIVE lock.
          await client.query(`SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; SET lock_timeout = '5s'; SET statement_timeout = '60s'`);
          const facts = await readServerFacts(client, { schemas: compiled.ir.schemas });
          const { serverVersionNum: _version, ...sizes } = facts;
          report = await checkDrift(client, compiled.ir, { ignore: argv.ignore ?? [], unsafe: argv.unsafe, facts: sizes });
        } catch (error) {
          if (isWesleyError(error)) throw error;
          throw new WesleyError({
            code: DATABASE_ERROR_CODES.readFailed,
            message: `Connected to ${databaseNamed(origin)}, but reading its catalogs failed: ${redactConnectionString(describeDatabaseError(error), url)}.`,
            hint: 'Check that the role may read the system catalogs (pg_class, pg_attribute, pg_constraint, pg_index, pg_policy).',
          });
        } finally {
          await client.end().catch(() => {});
        }
        const fixCommand = `wesley drift check ${patterns.map((p) => `--schema ${shellQuote(p)}`).join(' ')}${(argv.ignore ?? []).map((p) => ` --ignore ${shellQuote(p)}`).join('')}${argv.unsafe ? ' --unsafe' : ''} --sql > drift-fix.sql`;
        if (argv.json) ctx.printJson(envelope({ ok: true, ...reportJson(report, fixCommand) }));
        else if (argv.sql) ctx.io.stdout(sqlOutput(report));
        else printReport(ctx, report, files, fixCommand, origin);
        if (!argv.json) for (const d of diagnostics.filter((x) => x.severity === 'warning')) ctx.io.stderr(`${formatDiagnostic(d)}\n`);
        if (!report.clean) ctx.setExit('difference');
      } catch (error) {
        if (!isWesleyError(error)) throw error;
        ctx.printStack(error, db?.url);
        fail([error]);
      } finally {
        await db?.release();
      }
    },
  };
}

/** What --sql prints: the fix script, saying in SQL comments what it leaves out. */
function sqlOutput(report: DriftReport): string {
  if (report.clean) return '-- No drift: nothing to repair.\n';
  if (!report.fix) return `-- Drift found, but no fix could be planned: ${report.fixError ? formatError(report.fixError).replaceAll('\n', '\n-- ') : 'see wesley drift check'}\n`;
  const left = [...report.fix.plan.refused.map((r) => `${r.object} (refused: ${r.code})`), ...report.fix.uncovered.map((p) => `${p} (not repaired by a plan: see wesley drift check)`)];
  return `${left.length ? `-- This script does not repair:\n${left.map((l) => `--   ${l}`).join('\n')}\n\n` : ''}${report.fix.sql}`;
}

/** The report as the --json document carries it (docs/drift.md). */
function reportJson(report: DriftReport, fixCommand: string) {
  return {
    clean: report.clean,
    serverVersionNum: report.serverVersionNum,
    schemas: report.schemas,
    expectedHash: report.expectedHash,
    actualHash: report.actualHash,
    queries: report.queries,
    ignored: report.ignored,
    differences: report.differences,
    fix: report.fix
      ? { complete: report.fix.complete, command: fixCommand, refused: report.fix.plan.refused, uncovered: report.fix.uncovered, sql: report.fix.sql, plan: JSON.parse(planToJson(report.fix.plan)) }
      : null,
    fixError: report.fixError,
  };
}

function differenceLine(d: DriftDifference, width: number): string {
  const what = `${d.kind.padEnd(8)} ${d.object.padEnd(12)} ${d.path.padEnd(width)}`;
  if (d.kind !== 'changed') return `  ${what}`.trimEnd();
  const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return `  ${what}  ${d.field}: ${value(d.actual)} in the database, ${value(d.expected)} in the schema`;
}

function printReport(ctx: CommandContext, report: DriftReport, files: readonly string[], fixCommand: string, origin: string): void {
  const server = `PostgreSQL ${Math.floor(report.serverVersionNum / 10000)}, schemas ${report.schemas.join(', ')}`;
  const ignored = report.ignored ? ` (${plural(report.ignored, 'difference')} ignored)` : '';
  if (report.clean) {
    ctx.io.stdout(`No drift: the database matches ${files.join(', ')} (${server}; schema hash ${report.expectedHash.slice(0, 12)})${ignored}.\n`);
    return;
  }
  const width = Math.max(...report.differences.map((d) => d.path.length));
  const lines = [
    `Drift: ${plural(report.differences.length, 'difference')} between ${files.join(', ')} and the database (${server})${ignored}:`,
    ...report.differences.map((d) => differenceLine(d, width)),
    '',
  ];
  if (report.fix) {
    const psqlVar = origin === '--database-url' ? '"<database URL>"' : `"$${DATABASE_URL_ENV}"`;
    lines.push(
      report.fix.complete
        ? 'Fix: review the plan below, then apply its SQL:'
        : `Fix (incomplete: ${[report.fix.plan.refused.length ? 'some changes were refused, see below' : '', report.fix.uncovered.length ? `not repaired by a plan, do it by hand: ${report.fix.uncovered.join(', ')}` : ''].filter(Boolean).join('; ')}):`,
      `  ${fixCommand}`,
      `  psql ${psqlVar} -v ON_ERROR_STOP=1 -f drift-fix.sql`,
      '',
      report.fix.explain.trimEnd(),
    );
  } else if (report.fixError) {
    lines.push(`No fix could be planned: ${formatError(report.fixError)}`);
  }
  ctx.io.stdout(`${lines.join('\n')}\n`);
}
