// CHECK constraints as Zod refinements: only the forms whose meaning Zod can reproduce exactly,
// read from PostgreSQL's own parse tree. Everything else stays a database-only check, and the
// generated module says so.
import { WesleyError, type CheckIR, type ColumnIR, type TableIR } from '@wesley/ir';
import { hasSqlDetails, parseSync } from 'libpg-query';
import { CODEGEN_ERROR_CODES } from '../errors.js';
import { jsRegexSource } from './js-regex-source.js';

/** How Zod sees a column's values: a JS number that is an integer or a double, a BigInt string, or text. */
type ValueKind = 'integer' | 'float' | 'bigint-string' | 'text';

/** What the Zod schemas of a table do with its checks. */
export interface CheckTranslation {
  /** Zod method calls per column name, to append to the column's schema before `.nullable()`. */
  readonly refinements: ReadonlyMap<string, readonly string[]>;
  /** Checks Zod does not (or only partly) reproduce: the database still enforces them. */
  readonly untranslated: readonly { readonly check: CheckIR; readonly partly: boolean }[];
}

type PgNode = Record<string, unknown>;
type Comparison = '<' | '<=' | '>' | '>=' | '=';

const FLIPPED: Readonly<Record<Comparison, Comparison>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };
const NUMBER_METHOD: Readonly<Record<Exclude<Comparison, '='>, string>> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const LENGTH_FUNCTIONS = new Set(['char_length', 'character_length', 'length']);
const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint']);
const TEXT_TYPES = new Set(['text', 'character varying']);

/**
 * Translates a table's checks. A check is a conjunction (`AND`) of parts; each part that compares
 * one writable column with constants becomes a refinement of that column. Every form translated
 * is NULL-tolerant in SQL as in Zod: a nullable column keeps accepting null.
 */
export function translateChecks(table: TableIR, writable: readonly ColumnIR[]): CheckTranslation {
  const refinements = new Map<string, string[]>();
  const untranslated: { check: CheckIR; partly: boolean }[] = [];
  if (table.checks.length === 0) return { refinements, untranslated };
  const kinds = new Map<string, ValueKind>();
  for (const column of writable) {
    const kind = valueKind(column);
    if (kind) kinds.set(column.name, kind);
  }
  for (const check of table.checks) {
    const parts = conjuncts(parseCheck(check.expression));
    const translated = parts.map((part) => translatePart(part, kinds));
    for (const t of translated) if (t) refinements.set(t.column, [...(refinements.get(t.column) ?? []), ...t.methods]);
    const missing = translated.filter((t) => t === null).length;
    if (missing > 0) untranslated.push({ check, partly: missing < parts.length });
  }
  return { refinements, untranslated };
}

function valueKind(column: ColumnIR): ValueKind | null {
  if (column.graphqlType.list) return null;
  const base = column.type.replace(/\(\d+(?:,\s*\d+)?\)$/, '');
  const named = column.graphqlType.named;
  if ((named === 'Int' || named === 'Float') && INTEGER_TYPES.has(base)) return 'integer';
  if (named === 'Float' && base === 'double precision') return 'float';
  if (named === 'BigInt' && base === 'bigint') return 'bigint-string';
  if ((named === 'String' || named === 'ID') && TEXT_TYPES.has(base)) return 'text';
  return null;
}

/** The parse tree of a check expression, or null when it does not parse as one expression. */
function parseCheck(expression: string): PgNode | null {
  try {
    const result = parseSync(`SELECT (${expression}\n)`) as { stmts?: { stmt: PgNode }[] };
    const select = result.stmts?.length === 1 ? (result.stmts[0]!.stmt.SelectStmt as PgNode | undefined) : undefined;
    const targets = select?.targetList as PgNode[] | undefined;
    return targets?.length === 1 ? ((targets[0]!.ResTarget as PgNode).val as PgNode) : null;
  } catch (error) {
    if (hasSqlDetails(error)) return null;
    throw new WesleyError({
      code: CODEGEN_ERROR_CODES.sqlParserNotLoaded,
      message: `The zod generator could not read the check expressions: ${(error as Error).message}`,
      hint: "Call `await loadSqlParser()` from '@wesley/ir' before generating (compileSchema does it), or generate from a freshly compiled IR.",
    });
  }
}

function conjuncts(node: PgNode | null): (PgNode | null)[] {
  const bool = node?.BoolExpr as { boolop?: string; args?: PgNode[] } | undefined;
  return bool?.boolop === 'AND_EXPR' ? bool.args!.flatMap(conjuncts) : [node];
}

interface Refinement {
  readonly column: string;
  readonly methods: readonly string[];
}

function translatePart(node: PgNode | null, kinds: ReadonlyMap<string, ValueKind>): Refinement | null {
  const expr = node?.A_Expr as { kind?: string; name?: PgNode[]; lexpr?: PgNode; rexpr?: PgNode } | undefined;
  if (!expr?.lexpr || !expr.rexpr || expr.name?.length !== 1) return null;
  const op = (expr.name[0]!.String as { sval?: string } | undefined)?.sval;
  if (expr.kind === 'AEXPR_BETWEEN') {
    const bounds = ((expr.rexpr.List as { items?: PgNode[] } | undefined)?.items ?? []).map(constantOf);
    if (bounds.length !== 2 || bounds.some((b) => b === null)) return null;
    const low = subjectRefinement(expr.lexpr, '>=', bounds[0]!, kinds);
    const high = subjectRefinement(expr.lexpr, '<=', bounds[1]!, kinds);
    return low && high ? { column: low.column, methods: [...low.methods, ...high.methods] } : null;
  }
  if (expr.kind !== 'AEXPR_OP' || op === undefined) return null;
  if (op === '~') return regexRefinement(expr.lexpr, expr.rexpr, kinds);
  if (!(op in FLIPPED)) return null;
  const right = constantOf(expr.rexpr);
  if (right !== null) return subjectRefinement(expr.lexpr, op as Comparison, right, kinds);
  const left = constantOf(expr.lexpr);
  return left === null ? null : subjectRefinement(expr.rexpr, FLIPPED[op as Comparison], left, kinds);
}

