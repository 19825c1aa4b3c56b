// `wesley completion [bash|zsh]`: yargs's own completion script. The script calls
// `wesley --get-yargs-completions <words...>`, which yargs answers for every yargs program (no
// `.completion()` call needed, and none wanted: it would take over the `completion` command), from
// the same command tree that parses the command line, so the completions never go stale.
import path from 'node:path';
import { WesleyError } from '@wesley/ir';
import yargs, { type Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { JSON_FORMATS } from '../json-output.js';

export const COMPLETION_SHELLS = ['bash', 'zsh'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

const SCRIPT_NAME = 'wesley';
const ASK = `${SCRIPT_NAME} --get-yargs-completions`;

interface CompletionArgs {
  readonly shell?: CompletionShell;
  readonly json?: boolean;
}

/** The shell of a $SHELL value (`/usr/bin/zsh` -> zsh); bash for anything else. */
export function shellOf(shellPath: string | undefined): CompletionShell {
  return shellPath !== undefined && path.basename(shellPath).includes('zsh') ? 'zsh' : 'bash';
}

/**
 * yargs's completion script for `shell`. yargs picks its template (and, when answering, whether
 * to add zsh's `name:description`) from $SHELL when an instance is created, so a throwaway
 * instance is created under the wanted $SHELL, and the script sets $SHELL for the `wesley` it
 * runs: a bash started from zsh (or the reverse) then still gets words it can use.
 */
export function completionScript(shell: CompletionShell): string {
  const saved = { SHELL: process.env.SHELL, ZSH_NAME: process.env.ZSH_NAME };
  let script = '';
  process.env.SHELL = `/bin/${shell}`;
  delete process.env.ZSH_NAME;
  try {
    // Synchronous from here to the end: nothing else runs while $SHELL is changed.
    yargs([])
      .scriptName(SCRIPT_NAME)
      .exitProcess(false)
      .completion('completion', false)
      .parse(['completion'], {}, (_error, _argv, output) => {
        script = output;
      });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  if (!script.includes(ASK) || (shell === 'zsh') !== script.startsWith(`#compdef ${SCRIPT_NAME}`)) {
    throw new WesleyError({ code: 'WESLEY_INTERNAL', message: `yargs printed no ${shell} completion script that runs \`${ASK}\`.`, hint: 'Report this with the yargs version installed.' });
  }
  return `${script
    .replaceAll(ASK, `SHELL=/bin/${shell} ${ASK}`)
    .replace(/^(# Installation: wesley completion) >> ~\/\.(\w+)\n#    or wesley completion >>/m, `$1 ${shell} >> ~/.$2\n#    or wesley completion ${shell} >>`)
    .trimEnd()}\n`;
}

/** `wesley completion [bash|zsh]`: prints the shell completion script. */
export function completionCommand(ctx: CommandContext) {
  return {
    command: 'completion [shell]',
    describe: 'Print the shell completion script (bash or zsh) for commands and options',
    builder: (y: Argv) =>
      y
        .positional('shell', { type: 'string', choices: COMPLETION_SHELLS, description: 'The shell (default: the one $SHELL names, else bash)' })
        .option('json', { type: 'boolean', description: 'Print one JSON document with the script' })
        .example('$0 completion bash >> ~/.bashrc', 'Install for bash (then open a new shell)')
        .example('$0 completion zsh > "${fpath[1]}/_wesley"', 'Install for zsh into the first folder of $fpath (then: compinit)')
        .example('source <($0 completion zsh)', 'Load it into the current zsh session only')
        .epilogue('The script runs `wesley --get-yargs-completions <words>` on every Tab, so `wesley` must be on PATH. Exit codes: 0 the script is printed; 2 usage error (a shell other than bash or zsh).'),
    handler: (argv: CompletionArgs) => {
      const shell = argv.shell ?? shellOf(ctx.env.SHELL);
      const script = completionScript(shell);
      if (argv.json) ctx.printJson({ formatVersion: JSON_FORMATS.completion.formatVersion, command: 'completion', ok: true, shell, script });
      else ctx.io.stdout(script);
    },
  };
}
