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
  const found = indexOf(facts).get(table);
  return found === undefined ? null : sizeOf(found);
}

// Every table and partition by name, built once per facts object: a plan looks sizes up per step.
const indexes = new WeakMap<ServerFacts, ReadonlyMap<string, TableFacts>>();

function indexOf(facts: ServerFacts): ReadonlyMap<string, TableFacts> {
  let index = indexes.get(facts);
  if (index === undefined) {
    const map = new Map<string, TableFacts>();
    const visit = (tables: Readonly<Record<string, TableFacts>>) => {
      for (const [name, table] of Object.entries(tables)) {
        if (!map.has(name)) map.set(name, table);
        if (table.partitions) visit(table.partitions);
      }
    };
    // Top-level names win over a partition of the same name.
    for (const [name, table] of Object.entries(facts.tables ?? {})) map.set(name, table);
    visit(facts.tables ?? {});
    index = map;
    indexes.set(facts, index);
  }
  return index;
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
