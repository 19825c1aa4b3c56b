import { qualifiedName, quoteIdent } from '../naming.js';
import type { TableIR } from '../types.js';
import { columnDefinition } from './column-definition.js';
import { columnList } from './column-list.js';
import { parenthesize } from './parenthesize.js';

/**
 * `CREATE TABLE` with columns, primary key, unique constraints without a predicate, checks and
 * `PARTITION BY`. A unique constraint with a predicate is a unique index (createIndexStatement):
 * PostgreSQL has no partial UNIQUE constraint. Foreign keys are left to addForeignKeyStatement, so
 * that tables referencing each other in a cycle need no ordering; partitions to
 * createPartitionStatement.
 */
export function createTableStatement(table: TableIR): string {
  const items = table.columns.map(columnDefinition);
  if (table.primaryKey) {
    items.push(`CONSTRAINT ${quoteIdent(table.primaryKey.name)} PRIMARY KEY ${columnList(table.primaryKey.columns)}`);
  }
  for (const unique of table.uniques) {
    if (unique.where === null) items.push(`CONSTRAINT ${quoteIdent(unique.name)} UNIQUE ${columnList(unique.columns)}`);
  }
  for (const check of table.checks) items.push(`CONSTRAINT ${quoteIdent(check.name)} CHECK ${parenthesize(check.expression)}`);

  const name = qualifiedName(table.schema, table.name);
  const body = items.length ? `(\n${items.map((item) => `  ${item}`).join(',\n')}\n)` : '()';
  const partitioning = table.partitioning;
  const partitionBy = partitioning ? ` PARTITION BY ${partitioning.strategy.toUpperCase()} ${columnList(partitioning.columns)}` : '';
  return `CREATE TABLE ${name} ${body}${partitionBy}`;
}
