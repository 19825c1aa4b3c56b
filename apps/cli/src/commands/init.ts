// `wesley init`: a starter config, an example schema that compiles, and `.wesley/` in .gitignore,
// so that the next steps the command prints work as they are. It never replaces a file without
// --force, and writes everything or nothing (writeOutputs: temporary files, then renames).
import fs from 'node:fs';
import path from 'node:path';
import { formatError, isWesleyError, toErrorData, WesleyError } from '@wesley/ir';
import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { CONFIG_FILES } from '../config/load-config.js';
import { describeSystemError, FILE_ERROR_CODES, isSystemError } from '../file-errors.js';
import { JSON_FORMATS } from '../json-output.js';
import { writeOutputs, type OutputFile } from '../write-outputs.js';

/** The error codes of `wesley init` (docs/errors.md). */
export const INIT_ERROR_CODES = { exists: 'WESLEY_CLI_INIT_EXISTS' } as const;

export const INIT_FORMATS = ['json', 'ts'] as const;
export type InitFormat = (typeof INIT_FORMATS)[number];

/** What init did to a file. */
export type InitAction = 'created' | 'overwritten' | 'updated';

interface InitArgs {
  readonly dir: string;
  readonly format: InitFormat;
  readonly force: boolean;
  readonly json?: boolean;
}

/** The settings both config flavours write; paths are relative to the config file. */
export const STARTER_CONFIG = {
  schema: 'schema/schema.graphql',
  out: 'generated',
  migrations: { dir: 'migrations' },
  checkpoints: { dir: '.wesley/checkpoints' },
  execute: { batchSize: 5000, lockTimeoutMs: 3000 },
} as const;

const STARTER_CONFIG_TS = `import { defineConfig } from '@wesley/cli';

// Every key is optional and a command-line flag overrides it; docs/config.md lists them all.
export default defineConfig({
  // The schema: a file, a folder or a glob (or a list of them).
  schema: '${STARTER_CONFIG.schema}',
  // Where \`wesley generate\` writes schema.sql, wesley.ir.json and the TypeScript modules.
  out: '${STARTER_CONFIG.out}',
  // Where \`wesley migrate generate\` writes migrations and \`wesley migrate execute\` reads them.
  migrations: { dir: '${STARTER_CONFIG.migrations.dir}' },
  // Progress of long-running steps, so that \`wesley migrate resume\` continues where a run
  // stopped. Local state: .wesley/ is in .gitignore.
  checkpoints: { dir: '${STARTER_CONFIG.checkpoints.dir}' },
  execute: {
    // Rows per backfill batch: smaller batches hold row locks for less time.
    batchSize: ${STARTER_CONFIG.execute.batchSize},
    // lock_timeout of each step that takes a lock (ms): a step that waits longer gives up instead
    // of queueing every other query on the table behind it.
    lockTimeoutMs: ${STARTER_CONFIG.execute.lockTimeoutMs},
  },
  // Steps that rewrite or lock a table for long run only inside this daily window; outside it
  // \`wesley migrate execute\` refuses them unless given --unsafe. \`end\` before \`start\` spans
  // midnight; days: 0 = Sunday (default every day). Uncomment and adjust:
  // maintenanceWindow: { start: '02:00', end: '05:00', timeZone: 'UTC', days: [1, 2, 3, 4, 5] },
});
`;

