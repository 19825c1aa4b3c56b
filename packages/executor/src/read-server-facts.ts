import type { InvalidIndexFact, ServerFacts, TableFacts } from '@wesley/planner';
import type pg from 'pg';

export interface ReadServerFactsOptions {
  /** Only tables in these schemas (and their partitions, wherever those live); default: every user schema. */
  readonly schemas?: readonly string[];
}

/** One row of TABLES_SQL: a table or partitioned table with its sizes. */
export interface TableRow {
  readonly oid: number;
  /** The oid of the table it is a partition of, or null. */
  readonly parent: number | null;
  readonly schema: string;
  readonly name: string;
  /** pg_class.reltuples: -1 (PostgreSQL 14+) or 0 (older) when never analysed. */
  readonly reltuples: number;
  /** pg_stat_user_tables.n_live_tup, or null when the statistics have no row for it. */
  readonly liveTuples: number | null;
  readonly bytes: number;
  readonly indexBytes: number;
}

// The system's own schemas, and other sessions' temporary ones.
const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'`;

// Ordinary and partitioned tables. pg_table_size and pg_indexes_size take ACCESS SHARE on each
// table for the length of the statement: a table held in ACCESS EXCLUSIVE makes this wait, which
// the caller bounds with lock_timeout. They return NULL for a table dropped meanwhile.
const TABLES_SQL = `
SELECT c.oid::int8 AS oid,
       CASE WHEN c.relispartition THEN i.inhparent::int8 END AS parent,
       n.nspname AS schema,
       c.relname AS name,
       c.reltuples::float8 AS reltuples,
       s.n_live_tup AS live_tuples,
       coalesce(pg_table_size(c.oid), 0) AS bytes,
       coalesce(pg_indexes_size(c.oid), 0) AS index_bytes
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition
  LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
 WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMAS}
 ORDER BY n.nspname, c.relname`;

// Indexes a failed CREATE INDEX CONCURRENTLY left behind (pg_index.indisvalid = false).
const INVALID_INDEXES_SQL = `
SELECT n.nspname AS schema, t.relname AS table, ic.relname AS name
  FROM pg_index x
  JOIN pg_class ic ON ic.oid = x.indexrelid
  JOIN pg_class t ON t.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE NOT x.indisvalid AND ${USER_SCHEMAS}
 ORDER BY n.nspname, t.relname, ic.relname`;

/**
 * The row count the planner should use: reltuples once the table has been analysed (or
 * vacuumed); before that (-1, or 0 before PostgreSQL 14) the statistics collector's live-row
 * count, which inserts keep up to date without ANALYZE; 0 when neither knows.
 */
export function rowEstimate(reltuples: number, liveTuples: number | null): number {
  if (reltuples > 0) return Math.round(reltuples);
  return Math.max(0, liveTuples ?? 0);
}

/**
 * Arranges table rows into ServerFacts.tables: every table that is not a partition at the top
 * level, keyed `schema.name`; each partition only under its parent's `partitions`, at any depth
 * (the planner looks names up at the top level and then inside partitions). A partition whose
 * parent is not in the rows (filtered out) is left out.
 */
export function arrangeTables(rows: readonly TableRow[], schemas?: readonly string[]): Record<string, TableFacts> {
  const children = new Map<number, TableRow[]>();
  for (const row of rows) if (row.parent !== null) children.set(row.parent, [...(children.get(row.parent) ?? []), row]);
  const factsOf = (row: TableRow): TableFacts => {
    const partitions = children.get(row.oid) ?? [];
    return {
      rows: rowEstimate(row.reltuples, row.liveTuples),
      bytes: row.bytes,
      indexBytes: row.indexBytes,
      ...(partitions.length > 0 ? { partitions: Object.fromEntries(partitions.map((p) => [`${p.schema}.${p.name}`, factsOf(p)])) } : {}),
    };
  };
  const roots = rows.filter((row) => row.parent === null && (schemas === undefined || schemas.includes(row.schema)));
  return Object.fromEntries(roots.map((row) => [`${row.schema}.${row.name}`, factsOf(row)]));
}

/** pg returns int8 as a string; sizes stay below 2^53 bytes. */
const toNumber = (value: string | number | null): number | null => (value === null ? null : Number(value));

/**
 * Reads what the planner needs to know about a database: server_version_num, each user table's
 * rows, bytes and index bytes (partitions nested under their parent), and invalid indexes. Only
 * reads the catalogs; takes ACCESS SHARE on each table for the length of one statement.
 */
export async function readServerFacts(client: pg.ClientBase | pg.Pool, options: ReadServerFactsOptions = {}): Promise<ServerFacts> {
  const version = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  const tables = await client.query<{ oid: string; parent: string | null; schema: string; name: string; reltuples: number; live_tuples: string | null; bytes: string; index_bytes: string }>(TABLES_SQL);
  const invalid = await client.query<{ schema: string; table: string; name: string }>(INVALID_INDEXES_SQL);
  const rows: TableRow[] = tables.rows.map((r) => ({
    oid: Number(r.oid),
    parent: toNumber(r.parent),
    schema: r.schema,
    name: r.name,
    reltuples: Number(r.reltuples),
    liveTuples: toNumber(r.live_tuples),
    bytes: Number(r.bytes),
    indexBytes: Number(r.index_bytes),
  }));
  const schemas = options.schemas;
  const invalidIndexes: InvalidIndexFact[] = invalid.rows
    .filter((r) => schemas === undefined || schemas.includes(r.schema))
    .map((r) => ({ schema: r.schema, table: r.table, name: r.name }));
  return { serverVersionNum: Number(version.rows[0]!.v), tables: arrangeTables(rows, schemas), invalidIndexes };
}
