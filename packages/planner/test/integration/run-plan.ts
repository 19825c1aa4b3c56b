// Plain helpers for the plan-truth test: compile SDL, execute a plan without observing it, and read
// from a database what the planner and the checks need (facts, row counts, NULLs).
import { compileSchema, formatError, qualifiedName, quoteIdent, type SchemaIR } from '@wesley/ir';
import { withClient } from '@wesley/testkit';
import type pg from 'pg';
import type { Plan, ServerFacts, Step, TableFacts } from '../../src/types.js';

/** Compiles one SDL document; throws with the errors when it does not compile. */
export async function compileSdl(sdl: string): Promise<SchemaIR> {
  const result = await compileSchema([{ name: 'schema.graphql', text: sdl }]);
  if (!result.ok) throw new Error(`The schema does not compile:\n${result.errors.map(formatError).join('\n')}\n\n${sdl}`);
  return result.ir;
}

/**
 * Runs one step as the executor would, without observing it: a transactional step inside
 * BEGIN/COMMIT, any other one statement per query outside a transaction (a DO block with COMMIT
 * must arrive as a single statement outside a transaction block).
 */
export async function executeStep(client: pg.Client, step: Pick<Step, 'sql' | 'transactional'>): Promise<void> {
  if (!step.transactional) {
    for (const statement of step.sql) await client.query(statement);
    return;
  }
  await client.query('BEGIN');
  try {
    for (const statement of step.sql) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Runs every step of the plan in order; throws naming the step that failed. */
export async function executePlan(url: string, plan: Plan): Promise<void> {
  await withClient(url, async (client) => {
    for (const step of plan.steps) {
      try {
        await executeStep(client, step);
      } catch (error) {
        throw new Error(`step ${step.id} failed: ${(error as Error).message}\n${step.sql.join(';\n')}`, { cause: error });
      }
    }
  });
}

interface TableRow {
  readonly oid: string;
  readonly parent: string | null;
  readonly schema: string;
  readonly name: string;
  readonly bytes: string;
}

const TABLES_SQL = `
  SELECT c.oid::bigint AS oid, CASE WHEN c.relispartition THEN i.inhparent::bigint END AS parent,
         n.nspname AS schema, c.relname AS name, pg_table_size(c.oid) AS bytes
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition
  WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
  ORDER BY 3, 4`;

const INVALID_INDEXES_SQL = `
  SELECT n.nspname AS schema, t.relname AS table, x.relname AS name
  FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2, 3`;

/**
 * The facts the executor would read, computed here: server_version_num; per table its own rows
 * (exact, `FROM ONLY`: a partitioned parent holds none itself) and pg_table_size, partitions nested
 * under their parent; INVALID indexes.
 */
export async function readFacts(client: pg.Client): Promise<ServerFacts> {
  const version = Number((await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]!.v);
  const { rows } = await client.query<TableRow>(TABLES_SQL);
  const own = new Map<string, TableFacts>();
  for (const row of rows) {
    const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ONLY ${qualifiedName(row.schema, row.name)}`);
    own.set(row.oid, { rows: Number(count.rows[0]!.n), bytes: Number(row.bytes) });
  }
  const factsOf = (row: TableRow): TableFacts => {
    const children = rows.filter((r) => r.parent === row.oid);
    const facts = own.get(row.oid)!;
    return children.length ? { ...facts, partitions: Object.fromEntries(children.map((c) => [`${c.schema}.${c.name}`, factsOf(c)])) } : facts;
  };
  const tables = Object.fromEntries(rows.filter((r) => r.parent === null).map((r) => [`${r.schema}.${r.name}`, factsOf(r)]));
  const invalidIndexes = (await client.query<{ schema: string; table: string; name: string }>(INVALID_INDEXES_SQL)).rows;
  return { serverVersionNum: version, tables, invalidIndexes };
}

/** Rows of every plain table (partitions included), by table OID: an OID survives renames and rewrites. */
export async function rowCounts(client: pg.Client): Promise<Map<string, { name: string; rows: number }>> {
  const { rows } = await client.query<TableRow>(TABLES_SQL);
  const out = new Map<string, { name: string; rows: number }>();
  for (const row of rows) {
    const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ONLY ${qualifiedName(row.schema, row.name)}`);
    out.set(row.oid, { name: `${row.schema}.${row.name}`, rows: Number(count.rows[0]!.n) });
  }
  return out;
}

/**
 * Rows of `table` (qualified, unquoted `schema.name`) where `column` is NULL; null when the column is
 * gone (a type change's new column takes the old name at the swap).
 */
export async function nullCount(client: pg.Client, table: string, column: string): Promise<number | null> {
  const [schema, name] = table.split('.') as [string, string];
  const exists = await client.query('SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3', [schema, name, column]);
  if (exists.rowCount === 0) return null;
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${qualifiedName(schema, name)} WHERE ${quoteIdent(column)} IS NULL`);
  return Number(rows[0]!.n);
}

/**
 * Blockers for observing a non-transactional step: one session per table holding ROW EXCLUSIVE on
 * it (and a snapshot). Unlike the default ACCESS SHARE blockers they also make the step wait, and so
 * be seen, whenever it asks for SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE on any table (a detach's
 * lock on the table its foreign key references, for one).
 */
export async function rowExclusiveBlockers(client: pg.Client): Promise<string[][]> {
  const { rows } = await client.query<TableRow>(TABLES_SQL);
  return rows.map((row) => [`LOCK TABLE ONLY ${qualifiedName(row.schema, row.name)} IN ROW EXCLUSIVE MODE`, 'SELECT 1']);
}
