// Every command's --json output: its format version, and the document it prints when it fails
// before it could print its own (a usage error yargs raises, a config that cannot be read, a bug).
// Each document has `formatVersion`, `command` and `ok`; the shapes are in docs/cli/json.md and
// their schemas in apps/cli/src/json-schemas.ts.
import type { WesleyErrorData } from '@wesley/ir';

/** The format version of each command's --json output; `ndjson` commands print events, then one `result` line. */
export const JSON_FORMATS = {
  generate: { formatVersion: 2, ndjson: false },
  init: { formatVersion: 1, ndjson: false },
  completion: { formatVersion: 1, ndjson: false },
  'migrate plan': { formatVersion: 1, ndjson: false },
  'migrate generate': { formatVersion: 1, ndjson: false },
  'migrate execute': { formatVersion: 1, ndjson: true },
  'migrate resume': { formatVersion: 1, ndjson: true },
  'migrate status': { formatVersion: 1, ndjson: false },
  'migrate rollback': { formatVersion: 1, ndjson: false },
  'drift check': { formatVersion: 1, ndjson: false },
} as const;
export type JsonCommand = keyof typeof JSON_FORMATS;

/** The format of output that names no command (`wesley --json`, `wesley frobnicate --json`). */
export const GENERIC_FORMAT_VERSION = 1;

/** The command an argument list names (`migrate plan`), or null; options and their values are skipped. */
export function commandOf(argv: readonly string[]): JsonCommand | null {
  // Command words come first; the only option before them that takes a value is the global --config.
  const words = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--config');
  const two = words.slice(0, 2).join(' ');
  if (Object.hasOwn(JSON_FORMATS, two)) return two as JsonCommand;
  return words[0] !== undefined && Object.hasOwn(JSON_FORMATS, words[0]) ? (words[0] as JsonCommand) : null;
}

/** The failure document of `command` (a `result` line for NDJSON commands), as text with its newline. */
export function failureOutput(command: JsonCommand | null, errors: readonly WesleyErrorData[]): string {
  if (command === null) return `${JSON.stringify({ formatVersion: GENERIC_FORMAT_VERSION, command: null, ok: false, errors }, null, 2)}\n`;
  const { formatVersion, ndjson } = JSON_FORMATS[command];
  if (ndjson) return `${JSON.stringify({ type: 'result', formatVersion, command, ok: false, errors })}\n`;
  return `${JSON.stringify({ formatVersion, command, ok: false, errors }, null, 2)}\n`;
}
