/** Where the CLI writes; injectable so tests can run it in-process. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Exit codes shared by every command (docs/cli/exit-codes.md). `refused`: the command's output is
 * complete but leaves changes out (a migration plan that refused destructive steps). `drift check`
 * follows diff(1): `drift` (1) when it finds differences, `checkFailed` (2) when it cannot tell.
 */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2, refused: 3, internal: 70, drift: 1, checkFailed: 2 } as const;
export type ExitReason = keyof typeof EXIT;

/** What a command handler gets: output, the working directory, and how to set the exit code. */
export interface CommandContext {
  readonly io: CliIO;
  readonly cwd: string;
  /** The environment (process.env unless a test passes its own). */
  readonly env: Readonly<Record<string, string | undefined>>;
  setExit(reason: ExitReason): void;
  /** Prints exactly one JSON document on stdout. */
  printJson(document: unknown): void;
}
