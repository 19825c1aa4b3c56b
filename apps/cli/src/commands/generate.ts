import path from 'node:path';
import { kyselyGenerator, runGenerators, sqlGenerator, typescriptGenerator, zodGenerator, type GeneratorPlugin, type GeneratorRun } from '@wesley/codegen';
import { WesleyError, compileSchema, formatError, isWesleyError, toErrorData, type SchemaIR, type WesleyErrorData } from '@wesley/ir';
import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { formatDiagnostic } from '../format-diagnostic.js';
import { readSchemaSources } from '../read-schema-sources.js';
import { compileOptionsOf, schemaPatternsOf } from '../config/config-options.js';
import { JSON_FORMATS } from '../json-output.js';
import { writeOutputs } from '../write-outputs.js';
import { configPath } from './migrate-session.js';

/** Version of the `wesley generate --json` document (docs/cli/generate.md). */
export const GENERATE_JSON_VERSION = JSON_FORMATS.generate.formatVersion;

interface GenerateArgs {
  schema?: string[];
  out: string;
  json: boolean;
  targets: string[];
}

/** The generators `--targets` can name, in the order they run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each plugin checks its own options
export const TARGETS: Readonly<Record<string, GeneratorPlugin<any>>> = { sql: sqlGenerator, ts: typescriptGenerator, zod: zodGenerator, kysely: kyselyGenerator };

function selectTargets(values: readonly string[]): string[] {
  const names = [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
  for (const name of names) {
    if (Object.hasOwn(TARGETS, name)) continue;
    throw new WesleyError({
      code: 'WESLEY_CLI_USAGE',
      message: `Unknown target "${name}".`,
      expected: `one or more of ${Object.keys(TARGETS).join(', ')} (comma-separated)`,
      hint: `Use --targets ${Object.keys(TARGETS).join(',')}.`,
    });
  }
  if (!names.includes('sql')) names.unshift('sql');
  return Object.keys(TARGETS).filter((t) => names.includes(t));
}

function summarize(ir: SchemaIR) {
  const sum = (f: (t: SchemaIR['tables'][number]) => number) => ir.tables.reduce((n, t) => n + f(t), 0);
  return {
    tables: ir.tables.length,
    columns: sum((t) => t.columns.length),
    enums: ir.enums.length,
    indexes: sum((t) => t.indexes.length + t.uniques.filter((u) => u.where !== null).length),
    foreignKeys: sum((t) => t.foreignKeys.length),
    policies: sum((t) => t.rls?.policies.length ?? 0),
    partitions: sum((t) => t.partitioning?.partitions.length ?? 0),
  };
}

/** `wesley generate`: SDL -> <out>/schema.sql and <out>/wesley.ir.json. */
export function generateCommand(ctx: CommandContext) {
  return {
    command: 'generate',
    describe: 'Compile the schema into PostgreSQL DDL (schema.sql) and the IR (wesley.ir.json)',
    builder: (y: Argv) =>
      y
        .option('schema', { alias: 's', type: 'string', array: true, description: 'Schema file, folder or glob (repeatable); all files form one schema (config: schema)' })
        .option('out', { alias: 'o', type: 'string', default: configPath(ctx, ctx.config.config.out ?? 'generated'), description: 'Output folder (config: out)' })
        .option('json', { type: 'boolean', default: false, description: 'Print one JSON document instead of text' })
        .option('targets', { alias: 't', type: 'string', array: true, default: ctx.config.config.targets ?? Object.keys(TARGETS), description: `What to generate besides the IR, comma-separated: ${Object.keys(TARGETS).join(', ')} (sql is always written; config: targets)` })
        .example('$0 generate', 'Compile the schema the config names into its out folder')
        .example('$0 generate --schema schema.graphql --out generated', 'Compile one file')
        .example('$0 generate --schema "schema/**/*.graphql" --json', 'Compile many files, machine-readable result')
        .epilogue('Exit codes: 0 compiled; 2 usage error; 4 invalid schema (every error with file:line:column and a hint; nothing written), an invalid config, or a file that cannot be read or written (docs/cli/exit-codes.md). Plugins registered in wesley.config.ts run after the built-in generators (docs/config.md).'),
    handler: async (argv: GenerateArgs) => {
      const patterns = schemaPatternsOf(ctx, argv.schema, '--schema');
      const targets = selectTargets(argv.targets);
      const sources = readSchemaSources(patterns, ctx.cwd);
      const result = await compileSchema(sources, compileOptionsOf(ctx));
      const files = sources.map((s) => s.name);
      // Invalid input, as data with --json or one error per block on stderr; exit 1 either way.
      const fail = (errors: readonly WesleyErrorData[], summary: string) => {
        if (argv.json) {
          ctx.printJson({ formatVersion: GENERATE_JSON_VERSION, command: 'generate', ok: false, files, errors: errors.map(toErrorData), diagnostics: result.diagnostics });
        } else {
          for (const error of errors) ctx.io.stderr(`${formatError(error)}\n`);
          if (summary) ctx.io.stderr(`\n${summary}\n`);
        }
        ctx.setExitFor(errors);
      };
      if (!result.ok) {
        const n = result.errors.length;
        fail(result.errors, `${n} error${n === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}; nothing was written.`);
        return;
      }
      const { ir, hash } = result;
      const outDir = path.resolve(ctx.cwd, argv.out);
      const generated = runGenerators(ir, { hash, sources: files }, [...targets.map((t) => ({ plugin: TARGETS[t]!, options: generatorOptions(ctx, t) })), ...configPlugins(ctx)]);
      const irPath = path.join(outDir, 'wesley.ir.json');
      const shown = (file: string) => path.relative(ctx.cwd, file) || '.';
      try {
        writeOutputs(outDir, [
          // schema.sql is synced to disk before it replaces the old one; thousands of generated modules are not (cheap to regenerate).
          ...generated.map((f) => ({ path: path.join(outDir, ...f.path.split('/')), text: f.contents, durable: f.path === 'schema.sql' })),
          { path: irPath, text: `${JSON.stringify({ hash, ir }, null, 2)}\n` },
        ], shown);
      } catch (error) {
        if (!isWesleyError(error) || error.code !== 'WESLEY_CLI_WRITE_FAILED') throw error;
        ctx.printStack(error);
        fail([error], '');
        return;
      }
      const sqlPath = path.join(outDir, 'schema.sql');
      // Each target's files, by the first path segment the generator wrote (ts/, zod/, ...).
      const targetFiles = Object.fromEntries(targets.filter((t) => t !== 'sql').map((t) => [t, generated.filter((f) => f.path.startsWith(`${t}/`)).map((f) => shown(path.join(outDir, ...f.path.split('/'))))]));
      const outputs = { sql: shown(sqlPath), ir: shown(irPath), ...targetFiles };
      if (argv.json) {
        ctx.printJson({ formatVersion: GENERATE_JSON_VERSION, command: 'generate', ok: true, files, hash, minimumServerVersion: ir.minimumServerVersion, summary: summarize(ir), outputs, diagnostics: result.diagnostics });
        return;
      }
      for (const d of result.diagnostics.filter((x) => x.severity === 'warning')) ctx.io.stderr(`${formatDiagnostic(d)}\n`);
      const s = summarize(ir);
      ctx.io.stdout(
        `Compiled ${files.length} file${files.length === 1 ? '' : 's'}: ${s.tables} tables, ${s.columns} columns, ${s.enums} enums, ${s.indexes} indexes, ${s.foreignKeys} foreign keys, ${s.policies} policies\n` +
          `  ${outputs.sql}\n  ${outputs.ir}\n` +
          Object.entries(targetFiles).map(([t, list]) => `  ${shown(path.join(outDir, t))}/ (${list.length} ${t} files)\n`).join('') +
          `  schema hash ${hash}\n` +
          (ir.minimumServerVersion > 110000 ? `  requires PostgreSQL ${serverVersion(ir.minimumServerVersion)}+\n` : ''),
      );
    },
  };
}

/** 120000 -> "12", 120005 -> "12.5" (server_version_num of PostgreSQL 10 and newer). */
function serverVersion(num: number): string {
  const major = Math.floor(num / 10000);
  const minor = num % 10000;
  return minor ? `${major}.${minor}` : `${major}`;
}

/** The options of a built-in target from the config (naming.importExtension). */
function generatorOptions(ctx: CommandContext, target: string): Record<string, unknown> {
  const extension = ctx.config.config.naming?.importExtension;
  return extension !== undefined && (target === 'ts' || target === 'zod') ? { importExtension: extension } : {};
}

/** The generators a wesley.config.ts registers under `plugins`, after the built-in ones. */
function configPlugins(ctx: CommandContext): GeneratorRun[] {
  return (ctx.config.config.plugins ?? []).map((entry) => {
    const [plugin, options] = Array.isArray(entry) ? entry : [entry, {}];
    return { plugin: plugin as unknown as GeneratorPlugin<Record<string, unknown>>, options };
  });
}
