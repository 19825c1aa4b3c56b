import { qualifiedName } from '../naming.js';
import type { TableIR } from '../types.js';

/**
 * Where a table's BEFORE row triggers go, qualified: the table, or each of its partitions when it
 * is partitioned, since PostgreSQL 11 and 12 refuse BEFORE row triggers on a partitioned table
 * (allowed from 13).
 */
export function rowTriggerTargets(table: TableIR): string[] {
  if (!table.partitioning) return [qualifiedName(table.schema, table.name)];
  return table.partitioning.partitions.map((p) => qualifiedName(table.schema, p.name));
}
