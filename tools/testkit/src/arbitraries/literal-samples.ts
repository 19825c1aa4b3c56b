import type { JsonLiteral, ScalarName } from './schema-model.js';

// Defaults that are valid for each built-in scalar, chosen to hit quoting and parsing edges:
// quotes, backslashes, dollar signs, non-ASCII, numbers written as strings, negative numbers
// (which the compiler quotes), exponents, infinity, JSON given as text and as GraphQL objects.
export const VALUE_SAMPLES: Readonly<Record<ScalarName, readonly JsonLiteral[]>> = {
  ID: ['00000000-0000-0000-0000-000000000000', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'],
  UUID: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '00000000-0000-0000-0000-000000000000'],
  String: ['hello', '', "it's", 'say "hi"', 'back\\slash', 'naïve café', 'NULL', 'now()', '$$x$$', 'two\nlines'],
  Int: [0, 1, 42, -7, 2147483647, '12'],
  Float: [0, 0.5, -2.25, 0.001, 1e21, '3.14'],
  Boolean: [true, false, 'yes', 'off'],
  DateTime: ['2026-01-01T00:00:00Z', '2025-06-30 12:34:56.123456+02:00', 'infinity', '2024-02-29'],
  Date: ['2026-01-01', '2024-02-29', '-infinity'],
  JSON: [{}, [], { a: 1, nested: { b: [1, 'x', null] } }, '{"k": [true]}', 42, '"text"'],
  BigInt: [0, '9223372036854775807', -1, '9007199254740993'],
  Decimal: [0, '12.50', '-0.5', 1.5, '1e10'],
};

/**
 * Number literals written bare in the SDL that a JavaScript number cannot hold exactly: the
 * column type can, so the default must keep every digit.
 */
export const NUMBER_LITERAL_SAMPLES: Readonly<Partial<Record<ScalarName, readonly string[]>>> = {
  BigInt: ['9007199254740993', '-9223372036854775808'],
  Decimal: ['12345678901234567890.5', '0.1000000000000000000001'],
};

/** `@default(expr:)` candidates: constant, stable and volatile expressions the compiler accepts. */
export const EXPR_SAMPLES: Readonly<Record<ScalarName, readonly string[]>> = {
  ID: ['gen_random_uuid()'],
  UUID: ['gen_random_uuid()', "'00000000-0000-0000-0000-000000000000'::uuid"],
  String: ["'n/a'", "''", "upper('x')", "'it''s'"],
  Int: ['0', '42', '(1 + 2)', '-1'],
  Float: ['0', '0.5', 'pi()'],
  Boolean: ['true', 'false'],
  DateTime: ['now()', 'CURRENT_TIMESTAMP', 'clock_timestamp()', "'epoch'::timestamptz"],
  Date: ['CURRENT_DATE', "'2026-01-01'::date"],
  JSON: ["'{}'::jsonb", "jsonb_build_object('a', 1)"],
  BigInt: ['0', '9007199254740993'],
  Decimal: ['0', '0.01'],
};

export const NUMERIC_SCALARS: ReadonlySet<ScalarName> = new Set(['Int', 'Float', 'BigInt', 'Decimal']);

/** The number a numeric default stands for (NaN when it is not a plain number). */
function numberOf(sample: JsonLiteral | string): number {
  return Number(typeof sample === 'string' ? sample.replace(/^\((.*)\)$/, '$1') : sample);
}

/** The length of a string default as PostgreSQL counts it (characters). */
function textLength(sample: JsonLiteral | string, expr: boolean): number {
  if (typeof sample !== 'string') return 0;
  if (!expr) return [...sample].length;
  const quoted = /^'((?:[^']|'')*)'$/.exec(sample);
  if (quoted) return [...quoted[1]!.replaceAll("''", "'")].length;
  return sample === "upper('x')" ? 1 : Number.POSITIVE_INFINITY;
}

export interface SampleConstraints {
  /** A `>= 0` check on the column: no negative defaults. */
  readonly nonNegative?: boolean;
  /** A `char_length(...) > 0` check on the column: no empty strings. */
  readonly nonEmpty?: boolean;
  /** varchar(N) / char(N): at most N characters. */
  readonly maxLength?: number;
  /** smallint and friends: the value range. */
  readonly range?: readonly [number, number];
  /** numeric(p,s): at most p - s digits before the point. */
  readonly integerDigits?: number;
}

export interface ColumnTypeSample {
  /** As written in `@column(type:)`. */
  readonly type: string;
  /** What a default must satisfy to fit it. */
  readonly fits: SampleConstraints;
}

/** `@column(type:)` overrides per scalar, written the ways people write them (aliases included). */
export const COLUMN_TYPES: Readonly<Partial<Record<ScalarName, readonly ColumnTypeSample[]>>> = {
  String: [
    { type: 'varchar(12)', fits: { maxLength: 12 } }, { type: 'varchar(1)', fits: { maxLength: 1 } }, { type: 'varchar(255)', fits: { maxLength: 255 } },
    { type: 'char(12)', fits: { maxLength: 12 } }, { type: 'citext', fits: {} },
  ],
  Int: [{ type: 'smallint', fits: { range: [-32768, 32767] } }],
  BigInt: [{ type: 'int8', fits: {} }],
  Float: [{ type: 'real', fits: {} }],
  Decimal: [{ type: 'numeric(12,2)', fits: { integerDigits: 10 } }, { type: 'decimal', fits: {} }],
  DateTime: [{ type: 'timestamp', fits: {} }, { type: 'timestamptz(3)', fits: {} }],
};

/** Whether a default (a value, or the text of an expression) satisfies the column's check and length. */
export function sampleFits(scalar: ScalarName, sample: JsonLiteral, expr: boolean, c: SampleConstraints): boolean {
  if (NUMERIC_SCALARS.has(scalar)) {
    const n = numberOf(sample);
    if (c.nonNegative && !(n >= 0)) return false;
    if (c.range && !(n >= c.range[0] && n <= c.range[1])) return false;
    if (c.integerDigits !== undefined && !(Number.isFinite(n) && Math.abs(n) < 10 ** c.integerDigits)) return false;
  }
  if (scalar === 'String') {
    const length = textLength(sample, expr);
    if (c.nonEmpty && length === 0) return false;
    if (c.maxLength !== undefined && length > c.maxLength) return false;
  }
  return true;
}
