import { createIndexStatement, type TableIR } from '@wesley/ir';

/**
 * The table's unique constraints with a predicate (PostgreSQL has no partial UNIQUE constraint,
 * only a partial unique index), then its indexes. Plain CREATE INDEX: the database is new and
 * empty, and on a partitioned table it cascades to every partition.
 */
export function createIndexes(table: TableIR): string[] {
  const partialUniques = table.uniques.filter((unique) => unique.where !== null);
  return [...partialUniques, ...table.indexes].map((index) => createIndexStatement(table, index));
}