/** A small schema that shows the common directives and compiles as it is. */
export const STARTER_SCHEMA = `# A starter schema: edit it, then run \`wesley generate\` (docs/directives.md lists every directive).
# Each @table type is a table; fields are columns (camelCase becomes snake_case), and fields whose
# type is another table (owner, tasks) are relations with no column of their own.

"""Where a task stands."""
enum TaskStatus {
  TODO
  IN_PROGRESS
  DONE
}

"""A person who can sign in."""
type User @table {
  id: ID! @pk @default(expr: "gen_random_uuid()")
  """Stored in lower case; unique across all users."""
  email: String! @unique @column(type: "varchar(320)") @check(expr: "email = lower(email)")
  name: String!
  createdAt: DateTime! @default(expr: "now()")

  projects: [Project!]! @hasMany
}

"""A project and its tasks; project names are unique per owner."""
type Project @table @unique(fields: ["ownerId", "name"]) {
  id: ID! @pk @default(expr: "gen_random_uuid()")
  ownerId: ID! @fk(ref: "User.id", onDelete: CASCADE)
  name: String!
  archived: Boolean! @default(value: false)
  createdAt: DateTime! @default(expr: "now()")

  owner: User! @belongsTo(ref: "ownerId")
  tasks: [Task!]! @hasMany
}

"""A piece of work in a project, optionally assigned to a user."""
type Task @table @index(fields: ["projectId", "status"]) {
  id: ID! @pk @default(expr: "gen_random_uuid()")
  projectId: ID! @fk(ref: "Project.id", onDelete: CASCADE)
  assigneeId: ID @fk(ref: "User.id", onDelete: SET_NULL) @index
  title: String! @check(expr: "char_length(title) BETWEEN 1 AND 200")
  status: TaskStatus! @default(value: TODO)
  dueOn: Date
  createdAt: DateTime! @default(expr: "now()")
  updatedAt: DateTime! @default(expr: "now()") @updatedAt

  project: Project! @belongsTo(ref: "projectId")
}
`;

const GITIGNORE_LINE = '.wesley/';

/** The commands to run after init, in order. */
export const NEXT_STEPS = [
  ['wesley generate', 'compile the schema into generated/'],
  ['wesley migrate generate', 'write the first migration into migrations/'],
  ['wesley migrate execute --explain', 'what running it does, step by step; nothing runs'],
  ['wesley migrate execute', 'run it (embedded PostgreSQL unless WESLEY_DATABASE_URL is set)'],
  ['wesley migrate status', 'list the migrations and their state'],
] as const;

/** The config file text in the given flavour. */
export function starterConfig(format: InitFormat): string {
  return format === 'ts' ? STARTER_CONFIG_TS : `${JSON.stringify(STARTER_CONFIG, null, 2)}\n`;
}

/** `.gitignore` with `.wesley/` added, or null when it already ignores it. */
export function withWesleyIgnored(existing: string | null): string | null {
  if (existing === null) return `${GITIGNORE_LINE}\n`;
  const ignored = existing.split(/\r?\n/).some((line) => ['.wesley', '.wesley/', '/.wesley', '/.wesley/'].includes(line.trim()));
  if (ignored) return null;
  return `${existing}${existing === '' || existing.endsWith('\n') ? '' : '\n'}${GITIGNORE_LINE}\n`;
}

/** `wesley init`: writes wesley.config.json (or .ts), schema/schema.graphql and `.wesley/` in .gitignore. */
export function initCommand(ctx: CommandContext) {
  return {
    command: 'init',
    describe: 'Write a starter wesley.config and an example schema into the current directory',
    builder: (y: Argv) =>
      y
        .option('dir', { type: 'string', default: '.', description: 'The folder to set up (created when missing)' })
        .option('format', { type: 'string', choices: INIT_FORMATS, default: 'json' as InitFormat, description: 'The config flavour: wesley.config.json, or wesley.config.ts with comments' })
        .option('force', { type: 'boolean', default: false, description: 'Overwrite the config and the example schema when they exist' })
        .option('json', { type: 'boolean', description: 'Print one JSON document' })
        .example('$0 init', 'wesley.config.json, schema/schema.graphql and .wesley/ in .gitignore')
        .example('$0 init --format ts --dir api', 'The same in api/, with a commented wesley.config.ts')
        .example('$0 init --force', 'Start over: overwrite the config and the example schema')
        .epilogue('Exit codes: 0 the files are written; 2 usage error; 4 a file exists (nothing is written: pass --force) or a file cannot be read or written (docs/cli/exit-codes.md). .gitignore is only ever appended to.'),
    handler: (argv: InitArgs) => {
      const { formatVersion } = JSON_FORMATS.init;
      try {
        const files = init(ctx, argv);
        const nextSteps = [...changeDir(argv.dir), ...NEXT_STEPS.map(([command]) => command)];
        if (argv.json) ctx.printJson({ formatVersion, command: 'init', ok: true, files, nextSteps });
        else ctx.io.stdout(formatInit(files, argv));
      } catch (error) {
        if (!isWesleyError(error)) throw error;
        ctx.printStack(error);
        const data = toErrorData(error);
        if (argv.json) ctx.printJson({ formatVersion, command: 'init', ok: false, errors: [data] });
        else ctx.io.stderr(`${formatError(data)}\n`);
        ctx.setExitFor([data]);
      }
    },
  };
}

