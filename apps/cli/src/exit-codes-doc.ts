// The generated part of docs/cli/exit-codes.md: the exit codes and which error codes map to each,
// rendered from EXIT and EXIT_RULES so that the page cannot drift from what the CLI does.
import { EXIT, EXIT_RULES, type ExitReason } from './exit-codes.js';

export const EXIT_DOC_MARKERS = { start: '<!-- exit-table:start (generated from apps/cli/src/exit-codes.ts) -->', end: '<!-- exit-table:end -->' } as const;

const MEANING: Readonly<Record<ExitReason, string>> = {
  ok: 'success (warnings do not change it)',
  difference: 'a check found a difference: `drift check` found drift, `migrate generate --check` found a missing migration (as diff(1) does)',
  usage: 'usage error: unknown command or option, a missing or malformed argument, options that exclude each other',
  refused: 'refused: the output is complete, but changes were left out or not run because they need `--unsafe` or another decision',
  invalidInput: 'invalid input: the schema, the config, a file or folder, the migrations folder, a migration or checkpoint that does not exist',
  database: 'the database: unreachable, unreadable, older than supported, failing during a run, or the embedded one failing to start',
  failed: 'a migration or rollback stopped part-way: what is done is recorded; the message says where, `resume` or `rollback` go on',
  busy: 'another migrator holds the migration lock (`--no-wait`, or still held after `--lock-timeout`): try again later',
  internal: 'a bug in Wesley: re-run with `--debug` and report the stack',
};

/** The markdown table: exit code, name, meaning, the error codes (exact, then families) that map to it. */
export function renderExitTable(): string {
  const rows = (Object.keys(EXIT) as ExitReason[]).map((reason) => {
    const codes = EXIT_RULES.filter((r) => r.exit === reason).map((r) => `\`${r.match}\``);
    return `| ${EXIT[reason]} | \`${reason}\` | ${MEANING[reason]} | ${codes.join(', ') || '-'} |`;
  });
  return [
    EXIT_DOC_MARKERS.start,
    '| exit | name | meaning | error codes |',
    '| --- | --- | --- | --- |',
    ...rows,
    EXIT_DOC_MARKERS.end,
  ].join('\n');
}
