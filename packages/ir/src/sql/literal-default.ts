import { didYouMean, quoteLiteral } from '../naming.js';
import type { JsonValue } from '../types.js';

/** What a literal is checked against: the column's base type, modifiers, array-ness and enum values. */
export interface LiteralTarget {
  readonly base: string;
  readonly rendered: string;
  readonly modifiers: readonly number[];
  readonly array: boolean;
  readonly enumValues?: readonly string[];
  /** The enum's GraphQL name, for messages. */
  readonly enumName?: string;
}

export type LiteralOutcome =
  | { readonly ok: true; readonly sql: string; readonly value: JsonValue }
  | { readonly ok: false; readonly message: string; readonly expected: string; readonly hint?: string };

const INT_RANGES: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN_WORDS: Record<string, boolean> = { true: true, t: true, yes: true, y: true, on: true, '1': true, false: false, f: false, no: false, n: false, off: false, '0': false };
const CLOCK_WORDS = new Set(['now', 'today', 'tomorrow', 'yesterday', 'current_timestamp', 'now()', 'current_date', 'localtimestamp']);

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const fail = (message: string, expected: string, hint?: string): LiteralOutcome => ({ ok: false, message, expected, ...(hint ? { hint } : {}) });

function scalarLiteral(value: JsonValue, t: LiteralTarget): LiteralOutcome {
  const show = JSON.stringify(value);
  if (value === null) return fail('A default of null is what a nullable column has anyway.', 'a value', 'Remove @default.');
  if (t.enumValues) {
    if (typeof value === 'string' && t.enumValues.includes(value)) return { ok: true, sql: quoteLiteral(value), value };
    const near = typeof value === 'string' ? didYouMean(value, t.enumValues, (v) => v) : undefined;
    return fail(`${show} is not a value of the enum ${t.enumName ?? t.rendered}.`, `one of ${t.enumValues.join(', ')}`, near);
  }
  const base = t.base;
  if (INT_RANGES[base]) {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    if (!/^[+-]?\d+$/.test(text)) return fail(`${show} is not an integer.`, `an integer (${base})`);
    const [lo, hi] = INT_RANGES[base]!;
    const n = BigInt(text);
    if (n < lo || n > hi) return fail(`${show} is out of range for ${base}.`, `an integer from ${lo} to ${hi}`);
    return { ok: true, sql: n.toString(), value: typeof value === 'number' ? value : text };
  }
  if (base === 'real' || base === 'double precision' || base === 'numeric') {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    if (/^(nan|[+-]?infinity)$/i.test(text) && (base !== 'numeric' || /^nan$/i.test(text))) return { ok: true, sql: quoteLiteral(text), value };
    if (!DECIMAL.test(text)) return fail(`${show} is not a number.`, `a number (${t.rendered})`);
    if (base === 'numeric' && t.modifiers.length) {
      const [precision, scale = 0] = t.modifiers as [number, number?];
      const [mantissa = '', exponent = '0'] = text.replace(/^[+-]/, '').toLowerCase().split('e');
      const [intPart = '', fraction = ''] = mantissa.split('.');
      // Digits before the point once the exponent is applied (1.5e3 -> 4, 0.01e1 -> 0).
      const all = intPart + fraction;
      const leadingZeros = all.length - all.replace(/^0+/, '').length;
      const intDigits = all.replace(/0/g, '') ? Math.max(0, intPart.length + Number(exponent) - leadingZeros) : 0;
      if (intDigits > precision - scale) return fail(`${show} does not fit ${t.rendered}.`, `at most ${precision - scale} digits before the decimal point`);
    }
    return { ok: true, sql: text.startsWith('-') || /[eE]/.test(text) ? quoteLiteral(text) : text, value };
  }
  if (base === 'boolean') {
    const word = typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : '';
    if (!(word in BOOLEAN_WORDS)) return fail(`${show} is not a boolean.`, 'true or false');
    return { ok: true, sql: String(BOOLEAN_WORDS[word]), value: BOOLEAN_WORDS[word]! };
  }
  if (base === 'jsonb' || base === 'json') {
    let json: string;
    if (typeof value === 'string') {
      try {
        JSON.parse(value);
        json = value;
      } catch {
        return fail(`${show} is not a JSON document.`, 'a JSON document as a string, or a GraphQL object, list, number or boolean', 'To default to the JSON string "x", write value: "\\"x\\"".');
      }
    } else {
      json = JSON.stringify(value);
    }
    return { ok: true, sql: `${quoteLiteral(json)}::${base}`, value };
  }
  if (typeof value !== 'string') return fail(`${show} is not a string.`, `a string literal of type ${t.rendered}`);
  if (value.includes('\u0000')) return fail(`${show} contains a NUL character, which PostgreSQL text cannot hold.`, 'a string without \\u0000');
  const clockHint = 'A literal like this is frozen when the DDL runs. Use @default(expr: "now()") for the current time.';
  switch (base) {
    case 'uuid':
      return UUID.test(value) ? { ok: true, sql: quoteLiteral(value.toLowerCase()), value } : fail(`${show} is not a UUID.`, 'a UUID such as "00000000-0000-0000-0000-000000000000"', 'For a generated id use @default(expr: "gen_random_uuid()").');
    case 'date':
      if (CLOCK_WORDS.has(value.toLowerCase())) return fail(`${show} is not a date literal.`, 'a date YYYY-MM-DD', 'Use @default(expr: "CURRENT_DATE") for today.');
      return validDate(value) || /^-?infinity$/i.test(value) ? { ok: true, sql: quoteLiteral(value), value } : fail(`${show} is not a date.`, 'a date YYYY-MM-DD');
    case 'timestamp with time zone':
    case 'timestamp without time zone': {
      if (CLOCK_WORDS.has(value.toLowerCase())) return fail(`${show} is not a timestamp literal.`, 'an ISO 8601 timestamp such as "2026-01-01T00:00:00Z"', clockHint);
      const m = TIMESTAMP.exec(value);
      return (m && validDate(m[1]!)) || /^-?infinity$/i.test(value) ? { ok: true, sql: quoteLiteral(value), value } : fail(`${show} is not a timestamp.`, 'an ISO 8601 timestamp such as "2026-01-01T00:00:00Z"', /\(\)/.test(value) ? clockHint : undefined);
    }
    case 'time without time zone':
    case 'time with time zone':
      return TIME.test(value) ? { ok: true, sql: quoteLiteral(value), value } : fail(`${show} is not a time.`, 'a time HH:MM[:SS]', CLOCK_WORDS.has(value.toLowerCase()) ? 'Use @default(expr: "LOCALTIME").' : undefined);
    case 'bytea':
      return /^\\x([0-9a-f]{2})*$/i.test(value) ? { ok: true, sql: quoteLiteral(value), value } : fail(`${show} is not a bytea literal.`, 'hex bytes such as "\\\\xdeadbeef"');
    case 'character varying':
    case 'character': {
      const max = t.modifiers[0];
      if (max !== undefined && [...value].length > max) return fail(`${show} is longer than ${max} characters.`, `at most ${max} characters (${t.rendered})`);
      return { ok: true, sql: quoteLiteral(value), value };
    }
    default:
      // text, and types whose literal syntax we do not model (inet, interval, ...): PostgreSQL
      // checks them when the DDL runs.
      return { ok: true, sql: quoteLiteral(value), value };
  }
}

/** Checks a literal default against the column type and renders it as SQL. */
export function literalDefault(value: JsonValue, target: LiteralTarget): LiteralOutcome {
  if (!target.array) return scalarLiteral(value, target);
  if (!Array.isArray(value)) return fail(`${JSON.stringify(value)} is not a list.`, `a list for the array column ${target.rendered}`);
  const element = { ...target, array: false, rendered: target.rendered.replace(/\[\]$/, '') };
  const parts: string[] = [];
  for (const item of value as JsonValue[]) {
    const outcome = scalarLiteral(item, element);
    if (!outcome.ok) return outcome;
    parts.push(outcome.sql);
  }
  return { ok: true, sql: parts.length ? `ARRAY[${parts.join(', ')}]::${target.rendered}` : `'{}'::${target.rendered}`, value };
}
