import yargs from 'yargs';
import { formatError, isWesleyError, toErrorData } from '@wesley/ir';
import pkg from '../package.json' with { type: 'json' };
import { EXIT, type CliIO, type CommandContext, type ExitReason } from './command-context.js';
import { generateCommand } from './commands/generate.js';

export { EXIT } from './command-context.js';
export type { CliIO } from './command-context.js';

/** A command line yargs rejects (unknown command or option, missing argument). */
class UsageFailure extends Error {}

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs `wesley` with the given arguments and resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO, cwd = process.cwd()): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  let exitCode: number = EXIT.ok;
  const ctx: CommandContext = {
    io,
    cwd,
    setExit: (reason: ExitReason) => {
      exitCode = EXIT[reason];
    },
    printJson: (document) => io.stdout(`${JSON.stringify(document, null, 2)}\n`),
  };
  const parser = yargs([...argv])
    .scriptName('wesley')
    .usage('$0 <command> [options]\n\nCompile, migrate and check PostgreSQL from one annotated GraphQL schema.')
    .command(generateCommand(ctx) as never)
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
      const usage = { code: 'WESLEY_CLI_USAGE', message: error.message, hint: 'Run `wesley --help` (or `wesley <command> --help`) to see the commands and options.' };
      if (json) ctx.printJson({ ok: false, errors: [usage] });
      else io.stderr(`${formatError(usage)}\n`);
      return EXIT.usage;
    }
    if (isWesleyError(error)) {
      if (json) ctx.printJson({ ok: false, errors: [toErrorData(error)] });
      else io.stderr(`${formatError(toErrorData(error))}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return error.code === 'WESLEY_CLI_USAGE' ? EXIT.usage : EXIT.invalidInput;
    }
    const internal = { code: 'WESLEY_INTERNAL', message: error instanceof Error ? error.message : String(error), hint: 'Re-run with --debug and report the stack trace.' };
    // --json promises one document on stdout, whatever happened.
    if (json) ctx.printJson({ ok: false, errors: [internal] });
    else io.stderr(`${internal.code}: ${internal.message}\n`);
    io.stderr(debug && error instanceof Error && error.stack ? `${error.stack}\n` : json ? '' : `  hint: ${internal.hint}\n`);
    return EXIT.internal;
  }
}
