import type { Volatility } from '../types.js';
import { checkFragment, nameParts, parseSql, walkNodes, type PgNode } from './parse-sql.js';

/** Where an expression is used decides what it may contain. */
export type ExpressionContext = 'default' | 'generated' | 'check' | 'predicate' | 'policy';

export interface ExpressionInfo {
  readonly sql: string;
  readonly volatility: Volatility;
  /** Functions called, lower-case, unqualified (`now`, `gen_random_uuid`). */
  readonly functions: readonly string[];
  /** Column names referenced. */
  readonly columns: readonly string[];
  readonly hasSubquery: boolean;
  /** CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_USER, ...: stable SQL value functions. */
  readonly hasValueFunction: boolean;
  /** The oldest server that knows the syntax and functions used (SQL/JSON: 16, uuidv7(): 18). */
  readonly minimumServerVersion: number;
}

export type ExpressionOutcome =
  | { readonly ok: true; readonly info: ExpressionInfo }
  | { readonly ok: false; readonly message: string; readonly expected: string; readonly position: number | null };

// Volatility of the functions people put in defaults; anything not listed counts as volatile,
// which is the safe assumption for a migration planner (it never claims "instant" wrongly).
const STABLE = new Set([
  'now', 'transaction_timestamp', 'statement_timestamp', 'current_setting', 'to_char', 'to_timestamp', 'age',
  'current_schema', 'current_database', 'jwt_claim', 'pg_backend_pid', 'inet_client_addr', 'current_user',
]);
const VOLATILE = new Set([
  'random', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'clock_timestamp',
  'timeofday', 'nextval', 'setval', 'txid_current', 'gen_random_bytes', 'gen_salt', 'crypt', 'uuidv7', 'uuidv4',
]);
const IMMUTABLE = new Set([
  'lower', 'upper', 'length', 'char_length', 'character_length', 'octet_length', 'abs', 'round', 'floor', 'ceil',
  'trim', 'btrim', 'ltrim', 'rtrim', 'substring', 'substr', 'replace', 'concat_ws', 'md5', 'sha256', 'left', 'right',
  'coalesce', 'nullif', 'greatest', 'least', 'array_length', 'cardinality', 'jsonb_typeof', 'jsonb_build_object',
  'jsonb_build_array', 'json_build_object', 'to_jsonb', 'position', 'strpos', 'regexp_replace', 'split_part',
  'array_position', 'num_nonnulls', 'num_nulls', 'lpad', 'rpad', 'initcap', 'reverse', 'starts_with', 'mod',
  'power', 'sqrt', 'sign', 'trunc', 'date_part', 'extract', 'make_date', 'jsonb_array_length', 'array_to_string',
  'string_to_array', 'regexp_match', 'textlen', 'bit_length', 'repeat', 'format', 'quote_ident', 'quote_literal', 'timezone',
]);
const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'array_agg', 'string_agg', 'bool_and', 'bool_or', 'every', 'json_agg', 'jsonb_agg', 'json_object_agg', 'jsonb_object_agg', 'stddev', 'variance']);
const SET_RETURNING = new Set(['generate_series', 'unnest', 'jsonb_array_elements', 'json_array_elements', 'jsonb_each', 'json_each', 'regexp_matches', 'jsonb_object_keys', 'generate_subscripts']);
/** Built-in functions newer than PostgreSQL 11, by the server_version_num that added them. */
const NEWER_FUNCTIONS: Readonly<Record<string, number>> = { gen_random_uuid: 110000, uuidv7: 180000, uuidv4: 180000, casefold: 180000, any_value: 160000, trim_array: 140000, bit_count: 140000, unistr: 130000 };
// SQLValueFunction ops: CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIME, CURRENT_USER, ... are stable.
const RANK: Record<Volatility, number> = { constant: 0, immutable: 1, stable: 2, volatile: 3 };

/** True for the functions whose volatility this module knows (the rest count as volatile). */
export function isKnownFunction(name: string): boolean {
  return VOLATILE.has(name) || STABLE.has(name) || IMMUTABLE.has(name);
}

/** The volatility of one function, by name (unknown functions: volatile). */
export function functionVolatility(name: string): Volatility {
  if (VOLATILE.has(name)) return 'volatile';
  if (STABLE.has(name)) return 'stable';
  if (IMMUTABLE.has(name)) return 'immutable';
  return 'volatile';
}

const CLAUSES_THAT_MAKE_IT_A_QUERY = ['fromClause', 'whereClause', 'groupClause', 'havingClause', 'windowClause', 'sortClause', 'limitCount', 'limitOffset', 'distinctClause', 'withClause', 'valuesLists', 'intoClause', 'lockingClause'];

/**
 * Parses one SQL expression (wrapped as `SELECT (expr)` so nothing can escape it), classifies its
 * volatility and checks it fits where it is used: defaults may not read columns or run
 * subqueries; checks and generated columns may not run subqueries either.
 */
export function analyzeExpression(text: string, context: ExpressionContext): ExpressionOutcome {
  // Schemas repeat the same few expressions (now(), gen_random_uuid(), ...): parse each once.
  const key = `${context}\u0000${text}`;
  let outcome = analyzed.get(key);
  if (!outcome) {
    outcome = analyzeUncached(text, context);
    if (analyzed.size > 10_000) analyzed.clear();
    analyzed.set(key, outcome);
  }
  return outcome;
}

const analyzed = new Map<string, ExpressionOutcome>();

