import { qualifiedName, quoteIdent, type TableIR } from '@wesley/ir';
import { columnList } from './column-list.js';
import { parenthesize } from './parenthesize.js';

/**
 * The table's unique constraints with a predicate (PostgreSQL has no partial UNIQUE constraint,
 * only a partial unique index), then its indexes. Plain CREATE INDEX: the database is new and
 * empty, and on a partitioned table it cascades to every partition.
 */
export function createIndexes(table: TableIR): string[] {
  const on = qualifiedName(table.schema, table.name);
  const statements: string[] = [];
  for (const unique of table.uniques) {
    if (unique.where !== null) {
      statements.push(`CREATE UNIQUE INDEX ${quoteIdent(unique.name)} ON ${on} ${columnList(unique.columns)} WHERE ${parenthesize(unique.where)}`);
    }
  }
  for (const index of table.indexes) {
    const using = index.method === 'btree' ? '' : ` USING ${index.method}`;
    const where = index.where === null ? '' : ` WHERE ${parenthesize(index.where)}`;
    statements.push(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(index.name)} ON ${on}${using} ${columnList(index.columns)}${where}`);
  }
  return statements;
}