/** A numeric literal as its exact text (`0`, `-1.5`, `1e3`); null for anything else. */
function constantOf(node: PgNode): string | null {
  const constant = node.A_Const as { ival?: { ival?: number }; fval?: { fval?: string } } | undefined;
  if (constant?.ival) return String(constant.ival.ival ?? 0); // the parse tree leaves out a zero
  if (constant?.fval?.fval !== undefined) return constant.fval.fval;
  return null;
}

function columnOf(node: PgNode, kinds: ReadonlyMap<string, ValueKind>): { name: string; kind: ValueKind } | null {
  const fields = (node.ColumnRef as { fields?: PgNode[] } | undefined)?.fields;
  const name = fields?.length === 1 ? (fields[0]!.String as { sval?: string } | undefined)?.sval : undefined;
  const kind = name === undefined ? undefined : kinds.get(name);
  return kind ? { name: name!, kind } : null;
}

/** `column op constant` or `char_length(column) op constant`. */
function subjectRefinement(subject: PgNode, op: Comparison, constant: string, kinds: ReadonlyMap<string, ValueKind>): Refinement | null {
  const column = columnOf(subject, kinds);
  if (column) {
    const methods = comparisonMethods(column.kind, op, constant);
    return methods && { column: column.name, methods };
  }
  const call = subject.FuncCall as { funcname?: PgNode[]; args?: PgNode[]; agg_star?: boolean; agg_distinct?: boolean; over?: unknown; func_variadic?: boolean } | undefined;
  const names = call?.funcname?.map((n) => (n.String as { sval?: string } | undefined)?.sval);
  const qualified = names?.length === 2 && names[0] === 'pg_catalog';
  if (!call || !names || (names.length !== 1 && !qualified) || !LENGTH_FUNCTIONS.has(names.at(-1)!)) return null;
  if (call.args?.length !== 1 || call.agg_star || call.agg_distinct || call.over || call.func_variadic) return null;
  const argument = columnOf(call.args[0]!, kinds);
  if (argument?.kind !== 'text' || !/^\d+$/.test(constant)) return null;
  const n = Number(constant);
  if (!Number.isSafeInteger(n)) return null;
  // Zod 4 counts string lengths in code points, as char_length does.
  const method = { '>': `.min(${n + 1})`, '>=': `.min(${n})`, '<': n > 0 ? `.max(${n - 1})` : null, '<=': `.max(${n})`, '=': `.length(${n})` }[op];
  return method ? { column: argument.name, methods: [method] } : null;
}

/** Zod methods for `column op constant`, or null when Zod cannot compare the same way. */
function comparisonMethods(kind: ValueKind, op: Comparison, constant: string): string[] | null {
  if (kind === 'text') return null;
  if (kind === 'bigint-string') {
    // Compared as BigInt, exactly; an integral constant only (a bigint column against 1.5 compares as numeric).
    if (!/^-?\d+$/.test(constant)) return null;
    const sqlOp = op === '=' ? '===' : op;
    return [`.refine((v) => /^-?\\d+$/.test(v) && BigInt(v) ${sqlOp} ${BigInt(constant)}n, { message: 'must be ${op} ${constant}' })`];
  }
  const value = Number(constant);
  if (!Number.isFinite(value)) return null;
  // An integer column against a decimal: the double nearest the constant falls between the same two
  // integers when the constant has at most 15 significant digits. Doubles compare with the double
  // PostgreSQL converts the constant to, which is the same correctly rounded value.
  if (kind === 'integer' && (Math.abs(value) > Number.MAX_SAFE_INTEGER || (!/^-?\d+$/.test(constant) && significantDigits(constant) > 15))) return null;
  const literal = Object.is(value, -0) ? '0' : String(value);
  return op === '=' ? [`.gte(${literal})`, `.lte(${literal})`] : [`.${NUMBER_METHOD[op]}(${literal})`];
}

function significantDigits(constant: string): number {
  const mantissa = constant.replace(/^[-+]/, '').replace(/[eE].*$/, '').replace('.', '');
  return mantissa.replace(/^0+/, '').replace(/0+$/, '').length;
}

/** `column ~ 'pattern'` on a text column, when the pattern means the same in JavaScript. */
function regexRefinement(subject: PgNode, pattern: PgNode, kinds: ReadonlyMap<string, ValueKind>): Refinement | null {
  const column = columnOf(subject, kinds);
  const text = (pattern.A_Const as { sval?: { sval?: string } } | undefined)?.sval;
  if (column?.kind !== 'text' || !text) return null;
  const source = jsRegexSource(text.sval ?? '');
  return source === null ? null : { column: column.name, methods: [`.regex(new RegExp(${quoted(source)}, 'su'))`] };
}

/** A single-quoted JavaScript string literal. */
function quoted(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
