import yargs from 'yargs';
import { redactConnectionString } from '@wesley/executor';
import { formatError, isWesleyError, toErrorData, type WesleyErrorData } from '@wesley/ir';
import pkg from '../package.json' with { type: 'json' };
import { EXIT, type CliIO, type CommandContext, type ExitReason } from './command-context.js';
import { driftCommand } from './commands/drift.js';
import { generateCommand } from './commands/generate.js';
import { migrateCommand } from './commands/migrate.js';

export { EXIT } from './command-context.js';
export type { CliIO } from './command-context.js';

/** A command line yargs rejects (unknown command or option, missing argument). */
class UsageFailure extends Error {}

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

// The last line of defence for errors no command caught: a message or stack from pg (or a typo'd
// option) can carry a connection string. Commands that connect redact their own errors.
const redacted = (data: WesleyErrorData): WesleyErrorData => ({ ...data, message: redactConnectionString(data.message) });

/** Runs `wesley` with the given arguments and resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO, cwd = process.cwd(), env: CommandContext['env'] = process.env): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  let exitCode: number = EXIT.ok;
  const ctx: CommandContext = {
    io,
    cwd,
    env,
    setExit: (reason: ExitReason) => {
      exitCode = EXIT[reason];
    },
    printJson: (document) => io.stdout(`${JSON.stringify(document, null, 2)}\n`),
  };
  const parser = yargs([...argv])
    .scriptName('wesley')
    .usage('$0 <command> [options]\n\nCompile, migrate and check PostgreSQL from one annotated GraphQL schema.')
    .command(generateCommand(ctx) as never)
    .command(migrateCommand(ctx) as never)
    .command(driftCommand(ctx) as never)
    .version(pkg.version)
    .alias('version', 'v')
    .help()
    .alias('help', 'h')
    .option('debug', { type: 'boolean', description: 'Print stack traces with errors', global: true })
    .strict()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageFailure(message);
    });

  try {
    let output = '';
    // Usage failures throw from parse(); an async command handler's failure rejects its promise.
    await parser.parse([...argv], {}, (_err, _args, out) => {
      output = out;
    });
    if (output) io.stdout(`${output}\n`);
    if (argv.length === 0) io.stdout(`${await parser.getHelp()}\n`);
    return exitCode;
  } catch (error) {
    if (error instanceof UsageFailure) {
      const usage = { code: 'WESLEY_CLI_USAGE', message: redactConnectionString(error.message), hint: 'Run `wesley --help` (or `wesley <command> --help`) to see the commands and options.' };
      if (json) ctx.printJson({ ok: false, errors: [usage] });
      else io.stderr(`${formatError(usage)}\n`);
      return EXIT.usage;
    }
    if (isWesleyError(error)) {
      const data = redacted(toErrorData(error));
      if (json) ctx.printJson({ ok: false, errors: [data] });
      else io.stderr(`${formatError(data)}\n`);
      if (debug && error.stack) io.stderr(`${redactConnectionString(error.stack)}\n`);
      return error.code === 'WESLEY_CLI_USAGE' ? EXIT.usage : EXIT.invalidInput;
    }
    const internal = redacted({ code: 'WESLEY_INTERNAL', message: error instanceof Error ? error.message : String(error), hint: 'Re-run with --debug and report the stack trace.' });
    // --json promises one document on stdout, whatever happened.
    if (json) ctx.printJson({ ok: false, errors: [internal] });
    else io.stderr(`${internal.code}: ${internal.message}\n`);
    io.stderr(debug && error instanceof Error && error.stack ? `${redactConnectionString(error.stack)}\n` : json ? '' : `  hint: ${internal.hint}\n`);
    return EXIT.internal;
  }
}
