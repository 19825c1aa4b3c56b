import { qualifiedName, quoteIdent, type TableIR } from '@wesley/ir';
import { columnDefinition } from './column-definition.js';
import { columnList } from './column-list.js';
import { parenthesize } from './parenthesize.js';

/**
 * `CREATE TABLE` with columns, primary key, unique constraints without a predicate and checks.
 * Foreign keys come later, once every table exists, so that cycles need no ordering; partitions
 * too (createPartitions).
 */
export function createTable(table: TableIR): string[] {
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
  return [`CREATE TABLE ${name} ${body}${partitionBy}`];
}

/**
 * One `CREATE TABLE ... PARTITION OF` per partition (beside its parent: the IR gives partitions no
 * schema of their own). They run after every index: PostgreSQL then names each partition's copy
 * of the parent's indexes around the names already taken, instead of taking a name a later
 * statement of this script needs.
 */
export function createPartitions(table: TableIR): string[] {
  const name = qualifiedName(table.schema, table.name);
  // A `--` comment ending a hand-built bound would swallow the statement's semicolon.
  return (table.partitioning?.partitions ?? []).map((p) => `CREATE TABLE ${qualifiedName(table.schema, p.name)} PARTITION OF ${name} ${p.bound}${p.bound.includes('--') ? '\n' : ''}`);
}
