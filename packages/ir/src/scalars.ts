/**
 * The one scalar table: how each GraphQL scalar maps to PostgreSQL, TypeScript, Zod and what
 * node-postgres returns at run time (for Kysely). Generators read it; nothing else decides.
 */
export interface ScalarMapping {
  /** PostgreSQL type as format_type() renders it. */
  readonly sql: string;
  /** TypeScript type of the value in application code (JSON-safe). */
  readonly ts: string;
  /** Zod 4 schema expression. */
  readonly zod: string;
  /** TypeScript type of what node-postgres returns for the column by default. */
  readonly runtime: string;
}

// ID and UUID use z.guid(), not z.uuid(): PostgreSQL's uuid accepts any 128-bit value in the
// 8-4-4-4-12 hex form (00000000-0000-0000-0000-000000000001 included), while z.uuid() insists on
// an RFC 9562 version and variant, and would refuse rows the database holds.
export const BUILTIN_SCALARS = {
  ID: { sql: 'uuid', ts: 'string', zod: 'z.guid()', runtime: 'string' },
  String: { sql: 'text', ts: 'string', zod: 'z.string()', runtime: 'string' },
  Int: { sql: 'integer', ts: 'number', zod: 'z.int32()', runtime: 'number' },
  Float: { sql: 'double precision', ts: 'number', zod: 'z.number()', runtime: 'number' },
  Boolean: { sql: 'boolean', ts: 'boolean', zod: 'z.boolean()', runtime: 'boolean' },
  DateTime: { sql: 'timestamp with time zone', ts: 'string', zod: 'z.iso.datetime({ offset: true })', runtime: 'Date' },
  Date: { sql: 'date', ts: 'string', zod: 'z.iso.date()', runtime: 'Date' },
  Time: { sql: 'time without time zone', ts: 'string', zod: 'z.iso.time()', runtime: 'string' },
  JSON: { sql: 'jsonb', ts: 'JsonValue', zod: 'jsonValueSchema', runtime: 'JsonValue' },
  UUID: { sql: 'uuid', ts: 'string', zod: 'z.guid()', runtime: 'string' },
  BigInt: { sql: 'bigint', ts: 'string', zod: 'z.string().regex(/^-?\\d+$/)', runtime: 'string' },
  Decimal: { sql: 'numeric', ts: 'string', zod: 'z.string().regex(/^-?\\d+(\\.\\d+)?$/)', runtime: 'string' },
  Bytes: { sql: 'bytea', ts: 'string', zod: 'z.base64()', runtime: 'Buffer' },
} as const satisfies Record<string, ScalarMapping>;

export type BuiltinScalar = keyof typeof BUILTIN_SCALARS;

/** A custom scalar's mapping, from config (`scalars: { Email: { sql: 'text' } }`). */
export interface CustomScalarConfig {
  readonly sql: string;
  readonly ts?: string;
  readonly zod?: string;
  readonly runtime?: string;
}

export function isBuiltinScalar(name: string): name is BuiltinScalar {
  return Object.hasOwn(BUILTIN_SCALARS, name);
}
