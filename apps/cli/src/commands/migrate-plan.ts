import { compileSchema, formatError, isWesleyError, toErrorData, WesleyError, type CompileResult, type Diagnostic, type WesleyErrorData } from '@wesley/ir';
import { explainMarkdown, explainText, planMigration, planScript, planToJson, type Plan } from '@wesley/planner';
import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { compileOptionsOf, schemaPatternsOf } from '../config/config-options.js';
import { formatDiagnostic } from '../format-diagnostic.js';
import { readSchemaSources } from '../read-schema-sources.js';
import { DATABASE_URL_ENV, DEFAULT_PG_MAJOR, resolveFacts, type FactsRequest, type Note } from './migrate-facts.js';
import { givenDatabase, lastValue } from './migrate-session.js';

/** Version of the `wesley migrate plan --json` envelope (docs/cli/migrate-plan.md). */
export const MIGRATE_PLAN_JSON_VERSION = 1;

interface MigratePlanArgs {
  from?: string[];
  to?: string[];
  pgVersion?: number;
  stats?: string;
  databaseUrl?: string;
  unsafe: boolean;
  // No defaults: yargs counts a defaulted option as given, and these conflict with each other.
  json?: boolean;
  markdown?: boolean;
  dryRun?: boolean;
}

const usage = (message: string, expected: string, hint: string) => new WesleyError({ code: 'WESLEY_CLI_USAGE', message, expected, hint });

/** The non-empty values of a repeatable path option; usage error when none is left. */
function patternsOf(values: readonly string[], option: string): string[] {
  const patterns = values.filter((p) => p.trim() !== '');
  if (!patterns.length) throw usage(`${option} needs a value.`, `${option} <file|folder|glob>`, `Name the schema, e.g. ${option} schema.graphql.`);
  return patterns;
}

/** --pg-version: a major; below 11 goes on to the planner, which says why it is not supported. */
function pgMajorOf(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > DEFAULT_PG_MAJOR) {
    throw usage(`--pg-version must be a PostgreSQL major version, not ${String(value)}.`, `--pg-version 11..${DEFAULT_PG_MAJOR}`, 'Pass the major version only, e.g. --pg-version 16.');
  }
  return value;
}

/** The database to read facts from: the one given (only --database-url with --stats, which conflicts with it). */
const factsDatabase = (argv: MigratePlanArgs, ctx: CommandContext) => (argv.stats === undefined ? givenDatabase(argv, ctx, 'migrate plan') : undefined);

/** The facts request of the command line: a database (never the embedded one: without a database the plan uses default facts), --stats or --pg-version. */
function factsRequest(argv: MigratePlanArgs, ctx: CommandContext): FactsRequest {
  const database = factsDatabase(argv, ctx);
  const pgMajor = pgMajorOf(argv.pgVersion);
  const connectTimeout = Number(ctx.env.PGCONNECT_TIMEOUT);
  return {
    cwd: ctx.cwd,
    ...(database === undefined ? {} : { database }),
    ...(argv.stats === undefined ? {} : { statsFile: argv.stats }),
    ...(pgMajor === undefined ? {} : { pgMajor }),
    ...(connectTimeout > 0 ? { connectTimeoutMs: connectTimeout * 1000 } : {}),
  };
}

