import { redactConnectionString } from '@wesley/executor';
import { formatError, isWesleyError, toErrorData, type WesleyErrorData } from '@wesley/ir';
import yargs from 'yargs';
import pkg from '../package.json' with { type: 'json' };
import { exitState, type CliIO, type CommandContext } from './command-context.js';
import { completionCommand } from './commands/completion.js';
import { driftCommand } from './commands/drift.js';
import { generateCommand } from './commands/generate.js';
import { initCommand } from './commands/init.js';
import { migrateCommand } from './commands/migrate.js';
import { configSchema } from './config/config-schema.js';
import { CONFIG_ENV, loadConfig, type LoadedConfig } from './config/load-config.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { commandOf, failureOutput } from './json-output.js';

export { EXIT } from './exit-codes.js';
export type { CliIO } from './command-context.js';

/** A command line yargs rejects (unknown command or option, missing argument). */
class UsageFailure extends Error {}

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Commands that run without a (valid) config: they write one, or print a script. */
const WITHOUT_CONFIG = new Set(['init', 'completion']);

/**
 * The last line of defence for errors no command caught: a message or stack from pg, or yargs
 * quoting a mistyped argument, can carry a connection string. Every argument that holds one is
 * removed whole (the patterns alone stop at a quote inside a password), then the patterns apply.
 * Commands that connect redact their own errors.
 */
function redactorOf(argv: readonly string[]): (text: string) => string {
  const secrets = argv.map((a) => a.replace(/^--[\w-]+=/, '')).filter((a) => a.includes('://') || /password/i.test(a)).sort((a, b) => b.length - a.length);
  return (text) => redactConnectionString(secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text));
}

/** The value of --config (`--config f`, `--config=f`), read before yargs so that builders see the config's defaults. */
function configFlag(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  if (at < 0) return undefined;
  return argv[at]!.includes('=') ? argv[at]!.slice('--config='.length) : argv[at + 1];
}

/** Runs `wesley` with the given arguments and resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO, cwd = process.cwd(), env: CommandContext['env'] = process.env): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  const command = commandOf(argv);
  const redact = redactorOf(argv);
  const exit = exitState();
  // A config that cannot be read fails every command that uses it, but not --help or init.
  let configError: unknown;
  let config: LoadedConfig = { config: configSchema.parse({}), file: null, baseDir: cwd };
  try {
    config = await loadConfig(cwd, configFlag(argv), env);
  } catch (error) {
    configError = error;
  }
  const ctx: CommandContext = {
    io,
    cwd,
    env,
    config,
    argv,
    setExit: exit.setExit,
    setExitFor: exit.setExitFor,
    printJson: (document) => io.stdout(`${JSON.stringify(document, null, 2)}\n`),
    printStack: (error, url) => {
      if (debug && error instanceof Error && error.stack) io.stderr(`${redact(redactConnectionString(error.stack, url))}\n`);
    },
  };
  const parser = yargs([...argv])
    .scriptName('wesley')
    .usage('$0 <command> [options]\n\nCompile, migrate and check PostgreSQL from one annotated GraphQL schema.')
    .command(generateCommand(ctx) as never)
    .command(migrateCommand(ctx) as never)
    .command(driftCommand(ctx) as never)
    .command(initCommand(ctx) as never)
    .command(completionCommand(ctx) as never)
    .middleware((args) => {
      if (configError !== undefined && !WITHOUT_CONFIG.has(String(args._[0]))) throw configError;
    })
    .version(pkg.version)
    .alias('version', 'v')
    .help()
    .alias('help', 'h')
    .option('config', { type: 'string', description: `The config file (default: wesley.config.ts, .mts, .js, .mjs or .json in the current directory; or set ${CONFIG_ENV})`, global: true })
    .option('debug', { type: 'boolean', description: 'Print stack traces with errors', global: true })
    .example('$0 generate', 'Compile the schema named in wesley.config.json')
    .example('$0 migrate generate && $0 migrate execute --explain', 'Write the next migration, then explain what running it does')
    .example('$0 migrate execute && $0 migrate status', 'Run it (on the embedded database when none is configured) and list the migrations')
    .epilogue('Every command has --help with examples. Exit codes: docs/cli/exit-codes.md (0 ok, 1 difference found, 2 usage, 3 refused, 4 invalid input, 5 database, 6 migration failed, 7 lock busy, 70 internal).')
    .strict()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageFailure(message);
    });

  const report = (data: WesleyErrorData, stack?: string) => {
    if (json) io.stdout(failureOutput(command, [data]));
    else io.stderr(`${formatError(data)}\n`);
    if (debug && stack) io.stderr(`${redact(stack)}\n`);
  };
  try {
    let output = '';
    // Usage failures throw from parse(); an async command handler's failure rejects its promise.
    await parser.parse([...argv], {}, (_err, _args, out) => {
      output = out;
    });
    if (output) io.stdout(`${output}\n`);
    if (argv.length === 0) io.stdout(`${await parser.getHelp()}\n`);
    return exit.code;
  } catch (error) {
    if (error instanceof UsageFailure) {
      report({ code: 'WESLEY_CLI_USAGE', message: redact(error.message), hint: `Run \`wesley ${command ?? ''}${command ? ' ' : ''}--help\` to see the commands, options and examples.` });
      return EXIT.usage;
    }
    if (isWesleyError(error)) {
      const data = toErrorData(error);
      report({ ...data, message: redact(data.message) }, error.stack);
      return exitCodeFor(error.code);
    }
    const internal = { code: 'WESLEY_INTERNAL', message: redact(error instanceof Error ? error.message : String(error)), hint: 'Re-run with --debug and report the stack trace.' };
    report(internal, error instanceof Error ? error.stack : undefined);
    return EXIT.internal;
  }
}
