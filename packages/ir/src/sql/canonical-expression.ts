// Canonical forms of SQL expressions, so that the text a user wrote in the SDL and the text
// PostgreSQL renders back from its catalog (pg_get_expr, pg_get_constraintdef) compare equal when
// they mean the same. Both go through the real parser; the parse trees are then normalised for
// what the server adds when it stores an expression: casts on literals (`'a'::text`,
// `(0)::double precision`), implicit casts of columns to text (`(email)::text`), `IN (...)` as
// `= ANY (ARRAY[...])`, BETWEEN as two comparisons, nested AND/OR, `pg_catalog.` and `public.`
// qualifiers, output aliases in scalar subqueries, and the output form of json and uuid literals.
import { createHash } from 'node:crypto';
import { WesleyError } from '../errors.js';
import { canonicalJson } from '../canonical-json.js';
import { parseSql, type PgNode } from './parse-sql.js';

const IGNORED_KEYS = new Set(['location', 'stmt_location', 'stmt_len', 'rexpr_list_start', 'rexpr_list_end', 'list_start', 'list_end', 'funcformat']);
const IMPLICIT_QUALIFIERS = new Set(['pg_catalog', 'public']);
const NUMERIC_TYPES = new Set(['int2', 'int4', 'int8', 'smallint', 'integer', 'bigint', 'numeric', 'decimal', 'float4', 'float8', 'real', 'double precision']);
// The server adds `(column)::text` where a text function or operator takes a varchar column.
const TEXT_TYPES = new Set(['text', 'varchar']);
const INTEGER_TYPES = new Set(['int2', 'int4', 'int8', 'smallint', 'integer', 'bigint']);
// jsonb only: plain json keeps its text as written (key order, spacing, duplicate keys).
const JSON_TYPES = new Set(['jsonb']);

type Canon = null | boolean | number | string | Canon[] | { [key: string]: Canon };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The last name of a qualified name list with its modifiers (`pg_catalog.numeric` (3,1) ->
 * `numeric(3,1)`), and `[]` for an array type.
 */
function typeNameOf(typeName: unknown): string {
  const names = (isObject(typeName) && Array.isArray(typeName.names) ? typeName.names : []) as Array<{ String?: { sval?: string } }>;
  const parts = names.map((n) => n.String?.sval ?? '');
  const typmods = isObject(typeName) && Array.isArray(typeName.typmods) ? typeName.typmods.map((m) => canonicalJson(canonicalNode(m))) : [];
  const arrayBounds = isObject(typeName) && Array.isArray(typeName.arrayBounds) && typeName.arrayBounds.length > 0;
  return `${parts[parts.length - 1] ?? ''}${typmods.length ? `(${typmods.join(',')})` : ''}${arrayBounds ? '[]' : ''}`;
}

/** A number written as text, in one spelling: `007` -> `7`, `1e21` -> `1e+21`; other text unchanged. */
function normalizeNumber(text: string): string {
  const t = text.trim().replace(/^\+/, '');
  if (/^-?\d+$/.test(t)) return BigInt(t).toString();
  if (/e/i.test(t) && Number.isFinite(Number(t))) return String(Number(t));
  return t;
}

/** A constant's value: `{ n }` numbers, `{ s }` strings, `{ b }` booleans, `{ null: true }`. */
function constOf(node: Record<string, unknown>): Canon {
  if (node.isnull) return { null: true };
  if (isObject(node.ival)) return { n: normalizeNumber(String(node.ival.ival ?? 0)) };
  if (isObject(node.fval)) return { n: normalizeNumber(String(node.fval.fval ?? '0')) };
  if (isObject(node.boolval)) return { b: Boolean(node.boolval.boolval) };
  if (isObject(node.sval)) return { s: String(node.sval.sval ?? '') };
  if (isObject(node.bsval)) return { bits: String(node.bsval.bsval ?? '') };
  return { unknown: canonicalJson(node) };
}