/** What the command has learnt so far: the --json envelope carries it on success and failure. */
interface Progress {
  files: { from: string[]; to: string[] };
  notes: Note[];
  diagnostics: Diagnostic[];
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `wesley migrate plan`: the plan from one schema version to another, explained. */
export function migratePlanCommand(ctx: CommandContext) {
  return {
    command: 'plan',
    describe: 'Plan the migration from one schema version to another: steps, locks, estimates, risk',
    builder: (y: Argv) =>
      y
        .option('from', { type: 'string', array: true, description: 'The current schema: file, folder or glob (repeatable); omit it to plan from an empty database' })
        .option('to', { type: 'string', array: true, description: 'The new schema: file, folder or glob (repeatable; config: schema)' })
        .option('pg-version', { type: 'number', description: `PostgreSQL major to plan for (11..${DEFAULT_PG_MAJOR}); overrides the version from --stats or the database` })
        .option('stats', { type: 'string', description: 'Server facts (version, table sizes) from a JSON file' })
        .option('database-url', { type: 'string', coerce: lastValue, description: `Read the server facts from this database (read-only); or set ${DATABASE_URL_ENV}` })
        .option('unsafe', { type: 'boolean', default: false, description: 'Include destructive steps (drops, rewriting type changes); without it they are refused (exit 3)' })
        .option('json', { type: 'boolean', description: 'Print one JSON document (the plan in an envelope)' })
        .option('markdown', { type: 'boolean', description: 'Print the plan as Markdown' })
        .option('dry-run', { type: 'boolean', description: 'Print the complete SQL script, phase by phase; nothing is run' })
        .conflicts('json', ['markdown', 'dry-run'])
        .conflicts('markdown', 'dry-run')
        .conflicts('stats', 'database-url')
        .example('$0 migrate plan --from v1.graphql --to v2.graphql', 'Plan for PostgreSQL 18, table sizes unknown')
        .example(`${DATABASE_URL_ENV}=postgres://... $0 migrate plan --from schema-main --to schema`, 'Plan with the version and table sizes of the database')
        .example('$0 migrate plan --to schema.graphql --stats stats.json --markdown', 'Plan a new database from saved facts, as Markdown')
        .epilogue('Exit codes: 0 plan complete; 2 usage error; 3 plan printed but changes refused (pass --unsafe for destructive ones); 4 invalid schema, config or facts; 5 database error (docs/cli/exit-codes.md). Only reads: nothing is run.'),
    handler: async (argv: MigratePlanArgs) => {
      const progress: Progress = { files: { from: [], to: [] }, notes: [], diagnostics: [] };
      const envelope = (body: Record<string, unknown>) => ({ formatVersion: MIGRATE_PLAN_JSON_VERSION, command: 'migrate plan', ...body, ...progress });
      const fail = (errors: readonly WesleyErrorData[], summary = '') => {
        if (argv.json) ctx.printJson(envelope({ ok: false, errors: errors.map(toErrorData) }));
        else ctx.io.stderr(`${errors.map((e) => `${formatError(e)}\n`).join('')}${summary ? `\n${summary}\n` : ''}`);
        ctx.setExitFor(errors);
      };
      try {
        const request = factsRequest(argv, ctx);
        const [from, to] = await compileBoth(argv, ctx, progress);
        if (!to.ok || (from !== null && !from.ok)) {
          const errors = [from, to].flatMap((r) => (r === null || r.ok ? [] : r.errors));
          const files = progress.files.from.length + progress.files.to.length;
          fail(errors, `${plural(errors.length, 'error')} in ${plural(files, 'file')}; nothing was planned.`);
          return;
        }
        const facts = await resolveFacts(request);
        progress.notes.push(...facts.notes);
        const lockTimeoutMs = ctx.config.config.execute?.lockTimeoutMs;
        const plan = planMigration(from?.ir ?? null, to.ir, facts.facts, { unsafe: argv.unsafe, ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) });
        if (argv.json) ctx.printJson(envelope({ ok: true, complete: plan.refused.length === 0, factsSource: facts.source, plan: JSON.parse(planToJson(plan)) }));
        else printPlan(ctx, argv, plan, progress);
        if (plan.refused.length > 0) ctx.setExit('refused');
      } catch (error) {
        if (!isWesleyError(error) || error.code === 'WESLEY_CLI_USAGE') throw error;
        ctx.printStack(error, factsDatabase(argv, ctx)?.url);
        fail([error]);
      }
    },
  };
}

/** Reads and compiles --from (when given) and --to, recording files and diagnostics as it goes. */
async function compileBoth(argv: MigratePlanArgs, ctx: CommandContext, progress: Progress): Promise<[CompileResult | null, CompileResult]> {
  const toSources = readSchemaSources(schemaPatternsOf(ctx, argv.to, '--to'), ctx.cwd, '--to');
  const fromSources = argv.from === undefined ? null : readSchemaSources(patternsOf(argv.from, '--from'), ctx.cwd, '--from');
  progress.files = { from: fromSources?.map((s) => s.name) ?? [], to: toSources.map((s) => s.name) };
  const options = compileOptionsOf(ctx);
  const [from, to] = await Promise.all([fromSources === null ? null : compileSchema(fromSources, options), compileSchema(toSources, options)]);
  progress.diagnostics = [...(from?.diagnostics ?? []), ...to.diagnostics];
  return [from, to];
}

/** Text, Markdown or the SQL script: the CLI's notes first, in the output's own form of a comment. */
function printPlan(ctx: CommandContext, argv: MigratePlanArgs, plan: Plan, progress: Progress): void {
  for (const d of progress.diagnostics.filter((x) => x.severity === 'warning')) ctx.io.stderr(`${formatDiagnostic(d)}\n`);
  const [prefix, body] = argv.markdown ? ['> **Note:** ', explainMarkdown(plan)] : argv.dryRun ? ['-- note: ', planScript(plan)] : ['note: ', explainText(plan)];
  const notes = progress.notes.map((n) => `${prefix}${n.message}\n`).join('');
  ctx.io.stdout(`${notes}${notes ? '\n' : ''}${body}`);
  if (plan.refused.length > 0) {
    const n = plan.refused.length;
    const unsafe = plan.refused.some((r) => r.unsafeAllows) ? ' --unsafe includes the destructive ones.' : '';
    ctx.io.stderr(`${n} change${n === 1 ? ' was' : 's were'} refused: the plan is incomplete (exit code 3).${unsafe}\n`);
  }
}