function analyzeUncached(text: string, context: ExpressionContext): ExpressionOutcome {
  const expected = 'a single SQL expression';
  if (!text.trim()) return { ok: false, message: 'The SQL expression is empty.', expected, position: null };
  const fragment = checkFragment(text);
  if (!fragment.ok) return { ok: false, message: `Invalid SQL expression: ${fragment.message}.`, expected, position: null };
  const trimmed = fragment.sql;
  const prefix = 'SELECT (';
  const parsed = parseSql(`${prefix}${trimmed}\n)`);
  if (!parsed.ok) {
    const position = parsed.position === null ? null : Math.max(0, parsed.position - prefix.length);
    // The parser saw our wrapper too: describe the problem in terms of what the user wrote.
    const message = position === null
      ? `Invalid SQL expression: ${parsed.message}.`
      : position >= trimmed.length
        ? 'Invalid SQL expression: it ends too early (an unfinished operator, call or parenthesis).'
        : `Invalid SQL expression: syntax error at character ${position + 1}, near "${trimmed.slice(position, position + 20)}".`;
    return { ok: false, message, expected, position: position === null ? null : Math.min(position, trimmed.length) };
  }
  const select = parsed.stmts.length === 1 ? (parsed.stmts[0]!.SelectStmt as Record<string, unknown> | undefined) : undefined;
  const targets = select?.targetList as PgNode[] | undefined;
  if (!select || targets?.length !== 1 || CLAUSES_THAT_MAKE_IT_A_QUERY.some((c) => select[c] !== undefined)) {
    return { ok: false, message: 'This is not a single SQL expression.', expected, position: null };
  }
  const functions = new Set<string>();
  const columns = new Set<string>();
  let volatility: Volatility = 'constant';
  let hasSubquery = false;
  let hasValueFunction = false;
  let minimumServerVersion = 110000;
  let params = false;
  const raise = (v: Volatility) => {
    if (RANK[v] > RANK[volatility]) volatility = v;
  };
  walkNodes(targets, (type, node) => {
    if (type.startsWith('Json')) minimumServerVersion = Math.max(minimumServerVersion, 160000); // SQL/JSON syntax
    if (type === 'FuncCall') {
      const name = nameParts(node.funcname).at(-1)!.toLowerCase();
      functions.add(name);
      raise(functionVolatility(name));
      minimumServerVersion = Math.max(minimumServerVersion, NEWER_FUNCTIONS[name] ?? 110000);
    } else if (type === 'SQLValueFunction') {
      hasValueFunction = true;
      raise('stable');
    } else if (type === 'ColumnRef') {
      const parts = nameParts(node.fields).filter(Boolean);
      if (parts.length) columns.add(parts.at(-1)!);
      raise('immutable');
    } else if (type === 'ParamRef') {
      params = true;
    } else if (type === 'SubLink') {
      hasSubquery = true;
      raise('volatile');
    }
  });
  if (params) return { ok: false, message: 'Invalid SQL expression: it contains a $n parameter, which DDL cannot take.', expected, position: null };
  if (context === 'default' || context === 'generated' || context === 'check') {
    if (hasSubquery) {
      return { ok: false, message: `A ${context === 'check' ? 'CHECK constraint' : context === 'generated' ? 'generated column' : 'default'} cannot contain a subquery.`, expected: 'an expression without SELECT', position: null };
    }
  }
  const aggregate = [...functions].find((f) => AGGREGATES.has(f));
  const setReturning = [...functions].find((f) => SET_RETURNING.has(f));
  if (context !== 'policy' && (aggregate || setReturning)) {
    return { ok: false, message: `${aggregate ? `The aggregate ${aggregate}()` : `The set-returning function ${setReturning}()`} cannot be used here: a ${context} is computed for one row.`, expected: 'an expression over one row', position: null };
  }
  if (context === 'predicate') {
    const unstable = [...functions].filter((f) => isKnownFunction(f) && functionVolatility(f) !== 'immutable');
    if (unstable.length || hasValueFunction) {
      return { ok: false, message: `An index predicate must be immutable, but it uses ${unstable.length ? unstable.map((f) => `${f}()`).join(', ') : 'CURRENT_TIMESTAMP-style values'}.`, expected: 'a condition that depends only on the row', position: null };
    }
  }
  if (context === 'default' && columns.size > 0) {
    return {
      ok: false,
      message: `A default cannot refer to columns (${[...columns].join(', ')}).`,
      expected: 'a constant or a function call such as now()',
      position: null,
    };
  }
  return { ok: true, info: { sql: trimmed, volatility, functions: [...functions].sort(), columns: [...columns].sort(), hasSubquery, hasValueFunction, minimumServerVersion } };
}

/** Extensions that provide functions an expression calls (created by the generated SQL). */
export function extensionsFor(functions: Iterable<string>): string[] {
  const needed = new Set<string>();
  for (const fn of functions) {
    if (['gen_random_bytes', 'gen_salt', 'crypt', 'digest', 'hmac', 'pgp_sym_encrypt', 'pgp_sym_decrypt'].includes(fn)) needed.add('pgcrypto');
    // gen_random_uuid() is built in from PostgreSQL 13; pgcrypto provides it on 11 and 12.
    if (fn === 'gen_random_uuid') needed.add('pgcrypto');
    if (fn.startsWith('uuid_generate_')) needed.add('uuid-ossp');
  }
  return [...needed].sort();
}