/** A literal cast to a type, as the server would print the type's output. */
function castConst(value: Canon, type: string): Canon {
  const v = value as { s?: string; n?: string };
  if (typeof v.s === 'string') {
    if (NUMERIC_TYPES.has(type) && v.s.trim() !== '' && !Number.isNaN(Number(v.s))) return { n: normalizeNumber(v.s) };
    if (type === 'bool' || type === 'boolean') {
      const t = v.s.trim().toLowerCase();
      if (['t', 'true', 'yes', 'y', 'on', '1'].includes(t)) return { b: true };
      if (['f', 'false', 'no', 'n', 'off', '0'].includes(t)) return { b: false };
    }
    if (JSON_TYPES.has(type)) {
      try {
        return { s: canonicalJson(JSON.parse(v.s)) };
      } catch {
        return value;
      }
    }
    if (type === 'uuid') return { s: v.s.trim().toLowerCase().replace(/[{}]/g, '') };
  }
  return value;
}

function canonicalNode(node: unknown): Canon {
  if (Array.isArray(node)) return node.map(canonicalNode);
  if (!isObject(node)) return (node ?? null) as Canon;
  const keys = Object.keys(node);
  if (keys.length === 1 && /^[A-Z]/.test(keys[0]!) && isObject(node[keys[0]!])) return canonicalTyped(keys[0]!, node[keys[0]!] as Record<string, unknown>);
  return canonicalFields(node);
}

function canonicalFields(node: Record<string, unknown>): { [key: string]: Canon } {
  const out: { [key: string]: Canon } = {};
  for (const [key, value] of Object.entries(node)) {
    if (IGNORED_KEYS.has(key) || value === undefined) continue;
    out[key] = canonicalNode(value);
  }
  return out;
}

const opName = (name: unknown) => ((name as Array<{ String?: { sval?: string } }>) ?? []).map((n) => n.String?.sval ?? '').filter((p) => p !== 'pg_catalog');
const comparison = (op: string, lexpr: unknown, rexpr: unknown): PgNode => ({ A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: op } }], lexpr, rexpr } });

