import { createHash } from 'node:crypto';

/** PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

/**
 * camelCase / PascalCase -> snake_case: `orgId` -> `org_id`, `HTTPRequest` -> `http_request`,
 * `OrderItem2` -> `order_item2`. Names already in snake_case are unchanged.
 */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

/** Double-quotes an identifier (always: `user` and `order` are reserved words). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."name"`. */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * A SQL string literal with quotes doubled. With a backslash in it, an E'' literal with
 * backslashes doubled (as PostgreSQL's quote_literal does), so it reads the same whether or not
 * standard_conforming_strings is on.
 */
export function quoteLiteral(value: string): string {
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

const encoder = new TextEncoder();
// eslint-disable-next-line no-control-regex
const byteLength = (s: string) => (/^[\x00-\x7f]*$/.test(s) ? s.length : encoder.encode(s).length);

/**
 * A constraint or index name in PostgreSQL's own style (`user_email_key`), kept within 63 bytes:
 * when too long, the parts are shortened and a short hash of the full name keeps it unique and
 * stable.
 */
export function constraintName(table: string, columns: readonly string[], suffix: string): string {
  const full = [table, ...columns, suffix].join('_');
  if (byteLength(full) <= MAX_IDENTIFIER_BYTES) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  const room = MAX_IDENTIFIER_BYTES - hash.length - suffix.length - 2;
  return `${truncateToBytes([table, ...columns].join('_'), room)}_${hash}_${suffix}`;
}

/** The longest prefix of `text` that fits in `max` UTF-8 bytes (never splitting a character). */
export function truncateToBytes(text: string, max: number): string {
  if (byteLength(text) <= max) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = byteLength(ch);
    if (used + size > max) break;
    out += ch;
    used += size;
  }
  return out;
}

/** True when PostgreSQL would truncate the identifier. */
export function isTooLong(identifier: string): boolean {
  return byteLength(identifier) > MAX_IDENTIFIER_BYTES;
}

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest candidates to `input` (case-insensitive), best first, at most `max`. */
export function suggest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const candidate of new Set(candidates)) {
    const d = distance(needle, candidate.toLowerCase());
    const threshold = Math.max(2, Math.floor(candidate.length / 3));
    const contains = needle.length >= 3 && (candidate.toLowerCase().includes(needle) || needle.includes(candidate.toLowerCase()));
    if (d <= threshold || contains) {
      scored.push([candidate, d]);
    }
  }
  return scored.sort((a, b) => a[1] - b[1] || compareStrings(a[0], b[0])).slice(0, max).map(([c]) => c);
}

/** `Did you mean "x"?` / `Did you mean "x" or "y"?`, or undefined when nothing is close. */
export function didYouMean(input: string, candidates: Iterable<string>, format = (s: string) => `"${s}"`): string | undefined {
  const found = suggest(input, candidates);
  if (!found.length) return undefined;
  const list = found.map(format);
  return `Did you mean ${list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`}?`;
}

/** Code-unit order: the same on every machine and locale (localeCompare is not). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Keywords in a policy's TO list; quoted, they would name ordinary roles called that.
const ROLE_KEYWORDS = new Set(['public', 'current_user', 'session_user']);

/** True for PUBLIC, CURRENT_USER and SESSION_USER (any case): keywords, not roles. */
export function isRoleKeyword(role: string): boolean {
  return ROLE_KEYWORDS.has(role.toLowerCase());
}
