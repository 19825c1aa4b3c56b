import type { LoadedConfig } from './config/load-config.js';
import { EXIT, exitReasonForAll, type ExitReason } from './exit-codes.js';

export { EXIT, type ExitReason } from './exit-codes.js';

/** Where the CLI writes; injectable so tests can run it in-process. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** What a command handler gets: output, the working directory, the config, and how to set the exit code. */
export interface CommandContext {
  readonly io: CliIO;
  readonly cwd: string;
  /** The environment (process.env unless a test passes its own). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** wesley.config.* (every default when there is none). */
  readonly config: LoadedConfig;
  /** The command line as given (for the audit log, redacted there). */
  readonly argv: readonly string[];
  /** Sets the exit code (docs/cli/exit-codes.md). */
  setExit(reason: ExitReason): void;
  /** Sets the exit code of errors reported together: the table's code for the most serious one. */
  setExitFor(errors: readonly { readonly code: string }[]): void;
  /** Prints exactly one JSON document on stdout. */
  printJson(document: unknown): void;
  /** With --debug, prints the error's stack on stderr (redacted, also of `url`); nothing otherwise. */
  printStack(error: unknown, url?: string): void;
}

/** A context's exit-code state, for runCli. */
export function exitState() {
  let code: number = EXIT.ok;
  return {
    get code() {
      return code;
    },
    setExit: (reason: ExitReason) => {
      code = EXIT[reason];
    },
    setExitFor: (errors: readonly { readonly code: string }[]) => {
      code = EXIT[exitReasonForAll(errors.map((e) => e.code))];
    },
  };
}