function canonicalTyped(type: string, node: Record<string, unknown>): Canon {
  switch (type) {
    case 'A_Const':
      return { Const: constOf(node) };
    case 'TypeCast': {
      const target = typeNameOf(node.typeName);
      const arg = canonicalNode(node.arg);
      // A literal's cast is dropped where the server adds or folds it, not where it changes the
      // value: a type with modifiers (numeric(3,1), varchar(2)), a fraction cast to an integer type.
      const value = isObject(arg) && 'Const' in arg ? (arg.Const as { n?: string }) : undefined;
      const changesValue = target.includes('(') || (INTEGER_TYPES.has(target) && typeof value?.n === 'string' && !/^-?\d+$/.test(value.n));
      if (value && !changesValue) return { Const: castConst(value as Canon, target) };
      if (isObject(arg) && 'ColumnRef' in arg && TEXT_TYPES.has(target)) return arg;
      // ARRAY['a', 'b']::uuid[] is stored as ARRAY['a'::uuid, 'b'::uuid].
      if (isObject(arg) && isObject(arg.A_ArrayExpr) && target.endsWith('[]')) {
        const element = target.slice(0, -2);
        const elements = ((arg.A_ArrayExpr.elements as Canon[]) ?? []).map((e) => (isObject(e) && 'Const' in e ? { Const: castConst(e.Const as Canon, element) } : e));
        return { A_ArrayExpr: { ...arg.A_ArrayExpr, elements } };
      }
      return { TypeCast: { arg, type: target } };
    }
    case 'A_Expr': {
      const kind = node.kind as string;
      const items = isObject(node.rexpr) && isObject(node.rexpr.List) ? (node.rexpr.List.items as unknown[]) ?? [] : null;
      if (kind === 'AEXPR_IN' && items) {
        const op = opName(node.name)[0] === '<>' ? 'AEXPR_OP_ALL' : 'AEXPR_OP_ANY';
        return canonicalTyped('A_Expr', { kind: op, name: node.name, lexpr: node.lexpr, rexpr: { A_ArrayExpr: { elements: items } } });
      }
      if ((kind === 'AEXPR_BETWEEN' || kind === 'AEXPR_NOT_BETWEEN') && items?.length === 2) {
        const not = kind === 'AEXPR_NOT_BETWEEN';
        const parts = [comparison(not ? '<' : '>=', node.lexpr, items[0]), comparison(not ? '>' : '<=', node.lexpr, items[1])];
        return canonicalTyped('BoolExpr', { boolop: not ? 'OR_EXPR' : 'AND_EXPR', args: parts });
      }
      return { A_Expr: { ...canonicalFields(node), name: opName(node.name) } };
    }
    case 'BoolExpr': {
      const op = node.boolop as string;
      const args: Canon[] = [];
      for (const arg of (node.args as unknown[]) ?? []) {
        const c = canonicalNode(arg);
        const inner = isObject(c) && isObject(c.BoolExpr) ? c.BoolExpr : null;
        if (op !== 'NOT_EXPR' && inner && inner.boolop === op) args.push(...(inner.args as Canon[]));
        else args.push(c);
      }
      return { BoolExpr: { boolop: op, args } };
    }
    case 'FuncCall': {
      const names = opName(node.funcname);
      const fields = canonicalFields(node);
      return { FuncCall: { ...fields, funcname: names.length > 1 && IMPLICIT_QUALIFIERS.has(names[0]!) ? names.slice(1) : names } };
    }
    case 'ResTarget': {
      const { name: _alias, ...rest } = node;
      return { ResTarget: canonicalFields(rest) };
    }
    default:
      return { [type]: canonicalFields(node) };
  }
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** A short digest of a canonical tree: equal trees, equal digests; a 10,000-table hash stays small. */
const digest = (tree: Canon) => `sql:${createHash('sha256').update(canonicalJson(tree)).digest('base64url').slice(0, 22)}`;

function remember(key: string, value: string): string {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function parseOrThrow(sql: string, what: string): PgNode[] {
  let parsed;
  try {
    parsed = parseSql(sql);
  } catch (error) {
    throw new WesleyError({
      code: 'WESLEY_IR_PARSER_NOT_LOADED',
      message: `Comparing SQL ${what}s needs PostgreSQL's parser, which is not loaded yet (${(error as Error).message}).`,
      hint: "Call `await loadSqlParser()` from '@wesley/ir' once before hashing or comparing an IR you did not compile in this process.",
    });
  }
  if (!parsed.ok) return [];
  return parsed.stmts as PgNode[];
}

/**
 * The canonical form of a SQL expression (a default, check, predicate or policy): equal for the
 * text written in the SDL and for what PostgreSQL renders back for it (a digest of the normalised
 * parse tree, `sql:...`). Text that does not parse
 * is returned as it is, trimmed. Needs the parser loaded (`await loadSqlParser()`).
 */
export function canonicalExpression(sql: string): string {
  const key = `e:${sql}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const stmts = parseOrThrow(`SELECT (${sql}\n)`, 'expression');
  const select = stmts[0]?.SelectStmt as ({ targetList?: Array<{ ResTarget: { val: unknown } }> } & Record<string, unknown>) | undefined;
  // Exactly one expression and nothing else (`1) FROM t WHERE (true` is not an expression).
  const alone = stmts.length === 1 && select !== undefined && Object.keys(select).every((k) => ['targetList', 'limitOption', 'op'].includes(k));
  const val = alone && select.targetList?.length === 1 ? select.targetList[0]!.ResTarget.val : undefined;
  return remember(key, val === undefined ? sql.trim() : digest(canonicalNode(val)));
}

/** The canonical form of a partition bound (`FOR VALUES IN ('EU')`, `DEFAULT`, ...). */
export function canonicalPartitionBound(bound: string): string {
  const key = `b:${bound}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const stmts = parseOrThrow(`CREATE TABLE x PARTITION OF y ${bound}`, 'partition bound');
  const spec = (stmts[0]?.CreateStmt as { partbound?: unknown } | undefined)?.partbound;
  return remember(key, spec === undefined ? bound.trim() : digest(canonicalNode(spec)));
}
