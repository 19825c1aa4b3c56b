import { constraintName } from '../naming.js';
import type { ColumnIR, TableIR } from '../types.js';

/**
 * The (unquoted) name of the trigger that touches an `updatedAt` column, within 63 bytes. Named
 * after the parent on partitions too, as PostgreSQL 13+ names the triggers it clones to them.
 */
export function updatedAtTriggerName(table: TableIR, column: ColumnIR): string {
  return constraintName(table.name, [column.name], 'touch');
}