/** Writes the files; returns what it did to each, paths relative to the working directory. */
function init(ctx: CommandContext, argv: InitArgs): { path: string; action: InitAction }[] {
  const dir = path.resolve(ctx.cwd, argv.dir);
  const show = (file: string) => {
    const relative = path.relative(ctx.cwd, file);
    return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  };
  const configName = argv.format === 'ts' ? 'wesley.config.ts' : 'wesley.config.json';
  const targets: OutputFile[] = [
    { path: path.join(dir, configName), text: starterConfig(argv.format) },
    { path: path.join(dir, STARTER_CONFIG.schema), text: STARTER_SCHEMA },
  ];
  const existing = targets.filter((t) => fs.existsSync(t.path)).map((t) => t.path);
  // Another config file would be read instead of ours (CONFIG_FILES order), or beside it.
  const otherConfigs = CONFIG_FILES.filter((name) => name !== configName && fs.existsSync(path.join(dir, name))).map((name) => path.join(dir, name));
  if ((existing.length && !argv.force) || otherConfigs.length) {
    const names = [...existing, ...otherConfigs].map(show);
    const them = names.length === 1 ? 'it' : 'them';
    throw new WesleyError({
      code: INIT_ERROR_CODES.exists,
      message: `Not setting up ${show(dir) === '.' ? 'the current directory' : show(dir)}: ${names.map((n) => `"${n}"`).join(', ')} ${names.length === 1 ? 'exists' : 'exist'}; nothing was written.`,
      hint: otherConfigs.length
        ? `Remove ${otherConfigs.map((f) => `"${show(f)}"`).join(', ')} (Wesley reads one config, and --force replaces only the files init writes), or run init in another folder (--dir).`
        : `Pass --force to overwrite ${them}, or remove ${them}, or run init in another folder (--dir).`,
      details: { files: names },
    });
  }
  const gitignorePath = path.join(dir, '.gitignore');
  const gitignore = readIfExists(gitignorePath, show);
  const ignored = withWesleyIgnored(gitignore);
  writeOutputs(dir, ignored === null ? targets : [...targets, { path: gitignorePath, text: ignored }], show);
  const result = targets.map((t) => ({ path: show(t.path), action: (existing.includes(t.path) ? 'overwritten' : 'created') as InitAction }));
  if (ignored !== null) result.push({ path: show(gitignorePath), action: gitignore === null ? 'created' : 'updated' });
  return result;
}

function readIfExists(file: string, show: (file: string) => string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (!isSystemError(error)) throw error;
    if (error.code === 'ENOENT') return null;
    throw new WesleyError(
      { code: FILE_ERROR_CODES.readFailed, message: `Cannot read "${show(file)}": ${describeSystemError(error)}.`, hint: 'Make the file readable by this user, or remove it, and run init again.' },
      { cause: error },
    );
  }
}

/** `cd <dir>` when init ran elsewhere (quoted for a POSIX shell when needed). */
function changeDir(dir: string): string[] {
  if (path.normalize(dir) === '.') return [];
  return [`cd ${/^[\w./@%+=:,-]+$/.test(dir) ? dir : `'${dir.replaceAll("'", `'\\''`)}'`}`];
}

/** What was written, then what to run next. */
export function formatInit(files: readonly { path: string; action: InitAction }[], argv: Pick<InitArgs, 'dir' | 'format'>): string {
  const lines = files.map((f) => `  ${f.action.padEnd(11)} ${f.path}`);
  const steps = [...changeDir(argv.dir).map((cd) => [cd, 'the commands read the config in the current directory'] as const), ...NEXT_STEPS];
  const width = Math.max(...steps.map(([command]) => command.length));
  const window =
    argv.format === 'json'
      ? [
          '',
          'To run steps that lock a table for long only in a maintenance window, add to the config:',
          '  "maintenanceWindow": { "start": "02:00", "end": "05:00", "timeZone": "UTC" }',
          '(docs/config.md; `wesley init --format ts` writes a config with every key explained).',
        ]
      : [];
  return [`Set up ${path.normalize(argv.dir) === '.' ? 'the current directory' : argv.dir}:`, ...lines, '', 'Next steps:', ...steps.map(([command, why]) => `  ${command.padEnd(width)}  # ${why}`), ...window, ''].join('\n');
}
