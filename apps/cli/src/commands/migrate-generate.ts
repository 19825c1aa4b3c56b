import path from 'node:path';
import { DEFAULT_GENERATE_FACTS, generateMigration, MIGRATION_FILES, readMigrations, type GeneratedMigration, type Migration } from '@wesley/executor';
import { compileSchema, formatError, hashSchema, isWesleyError, toErrorData, WesleyError, type Diagnostic, type WesleyErrorData } from '@wesley/ir';
import { PHASES } from '@wesley/planner';
import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { formatDiagnostic } from '../format-diagnostic.js';
import { planStatements, sqlHash } from '../audit-log.js';
import { compileOptionsOf, schemaPatternsOf } from '../config/config-options.js';
import { auditOptions, commandAudit } from './migrate-audit.js';
import { readSchemaSources } from '../read-schema-sources.js';
import { configPath } from './migrate-session.js';
import { DEFAULT_PG_MAJOR } from './migrate-facts.js';

/** Version of the `wesley migrate generate --json` document (docs/cli/migrate-generate.md). */
export const MIGRATE_GENERATE_JSON_VERSION = 1;

interface MigrateGenerateArgs {
  schema?: string[];
  dir: string;
  name?: string;
  unsafe: boolean;
  pgVersion?: number;
  check: boolean;
  json?: boolean;
  auditLog?: string;
}

const usage = (message: string, expected: string, hint: string) => new WesleyError({ code: 'WESLEY_CLI_USAGE', message, expected, hint });
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
const short = (hash: string | null) => (hash === null ? 'empty database' : hash.slice(0, 12));

/** --pg-version: a major from 11 to the newest; the migration is planned for it. */
function serverVersionOf(value: number | undefined): number {
  if (value === undefined) return DEFAULT_GENERATE_FACTS.serverVersionNum;
  if (!Number.isInteger(value) || value < 11 || value > DEFAULT_PG_MAJOR) {
    throw usage(`--pg-version must be a PostgreSQL major version from 11 to ${DEFAULT_PG_MAJOR}, not ${String(value)}.`, `--pg-version 11..${DEFAULT_PG_MAJOR}`, 'Pass the oldest major the migration must run on, e.g. --pg-version 16.');
  }
  return value * 10000;
}

/** What the --json document says about a migration. */
function migrationJson(m: Migration, cwd: string) {
  const { plan, meta } = m;
  return {
    id: m.id,
    name: m.name,
    path: path.relative(cwd, m.path) || '.',
    createdAt: meta.createdAt,
    fromHash: meta.fromHash,
    toHash: meta.toHash,
    pgVersion: meta.pgVersion,
    unsafe: meta.unsafe,
    steps: plan.steps.length,
    riskScore: plan.riskScore,
    riskLevel: plan.riskLevel,
    irreversibleSteps: plan.steps.filter((s) => s.rollback.kind === 'irreversible').map((s) => s.id),
  };
}

