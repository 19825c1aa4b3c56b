// Some literals cannot be compared offline: the server stores '2025-01-01' for a timestamptz
// partition key as '2025-01-01 00:00:00+00', and renders a literal default through its type's
// output function. Where the canonical forms of a default or a partition bound differ only in such
// literals, the server is asked whether the values are equal, and the introspected IR takes the
// schema's spelling. The SQL sent is rebuilt from the parse trees of plain literals (never the
// text as given), so no function of the schema's is called; the column type's input function
// runs, as it did when the value was stored.
import { canonicalExpression, canonicalPartitionBound, loadSqlParser, quoteLiteral, type ColumnIR, type SchemaIR, type TableIR } from '@wesley/ir';
import { loadModule, parseSync } from 'libpg-query';
import { withReadOnlySession, type DatabaseClient } from './session.js';

type Node = Record<string, unknown>;
const isObject = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The SQL of a literal-only node, rebuilt from the parse tree (never the text it came from):
 * `'x'`, `42`, `ARRAY['a', 'b']`; a cast is left out, as the comparison casts to the column type.
 * Null for anything else.
 */
function literalSql(node: unknown): string | null {
  if (!isObject(node)) return null;
  if (isObject(node.A_Const)) {
    const c = node.A_Const;
    if (c.isnull) return 'NULL';
    if (isObject(c.ival)) return String(Number(c.ival.ival ?? 0));
    if (isObject(c.fval)) return /^[-+]?[\d.eE+-]+$/.test(String(c.fval.fval ?? '0')) ? String(c.fval.fval ?? '0') : null;
    if (isObject(c.boolval)) return c.boolval.boolval ? 'true' : 'false';
    if (isObject(c.sval)) return quoteLiteral(String(c.sval.sval ?? ''));
    return null;
  }
  if (isObject(node.TypeCast)) return literalSql(node.TypeCast.arg);
  if (isObject(node.A_ArrayExpr)) {
    const elements = ((node.A_ArrayExpr.elements as unknown[]) ?? []).map(literalSql);
    return elements.every((e) => e !== null) ? `ARRAY[${elements.join(', ')}]` : null;
  }
  return null;
}

/** The parse tree of an expression that is exactly one expression, or undefined. */
function expressionNode(sql: string): unknown {
  try {
    const stmts = (parseSync(`SELECT (${sql}\n)`) as { stmts?: Array<{ stmt: Node }> }).stmts ?? [];
    const select = stmts[0]?.stmt.SelectStmt as ({ targetList?: Array<{ ResTarget: { val: unknown } }> } & Node) | undefined;
    if (stmts.length !== 1 || !select || !Object.keys(select).every((k) => ['targetList', 'limitOption', 'op'].includes(k))) return undefined;
    return select.targetList?.length === 1 ? select.targetList[0]!.ResTarget.val : undefined;
  } catch {
    return undefined;
  }
}

/** A range bound's MINVALUE / MAXVALUE (a ColumnRef in the parse tree), as a marker. */
function rangeMarker(node: unknown): string | null {
  const fields = isObject(node) && isObject(node.ColumnRef) ? (node.ColumnRef.fields as Array<{ String?: { sval?: string } }>) : undefined;
  const word = fields?.[0]?.String?.sval?.toLowerCase();
  return word === 'minvalue' || word === 'maxvalue' ? word : null;
}

/** The datums of a partition bound, in order: literal SQL, or a MINVALUE / MAXVALUE marker; undefined when unreadable. */
function boundDatums(bound: string): { strategy: string; datums: Array<string | { marker: string }> } | undefined {
  try {
    const stmt = (parseSync(`CREATE TABLE x PARTITION OF y ${bound}`) as { stmts?: Array<{ stmt: Node }> }).stmts?.[0]?.stmt;
    const spec = (stmt?.CreateStmt as Node | undefined)?.partbound as Node | undefined;
    if (!isObject(spec)) return undefined;
    const nodes = [...((spec.listdatums as unknown[]) ?? []), ...((spec.lowerdatums as unknown[]) ?? []), ...((spec.upperdatums as unknown[]) ?? [])];
    const datums = nodes.map((n) => {
      const marker = rangeMarker(n);
      return marker ? { marker } : literalSql(n);
    });
    if (datums.some((d) => d === null)) return undefined;
    return { strategy: String(spec.strategy ?? ''), datums: datums as Array<string | { marker: string }> };
  } catch {
    return undefined;
  }
}

/** Both literals as values of the type, compared through their text output (json has no `=`). */
const sameValue = (a: string, b: string, type: string) => `((${a})::${type}::text IS NOT DISTINCT FROM (${b})::${type}::text)`;

/** Errors about the literal (data exceptions, no such operator or cast): a difference, not a failure. */
const isDataError = (error: unknown) => /^(22|42804|42883|42846)/.test(String((error as { code?: unknown } | null)?.code ?? ''));

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
      const el = literalSql(expressionNode(e));
      const al = literalSql(expressionNode(a));
      if (el === null || al === null) continue;
      questions.push({ comparisons: [sameValue(el, al, column.type)], apply: () => columnPatches.set(column, e) });
    }
    questions.push(...boundQuestions(table, wanted, boundPatches));
  }
  if (questions.length === 0) return actual;

  const comparisons = questions.flatMap((q) => q.comparisons);
  const answers = await withReadOnlySession(client, async ({ query }) => {
    const ask = async (list: readonly string[]) => (await query<{ equal: boolean[] }>(`SELECT ARRAY[${list.join(', ')}]::bool[] AS equal`)).rows[0]!.equal;
    try {
      return await ask(comparisons);
    } catch (error) {
      if (!isDataError(error)) throw error;
    }
    // One literal the type does not accept fails the whole array: ask one at a time, each in a
    // savepoint; a literal that fails on its own is a real difference.
    const one: boolean[] = [];
    for (const comparison of comparisons) {
      await query('SAVEPOINT wesley_literal');
      try {
        one.push((await ask([comparison]))[0]!);
        await query('RELEASE SAVEPOINT wesley_literal');
      } catch (error) {
        if (!isDataError(error)) throw error;
        await query('ROLLBACK TO SAVEPOINT wesley_literal');
        one.push(false);
      }
    }
    return one;
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
      const ad = a.datums[i]!;
      if (typeof ed !== 'string' || typeof ad !== 'string') {
        if (typeof ed === 'string' || typeof ad === 'string' || ed.marker !== ad.marker) comparable = false;
        return;
      }
      // RANGE bounds list one datum per key column, lower then upper; LIST bounds are all the first column.
      const type = e.strategy === 'r' ? keyTypes[i % keyTypes.length] : keyTypes[0];
      comparisons.push(sameValue(ed, ad, type!));
    });
    if (comparable && comparisons.length) questions.push({ comparisons, apply: () => patches.set(`${table.schema}.${partition.name}`, want.bound) });
  }
  return questions;
}
