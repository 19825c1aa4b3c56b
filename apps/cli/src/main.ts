import yargs from 'yargs';
import { formatError, isWesleyError, toErrorData } from '@wesley/ir';
import pkg from '../package.json' with { type: 'json' };

/** Where the CLI writes; injectable so tests can run it in-process. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit codes shared by every command (docs/cli/exit-codes.md). */
export const EXIT = { ok: 0, failure: 1, usage: 2, internal: 70 } as const;

/** Runs `wesley` with the given arguments and resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode: number = EXIT.ok;
  const parser = yargs([...argv])
    .scriptName('wesley')
    .usage('$0 <command> [options]\n\nCompile, migrate and check PostgreSQL from one annotated GraphQL schema.')
    .version(pkg.version)
    .alias('version', 'v')
    .help()
    .alias('help', 'h')
    .option('debug', { type: 'boolean', description: 'Print stack traces with errors', global: true })
    .strict()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      exitCode = EXIT.usage;
      io.stderr(`${formatError({ code: 'WESLEY_CLI_USAGE', message, hint: 'Run `wesley --help` to see the commands and options.' })}\n`);
    });

  try {
    const output = await new Promise<string>((resolve, reject) => {
      parser.parse([...argv], {}, (err, _args, out) => (err && exitCode === EXIT.ok ? reject(err) : resolve(out)));
    });
    if (output) io.stdout(`${output}\n`);
    if (exitCode === EXIT.ok && argv.length === 0) {
      io.stdout(`${await parser.getHelp()}\n`);
    }
    return exitCode;
  } catch (error) {
    if (isWesleyError(error)) {
      io.stderr(`${formatError(toErrorData(error))}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return EXIT.failure;
    }
    io.stderr(`WESLEY_INTERNAL: ${error instanceof Error ? error.message : String(error)}\n`);
    io.stderr(debug && error instanceof Error && error.stack ? `${error.stack}\n` : '  hint: Re-run with --debug and report the stack trace.\n');
    return EXIT.internal;
  }
}
