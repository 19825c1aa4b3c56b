import { qualifiedName, quoteIdent } from '../naming.js';
import { nameParts, parseSql, type PgNode } from './parse-sql.js';

/** A PostgreSQL type, parsed and rendered the way `format_type()` renders it. */
export interface SqlTypeInfo {
  /** `character varying(320)`, `numeric(12,2)`, `text[]`, `"public"."role"` */
  readonly rendered: string;
  /** Base type without modifiers or array brackets: `character varying`, `numeric`, `text`. */
  readonly base: string;
  readonly modifiers: readonly number[];
  readonly array: boolean;
  /** For a user-defined (schema-qualified or unknown) type: its schema and name. */
  readonly userDefined?: { readonly schema: string | null; readonly name: string };
}

// Internal and alias names -> format_type()'s names.
const CANONICAL: Record<string, string> = {
  int2: 'smallint', smallint: 'smallint',
  int4: 'integer', int: 'integer', integer: 'integer',
  int8: 'bigint', bigint: 'bigint',
  float4: 'real', real: 'real',
  float8: 'double precision', 'double precision': 'double precision',
  bool: 'boolean', boolean: 'boolean',
  varchar: 'character varying', 'character varying': 'character varying',
  bpchar: 'character', character: 'character',
  text: 'text', name: 'name', citext: 'citext',
  numeric: 'numeric', decimal: 'numeric',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  timetz: 'time with time zone',
  time: 'time without time zone',
  date: 'date', interval: 'interval',
  uuid: 'uuid', json: 'json', jsonb: 'jsonb', bytea: 'bytea',
  inet: 'inet', cidr: 'cidr', macaddr: 'macaddr', money: 'money', xml: 'xml', tsvector: 'tsvector',
  bit: 'bit', varbit: 'bit varying', oid: 'oid', point: 'point', int4range: 'int4range', int8range: 'int8range',
  numrange: 'numrange', tstzrange: 'tstzrange', tsrange: 'tsrange', daterange: 'daterange', hstore: 'hstore',
};

/** Types that need an extension installed first. */
export const EXTENSION_TYPES: Readonly<Record<string, string>> = { citext: 'citext', hstore: 'hstore' };

const PSEUDO = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

export type SqlTypeOutcome =
  | { readonly ok: true; readonly type: SqlTypeInfo }
  | { readonly ok: false; readonly message: string; readonly hint: string };

function renderWithModifiers(base: string, mods: readonly number[]): string {
  if (!mods.length) return base;
  if (base === 'timestamp with time zone') return `timestamp(${mods[0]}) with time zone`;
  if (base === 'timestamp without time zone') return `timestamp(${mods[0]}) without time zone`;
  if (base === 'time with time zone') return `time(${mods[0]}) with time zone`;
  if (base === 'time without time zone') return `time(${mods[0]}) without time zone`;
  if (base === 'numeric' && mods.length === 1) return `numeric(${mods[0]},0)`;
  return `${base}(${mods.join(',')})`;
}

/** Parses a type as written in `@column(type: ...)` with the PostgreSQL parser and normalises it. */
export function parseSqlType(text: string): SqlTypeOutcome {
  let outcome = parsedTypes.get(text);
  if (!outcome) {
    outcome = parseUncached(text);
    if (parsedTypes.size > 10_000) parsedTypes.clear();
    parsedTypes.set(text, outcome);
  }
  return outcome;
}

const parsedTypes = new Map<string, SqlTypeOutcome>();

function parseUncached(text: string): SqlTypeOutcome {
  const hint = 'Write a PostgreSQL type such as "varchar(320)", "numeric(12,2)", "timestamptz" or "text[]".';
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: 'The type is empty.', hint };
  if (PSEUDO.has(trimmed.toLowerCase())) {
    return { ok: false, message: `"${trimmed}" is not a real column type (it creates a sequence behind your back).`, hint: 'Use an integer field with @identity instead of serial.' };
  }
  const parsed = parseSql(`SELECT NULL::${trimmed}`);
  const typeName = parsed.ok
    ? ((((parsed.stmts[0]?.SelectStmt as PgNode | undefined)?.targetList as PgNode[] | undefined)?.[0]?.ResTarget as PgNode | undefined)?.val as PgNode | undefined)?.TypeCast
    : undefined;
  const node = (typeName as { typeName?: PgNode } | undefined)?.typeName;
  if (!parsed.ok || !node || parsed.stmts.length !== 1) {
    return { ok: false, message: `"${trimmed}" is not a PostgreSQL type${parsed.ok ? '' : ` (${parsed.message})`}.`, hint };
  }
  if (node.setof) return { ok: false, message: `"${trimmed}" is a set, not a column type.`, hint };
  const names = nameParts(node.names);
  const mods = ((node.typmods as PgNode[] | undefined) ?? []).map((m) => {
    const ival = ((m.A_Const as PgNode | undefined)?.ival as { ival?: number } | undefined);
    return ival ? (ival.ival ?? 0) : Number.NaN;
  });
  if (mods.some(Number.isNaN)) return { ok: false, message: `The modifiers of "${trimmed}" must be integers.`, hint };
  const array = Array.isArray(node.arrayBounds) && node.arrayBounds.length > 0;
  const isCatalog = names.length === 2 && names[0] === 'pg_catalog';
  // The parser lower-cases unquoted names; a quoted "Text" stays "Text" and is a different type.
  const bare = names.at(-1)!;
  const canonical = (names.length === 1 || isCatalog) ? CANONICAL[bare] : undefined;
  if (canonical === 'interval' && mods.length) {
    return { ok: false, message: `"${trimmed}": interval fields and precision are not supported.`, hint: 'Use plain "interval".' };
  }
  if (canonical) {
    const rendered = renderWithModifiers(canonical, mods);
    return { ok: true, type: { rendered: array ? `${rendered}[]` : rendered, base: canonical, modifiers: mods, array } };
  }
  if (mods.length) {
    return { ok: false, message: `"${trimmed}": modifiers on the type ${names.join('.')} cannot be checked.`, hint: 'Drop the modifiers, or use a built-in type such as varchar(n) or numeric(p,s).' };
  }
  const schema = names.length > 1 ? names[0]! : null;
  const name = names.at(-1)!;
  const base = schema ? qualifiedName(schema, name) : quoteIdent(name);
  return { ok: true, type: { rendered: array ? `${base}[]` : base, base, modifiers: mods, array, userDefined: { schema, name } } };
}
