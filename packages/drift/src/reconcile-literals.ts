// Some literals cannot be compared offline: the server stores '2025-01-01' for a timestamptz
// partition key as '2025-01-01 00:00:00+00', and renders a literal default through its type's
// output function. Where the canonical forms of a default or a partition bound differ only in such
// literals, the server is asked whether the values are equal (one query, literals only: nothing
// that calls a function is ever evaluated), and the introspected IR takes the schema's spelling.
import { canonicalExpression, canonicalPartitionBound, loadSqlParser, quoteLiteral, type ColumnIR, type SchemaIR, type TableIR } from '@wesley/ir';
import { loadModule, parseSync } from 'libpg-query';
import { withReadOnlySession, type DatabaseClient } from './session.js';

type Node = Record<string, unknown>;
const isObject = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The SQL of a literal node (`'x'`, `42`, `'x'::type`), or null when the node is anything else. */
function literalSql(node: unknown): string | null {
  if (!isObject(node)) return null;
  if (isObject(node.A_Const)) {
    const c = node.A_Const;
    if (c.isnull) return 'NULL';
    if (isObject(c.ival)) return String(c.ival.ival ?? 0);
    if (isObject(c.fval)) return String(c.fval.fval ?? '0');
    if (isObject(c.boolval)) return c.boolval.boolval ? 'true' : 'false';
    if (isObject(c.sval)) return quoteLiteral(String(c.sval.sval ?? ''));
    return null;
  }
  if (isObject(node.TypeCast)) return literalSql(node.TypeCast.arg); // the comparison casts to the column type itself
  return null;
}

/** True when the expression is literals only: constants, casts of them and ARRAY[...] of them. */
function isLiteralOnly(node: unknown): boolean {
  if (!isObject(node)) return false;
  if (isObject(node.A_Const)) return true;
  if (isObject(node.TypeCast)) return isLiteralOnly(node.TypeCast.arg);
  if (isObject(node.A_ArrayExpr)) return ((node.A_ArrayExpr.elements as unknown[]) ?? []).every(isLiteralOnly);
  return false;
}

function expressionNode(sql: string): unknown {
  try {
    const stmt = (parseSync(`SELECT (${sql}\n)`) as { stmts?: Array<{ stmt: Node }> }).stmts?.[0]?.stmt;
    const select = stmt?.SelectStmt as { targetList?: Array<{ ResTarget: { val: unknown } }> } | undefined;
    return select?.targetList?.[0]?.ResTarget.val;
  } catch {
    return undefined;
  }
}

/** The datums of a partition bound, in order (null for MINVALUE / MAXVALUE), or undefined. */
function boundDatums(bound: string): { strategy: string; datums: Array<string | null> } | undefined {
  try {
    const stmt = (parseSync(`CREATE TABLE x PARTITION OF y ${bound}`) as { stmts?: Array<{ stmt: Node }> }).stmts?.[0]?.stmt;
    const spec = (stmt?.CreateStmt as Node | undefined)?.partbound as Node | undefined;
    if (!isObject(spec)) return undefined;
    const datums = [...((spec.listdatums as unknown[]) ?? []), ...((spec.lowerdatums as unknown[]) ?? []), ...((spec.upperdatums as unknown[]) ?? [])].map(literalSql);
    return { strategy: String(spec.strategy ?? ''), datums };
  } catch {
    return undefined;
  }
}

interface Question {
  /** `(a)::type IS NOT DISTINCT FROM (b)::type` for each literal pair. */
  readonly comparisons: string[];
  readonly apply: () => void;
}

/**
 * The introspected IR with the schema's spelling of every default and partition bound whose value
 * the server says is the same (`'2025-01-01'` vs `'2025-01-01 00:00:00+00'` for a timestamptz).
 * Returns `actual` itself when nothing needs asking.
 */
