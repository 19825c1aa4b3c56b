// The one table of exit codes every command uses (docs/cli/exit-codes.md is generated from it and
// a test keeps the two equal). An outcome (drift found, a refused change) and every error code map
// to exactly one exit code, whatever the command, so a script can tell "the database is down" (5)
// from "the schema is invalid" (4) or "another migrator holds the lock" (7).
import { REFUSAL_CODES } from '@wesley/planner';

/** The exit codes, by name. They change only with a major version. */
export const EXIT = {
  ok: 0,
  /** A check found a difference: drift (`drift check`), a missing migration (`migrate generate --check`); diff(1)'s 1. */
  difference: 1,
  usage: 2,
  /** The output is complete, but changes were left out or not run: they need `--unsafe` or another decision. */
  refused: 3,
  /** Invalid input: the schema, the config, a file or folder, the migrations folder. */
  invalidInput: 4,
  /** The database: unreachable, unreadable, too old, or failing during a run. */
  database: 5,
  /** A migration or rollback stopped part-way; what is done is recorded, resume or roll back. */
  failed: 6,
  /** Another migrator holds the migration lock (`--no-wait`, `--lock-timeout`): try again later. */
  busy: 7,
  /** A bug in Wesley. */
  internal: 70,
} as const;
export type ExitReason = keyof typeof EXIT;

export interface ExitRule {
  /** An error code, or a family of codes ending in `*`. */
  readonly match: string;
  readonly exit: ExitReason;
}

/** Exact codes first, then families; the first rule that matches wins. */
export const EXIT_RULES: readonly ExitRule[] = [
  { match: 'WESLEY_CLI_USAGE', exit: 'usage' },
  { match: 'WESLEY_DRIFT_DETECTED', exit: 'difference' },
  // A plan's refusals (data in plan.refused): the plan is printed, these changes are not in it.
  ...Object.values(REFUSAL_CODES).map((match) => ({ match, exit: 'refused' as const })),
  { match: 'WESLEY_MIGRATIONS_REFUSED', exit: 'refused' },
  { match: 'WESLEY_EXEC_REFUSED', exit: 'refused' },
  { match: 'WESLEY_EXEC_IRREVERSIBLE', exit: 'refused' },
  { match: 'WESLEY_EXEC_DATA_LOSS', exit: 'refused' },
  { match: 'WESLEY_CLI_UNSAFE_REQUIRED', exit: 'refused' },
  { match: 'WESLEY_CLI_OUTSIDE_MAINTENANCE_WINDOW', exit: 'refused' },
  { match: 'WESLEY_EXEC_LOCKED', exit: 'busy' },
  { match: 'WESLEY_EXEC_LOCK_WAIT_TIMEOUT', exit: 'busy' },
  { match: 'WESLEY_EXEC_UNSUPPORTED_VERSION', exit: 'database' },
  { match: 'WESLEY_PLAN_UNSUPPORTED_VERSION', exit: 'database' },
  { match: 'WESLEY_PLAN_SERVER_TOO_OLD', exit: 'database' },
  { match: 'WESLEY_DRIFT_UNSUPPORTED_VERSION', exit: 'database' },
  { match: 'WESLEY_CLI_DATABASE_*', exit: 'database' },
  { match: 'WESLEY_CLI_EMBEDDED_FAILED', exit: 'database' },
  { match: 'WESLEY_EXEC_STEP_FAILED', exit: 'failed' },
  { match: 'WESLEY_EXEC_PLAN_CHANGED', exit: 'failed' },
  { match: 'WESLEY_EXEC_UNDO_FAILED', exit: 'failed' },
  { match: 'WESLEY_IR_PARSER_NOT_LOADED', exit: 'internal' },
  { match: 'WESLEY_CODEGEN_SQL_PARSER_NOT_LOADED', exit: 'internal' },
  { match: 'WESLEY_INTERNAL', exit: 'internal' },
  { match: 'WESLEY_IR_*', exit: 'invalidInput' },
  { match: 'WESLEY_CODEGEN_*', exit: 'invalidInput' },
  { match: 'WESLEY_PLAN_*', exit: 'invalidInput' },
  { match: 'WESLEY_MIGRATIONS_*', exit: 'invalidInput' },
  { match: 'WESLEY_EXEC_*', exit: 'invalidInput' },
  { match: 'WESLEY_DRIFT_*', exit: 'invalidInput' },
  { match: 'WESLEY_CONFIG_*', exit: 'invalidInput' },
  { match: 'WESLEY_CLI_*', exit: 'invalidInput' },
];

const matches = (rule: ExitRule, code: string) => (rule.match.endsWith('*') ? code.startsWith(rule.match.slice(0, -1)) : code === rule.match);

/** The exit reason of an error code; an unknown code is a bug (internal). */
export function exitReasonFor(code: string): ExitReason {
  return EXIT_RULES.find((rule) => matches(rule, code))?.exit ?? 'internal';
}

/** The exit code of an error code. */
export const exitCodeFor = (code: string): number => EXIT[exitReasonFor(code)];

/**
 * The exit reason of several errors reported together (a schema with many errors): the most
 * serious one, so that one internal error among schema errors still reads as a bug.
 */
export function exitReasonForAll(codes: readonly string[]): ExitReason {
  const order: readonly ExitReason[] = ['internal', 'usage', 'database', 'failed', 'busy', 'invalidInput', 'refused', 'difference'];
  const reasons = codes.map(exitReasonFor);
  return order.find((r) => reasons.includes(r)) ?? 'invalidInput';
}
