// What node-postgres (pg-types 2.x default text parsers) returns for each PostgreSQL type, and what
// it accepts as a parameter. The source of truth is pg-types' `lib/textParsers.js`: a type without
// a registered parser comes back as the raw text PostgreSQL sends.

/** The three sides of a Kysely column: what a select returns, what insert and update accept. */
export interface RuntimeType {
  readonly select: string;
  readonly insert: string;
  readonly update: string;
  /** Set when node-postgres returns the raw array literal text (`'{a,b}'`) instead of an array. */
  readonly rawArray?: boolean;
}

/** Helper types a column type can mention; the file declares only those it uses. */
export type HelperName = 'JsonValue' | 'JsonInput' | 'PostgresInterval' | 'PostgresPoint';

const same = (type: string): RuntimeType => ({ select: type, insert: type, update: type });
const accepting = (select: string, input: string): RuntimeType => ({ select, insert: input, update: input });

const DATE = accepting('Date', 'Date | string');

/** Types node-postgres parses the same way alone and as array elements. */
const PARSED: Readonly<Record<string, RuntimeType>> = {
  smallint: same('number'),
  integer: same('number'),
  oid: same('number'),
  bigint: accepting('string', 'string | number | bigint'),
  real: same('number'),
  'double precision': same('number'),
  boolean: same('boolean'),
  bytea: same('Buffer'),
  date: DATE,
  'timestamp without time zone': DATE,
  'timestamp with time zone': DATE,
  json: accepting('JsonValue', 'JsonInput'),
  jsonb: accepting('JsonValue', 'JsonInput'),
  interval: accepting('PostgresInterval', 'string'),
  point: accepting('PostgresPoint', 'string'),
};

/** Scalars node-postgres parses; every other scalar type arrives as a string. */
const SCALARS: Readonly<Record<string, RuntimeType>> = { ...PARSED, numeric: accepting('string', 'string | number') };

/** Array element types node-postgres parses into JS arrays; other arrays arrive as literal text. */
const ARRAY_ELEMENTS: Readonly<Record<string, RuntimeType>> = {
  ...PARSED,
  // pg-types parses numeric[] with parseFloat: the elements are numbers and may lose precision.
  numeric: accepting('number', 'string | number'),
  ...Object.fromEntries(
    ['character', 'character varying', 'text', 'uuid', 'macaddr', 'inet', 'cidr', 'money', 'numrange', 'time without time zone', 'time with time zone'].map(
      (type) => [type, same('string')],
    ),
  ),
};

/** `character varying(320)[]` -> `{ base: 'character varying', array: true }`. */
export function splitSqlType(type: string): { readonly base: string; readonly array: boolean } {
  const array = type.endsWith('[]');
  const base = type.replace(/(\[\d*\])+$/, '').replace(/\(\d+(,\s*\d+)?\)/g, '').replace(/\s+/g, ' ').trim();
  return { base, array };
}

const withNull = (type: string, nullable: boolean) => (nullable ? `${type} | null` : type);
const arrayOf = (element: string) => (/^[\w.]+$/.test(element) ? `${element}[]` : `(${element})[]`);

/**
 * The runtime type of a column. `enumType` is the union type's name when the base type is one of
 * the schema's enums; `elementNullable` says whether array elements may be null.
 */
export function runtimeType(type: string, enumType: string | null, elementNullable: boolean): RuntimeType {
  const { base, array } = splitSqlType(type);
  if (!array) return enumType ? same(enumType) : (SCALARS[base] ?? same('string'));
  const element = enumType ? undefined : ARRAY_ELEMENTS[base];
  if (!element) {
    // No array parser for this element type (enums, citext, tsvector, ...): the raw literal text.
    const input = arrayOf(withNull(enumType ?? 'string', elementNullable));
    return { select: 'string', insert: `${input} | string`, update: `${input} | string`, rawArray: true };
  }
  return {
    select: arrayOf(withNull(element.select, elementNullable)),
    insert: arrayOf(withNull(element.insert, elementNullable)),
    update: arrayOf(withNull(element.update, elementNullable)),
  };
}
