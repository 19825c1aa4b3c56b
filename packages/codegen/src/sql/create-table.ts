import { qualifiedName, quoteIdent, type TableIR } from '@wesley/ir';
import { columnDefinition } from './column-definition.js';
import { columnList } from './column-list.js';

/**
 * `CREATE TABLE` with columns, primary key, unique constraints without a predicate and checks,
 * then one `CREATE TABLE ... PARTITION OF` per partition. Foreign keys come later, once every
 * table exists, so that cycles need no ordering.
 */
export function createTable(table: TableIR): string[] {
  const items = table.columns.map(columnDefinition);
  if (table.primaryKey) {
    items.push(`CONSTRAINT ${quoteIdent(table.primaryKey.name)} PRIMARY KEY ${columnList(table.primaryKey.columns)}`);
  }
  for (const unique of table.uniques) {
    if (unique.where === null) items.push(`CONSTRAINT ${quoteIdent(unique.name)} UNIQUE ${columnList(unique.columns)}`);
  }
  for (const check of table.checks) items.push(`CONSTRAINT ${quoteIdent(check.name)} CHECK (${check.expression})`);

  const name = qualifiedName(table.schema, table.name);
  const body = items.length ? `(\n${items.map((item) => `  ${item}`).join(',\n')}\n)` : '()';
  const partitioning = table.partitioning;
  if (!partitioning) return [`CREATE TABLE ${name} ${body}`];

  const partitionBy = ` PARTITION BY ${partitioning.strategy.toUpperCase()} ${columnList(partitioning.columns)}`;
  return [
    `CREATE TABLE ${name} ${body}${partitionBy}`,
    // The IR has no schema for a partition: it lives beside its parent.
    ...partitioning.partitions.map((p) => `CREATE TABLE ${qualifiedName(table.schema, p.name)} PARTITION OF ${name} ${p.bound}`),
  ];
}
