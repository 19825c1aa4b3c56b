import type { FunctionIR, TableIR } from '../types.js';
import { createUpdatedAtTriggerStatement } from './create-updated-at-trigger-statement.js';
import { rowTriggerTargets } from './row-trigger-targets.js';

/** The updated-at triggers of a table: one per `updatedAt` column on each of its rowTriggerTargets. */
export function updatedAtTriggerStatements(table: TableIR, touchFunction: FunctionIR): string[] {
  const columns = table.columns.filter((c) => c.updatedAt);
  return rowTriggerTargets(table).flatMap((target) => columns.map((column) => createUpdatedAtTriggerStatement(table, column, touchFunction, target)));
}
