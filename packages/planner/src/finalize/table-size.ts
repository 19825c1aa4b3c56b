import type { ServerFacts, TableFacts } from '../types.js';

/** A table's size as the estimates use it. */
export interface TableSize {
  readonly bytes: number;
  readonly rows: number;
}

/**
 * The size of a table, looked up by qualified name in the facts (top level, or as a partition of
 * any table, at any depth); null when the facts do not know it.
 */
export function tableSize(facts: ServerFacts, table: string): TableSize | null {
  const found = facts.tables?.[table] ?? findPartition(Object.values(facts.tables ?? {}), table);
  return found === undefined ? null : sizeOf(found);
}

/**
 * A partitioned table has no storage of its own (pg_table_size is 0): its size is the sum of its
 * partitions'. Negative row counts (reltuples = -1: never analysed) count as 0.
 */
function sizeOf(facts: TableFacts): TableSize {
  const partitions = Object.values(facts.partitions ?? {});
  if (facts.bytes > 0 || partitions.length === 0) return { bytes: Math.max(0, facts.bytes), rows: Math.max(0, facts.rows) };
  return partitions.map(sizeOf).reduce((sum, p) => ({ bytes: sum.bytes + p.bytes, rows: sum.rows + p.rows }), { bytes: 0, rows: 0 });
}

function findPartition(tables: readonly TableFacts[], name: string): TableFacts | undefined {
  for (const table of tables) {
    const partitions = table.partitions ?? {};
    const found = partitions[name] ?? findPartition(Object.values(partitions), name);
    if (found !== undefined) return found;
  }
  return undefined;
}