export async function reconcileLiterals(client: DatabaseClient, expected: SchemaIR, actual: SchemaIR): Promise<SchemaIR> {
  await Promise.all([loadSqlParser(), loadModule()]);
  const questions: Question[] = [];
  const columnPatches = new Map<ColumnIR, string>();
  const boundPatches = new Map<string, string>();
  const expectedTables = new Map(expected.tables.map((t) => [`${t.schema}.${t.name}`, t]));

  for (const table of actual.tables) {
    const wanted = expectedTables.get(`${table.schema}.${table.name}`);
    if (!wanted) continue;
    for (const column of table.columns) {
      const want = wanted.columns.find((c) => c.name === column.name);
      const e = want?.default?.sql;
      const a = column.default?.sql;
      if (!want || !e || !a || want.type !== column.type || canonicalExpression(e) === canonicalExpression(a)) continue;
      if (!isLiteralOnly(expressionNode(e)) || !isLiteralOnly(expressionNode(a))) continue;
      questions.push({ comparisons: [`((${e})::${column.type} IS NOT DISTINCT FROM (${a})::${column.type})`], apply: () => columnPatches.set(column, e) });
    }
    questions.push(...boundQuestions(table, wanted, boundPatches));
  }
  if (questions.length === 0) return actual;

  const comparisons = questions.flatMap((q) => q.comparisons);
  const answers = await withReadOnlySession(client, async ({ query }) => {
    try {
      const { rows } = await query<{ equal: boolean[] }>(`SELECT ARRAY[${comparisons.join(', ')}]::bool[] AS equal`);
      return rows[0]!.equal;
    } catch {
      return comparisons.map(() => false); // a literal the type does not accept: a real difference
    }
  });
  let at = 0;
  for (const q of questions) {
    const slice = answers.slice(at, at + q.comparisons.length);
    at += q.comparisons.length;
    if (slice.every(Boolean)) q.apply();
  }
  if (columnPatches.size === 0 && boundPatches.size === 0) return actual;
  return patchLiterals(actual, columnPatches, boundPatches);
}

function patchLiterals(actual: SchemaIR, columnPatches: ReadonlyMap<ColumnIR, string>, boundPatches: ReadonlyMap<string, string>): SchemaIR {
  return {
    ...actual,
    tables: actual.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => (columnPatches.has(c) && c.default ? { ...c, default: { ...c.default, sql: columnPatches.get(c)! } } : c)),
      partitioning: t.partitioning
        ? { ...t.partitioning, partitions: t.partitioning.partitions.map((p) => ({ ...p, bound: boundPatches.get(`${t.schema}.${p.name}`) ?? p.bound })) }
        : null,
    })),
  };
}

function boundQuestions(table: TableIR, wanted: TableIR, patches: Map<string, string>): Question[] {
  if (!table.partitioning || !wanted.partitioning) return [];
  const keyTypes = table.partitioning.columns.map((name) => table.columns.find((c) => c.name === name)?.type);
  if (keyTypes.some((t) => t === undefined)) return [];
  const questions: Question[] = [];
  for (const partition of table.partitioning.partitions) {
    const want = wanted.partitioning.partitions.find((p) => p.name === partition.name);
    if (!want || canonicalPartitionBound(want.bound) === canonicalPartitionBound(partition.bound)) continue;
    const e = boundDatums(want.bound);
    const a = boundDatums(partition.bound);
    if (!e || !a || e.strategy !== a.strategy || e.datums.length !== a.datums.length) continue;
    const comparisons: string[] = [];
    let comparable = true;
    e.datums.forEach((ed, i) => {
      const ad = a.datums[i];
      if (ed === null || ad === null || ad === undefined) {
        if (ed !== ad) comparable = false;
        return;
      }
      // RANGE bounds list one datum per key column, lower then upper; LIST bounds are all the first column.
      const type = e.strategy === 'r' ? keyTypes[i % keyTypes.length] : keyTypes[0];
      comparisons.push(`((${ed})::${type} IS NOT DISTINCT FROM (${ad})::${type})`);
    });
    if (comparable && comparisons.length) questions.push({ comparisons, apply: () => patches.set(`${table.schema}.${partition.name}`, want.bound) });
  }
  return questions;
}
