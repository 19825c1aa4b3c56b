import { qualifiedName } from '../naming.js';
import type { PartitionIR, TableIR } from '../types.js';

/**
 * `CREATE TABLE ... PARTITION OF` the table, beside it (the IR gives partitions no schema of their
 * own). Run it after the parent's indexes: PostgreSQL then names each partition's copy of them
 * around the names already taken, instead of taking a name a later statement needs.
 */
export function createPartitionStatement(table: TableIR, partition: PartitionIR): string {
  // A `--` comment ending a hand-built bound would swallow the statement's semicolon.
  const end = partition.bound.includes('--') ? '\n' : '';
  return `CREATE TABLE ${qualifiedName(table.schema, partition.name)} PARTITION OF ${qualifiedName(table.schema, table.name)} ${partition.bound}${end}`;
}