/** `wesley migrate generate`: the next migration folder, planned from the last snapshot on disk. */
export function migrateGenerateCommand(ctx: CommandContext) {
  return {
    command: 'generate',
    describe: 'Write the next migration (plan, up.sql, down.sql, schema snapshot) to the migrations folder; no database needed',
    builder: (y: Argv) =>
      auditOptions(y)
        .option('schema', { alias: 's', type: 'string', array: true, description: 'The schema: file, folder or glob (repeatable; config: schema)' })
        .option('dir', { type: 'string', default: configPath(ctx, ctx.config.config.migrations?.dir ?? 'migrations'), description: 'The migrations folder, created when missing (config: migrations.dir)' })
        .option('name', { type: 'string', description: 'The migration name: lowercase letters, digits and _ (default: initial, then migration)' })
        .option('unsafe', { type: 'boolean', default: false, description: 'Include destructive steps (drops, rewriting type changes); without it such a change writes nothing (exit 3)' })
        .option('pg-version', { type: 'number', default: ctx.config.config.migrations?.pgVersion, description: `PostgreSQL major the migration is planned for (11..${DEFAULT_PG_MAJOR}, default ${DEFAULT_PG_MAJOR}; config: migrations.pgVersion)` })
        .option('check', { type: 'boolean', default: false, description: 'Write nothing; exit 1 when the schema has changes no migration holds (for CI)' })
        .option('json', { type: 'boolean', description: 'Print one JSON document' })
        .example('$0 migrate generate --schema schema.graphql --name add_email', 'Write migrations/<timestamp>_add_email/')
        .example('$0 migrate generate --schema schema --check', 'In CI: fail when a migration is missing')
        .epilogue('Exit codes: 0 migration written, no changes, or (--check) up to date; 1 (--check) a migration is missing; 2 usage error; 3 changes refused without --unsafe (nothing written); 4 an invalid schema or config, a tampered migrations folder, a file-system error (docs/cli/exit-codes.md).'),
    handler: async (argv: MigrateGenerateArgs) => {
      const files: string[] = [];
      let diagnostics: Diagnostic[] = [];
      const envelope = (body: Record<string, unknown>) => ({ formatVersion: MIGRATE_GENERATE_JSON_VERSION, command: 'migrate generate', ...body, check: argv.check, dir: argv.dir, files, diagnostics });
      const fail = (errors: readonly WesleyErrorData[], summary = '') => {
        if (argv.json) ctx.printJson(envelope({ ok: false, errors: errors.map(toErrorData) }));
        else ctx.io.stderr(`${errors.map((e) => `${formatError(e)}\n`).join('')}${summary ? `\n${summary}\n` : ''}`);
        ctx.setExitFor(errors);
        const refused = errors.find((e) => e.code === 'WESLEY_MIGRATIONS_REFUSED');
        if (refused && !argv.check) commandAudit(ctx, 'migrate generate', argv.auditLog).error(null, refused);
      };
      try {
        const patterns = schemaPatternsOf(ctx, argv.schema, '--schema');
        if (argv.dir.trim() === '') throw usage('--dir needs a value.', '--dir <folder>', 'Name the migrations folder, e.g. --dir migrations.');
        const serverVersionNum = serverVersionOf(argv.pgVersion);
        const dir = path.resolve(ctx.cwd, argv.dir);
        const sources = readSchemaSources(patterns, ctx.cwd, '--schema');
        files.push(...sources.map((s) => s.name));
        const compiled = await compileSchema(sources, compileOptionsOf(ctx));
        diagnostics = [...compiled.diagnostics];
        if (!compiled.ok) {
          fail(compiled.errors, `${plural(compiled.errors.length, 'error')} in ${plural(files.length, 'file')}; nothing was written.`);
          return;
        }
        if (!argv.json) for (const d of diagnostics.filter((x) => x.severity === 'warning')) ctx.io.stderr(`${formatDiagnostic(d)}\n`);

        if (argv.check) {
          const latest = (await readMigrations(dir)).at(-1) ?? null;
          const toHash = hashSchema(compiled.ir);
          const upToDate = latest?.meta.toHash === toHash;
          const command = `wesley migrate generate ${patterns.map((p) => `--schema ${shellQuote(p)}`).join(' ')} --dir ${shellQuote(argv.dir)} --name <name>`;
          if (argv.json) {
            ctx.printJson(envelope({ ok: true, status: upToDate ? 'up-to-date' : 'missing', toHash, latest: latest && migrationJson(latest, ctx.cwd), migration: null, suggestedCommand: upToDate ? null : command }));
          } else if (upToDate) {
            ctx.io.stdout(`Up to date: ${path.relative(ctx.cwd, latest!.path)} leads to the schema (${short(toHash)}).\n`);
          } else {
            const since = latest === null ? `${argv.dir} holds no migration yet` : `the schema (${short(toHash)}) differs from the one ${path.relative(ctx.cwd, latest.path)} leads to (${short(latest.meta.toHash)})`;
            ctx.io.stderr(`A migration is missing: ${since}.\nGenerate it with: ${command}\n`);
          }
          // Exit 1, as diff(1) and drift check do when they find a difference.
          if (!upToDate) ctx.setExit('difference');
          return;
        }

        const result = await generateMigration(dir, compiled.ir, {
          ...(argv.name === undefined ? {} : { name: argv.name }),
          unsafe: argv.unsafe,
          facts: { serverVersionNum },
          ...(ctx.config.config.execute?.lockTimeoutMs === undefined ? {} : { planOptions: { lockTimeoutMs: ctx.config.config.execute.lockTimeoutMs } }),
        });
        const { created, previous, toHash } = result;
        if (created) commandAudit(ctx, 'migrate generate', argv.auditLog).write({ database: null, migration: created.id, sqlHash: sqlHash(planStatements(created.plan)), outcome: 'created', errorCode: null });
        if (argv.json) {
          ctx.printJson(envelope({ ok: true, status: created ? 'created' : 'no-changes', toHash, latest: previous && migrationJson(previous, ctx.cwd), migration: created && migrationJson(created, ctx.cwd), suggestedCommand: null }));
        } else if (created === null) {
          ctx.io.stdout(`No changes: the schema is the one ${path.relative(ctx.cwd, previous!.path)} leads to (${short(toHash)}); nothing was written.\n`);
        } else {
          ctx.io.stdout(describeCreated(created, previous, ctx.cwd));
        }
      } catch (error) {
        if (!isWesleyError(error) || error.code === 'WESLEY_CLI_USAGE') throw error;
        ctx.printStack(error);
        fail([error]);
      }
    },
  };
}

/** The text summary of a new migration: where, what it plans, what its rollback cannot undo. */
function describeCreated(m: GeneratedMigration, previous: Migration | null, cwd: string): string {
  const { plan } = m;
  const phases = PHASES.map((p) => [p, plan.steps.filter((s) => s.phase === p).length] as const).filter(([, n]) => n > 0);
  const irreversible = plan.steps.filter((s) => s.rollback.kind === 'irreversible');
  const lines = [
    `Created ${path.relative(cwd, m.path)}${path.sep}`,
    `  plan: ${plural(plan.steps.length, 'step')}${phases.length ? ` (${phases.map(([p, n]) => `${p} ${n}`).join(', ')})` : ''}, risk ${plan.riskScore}/100 (${plan.riskLevel}), for PostgreSQL ${Math.floor(plan.pgVersion / 10000)}${plan.unsafe ? ', --unsafe' : ''}`,
    `  from: ${previous === null ? 'an empty database' : `${previous.id} (${short(plan.fromHash)})`} -> ${short(plan.toHash)}`,
    `  files: ${['migration.json', ...MIGRATION_FILES].join(', ')}`,
  ];
  if (irreversible.length > 0) lines.push(`  down.sql stops at ${plural(irreversible.length, 'step')} that cannot be undone: ${irreversible.map((s) => s.id).join(', ')}`);
  for (const w of plan.warnings) lines.push(`  warning ${w.code}: ${w.message}`);
  return `${lines.join('\n')}\n`;
}
