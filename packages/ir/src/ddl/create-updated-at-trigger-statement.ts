import { qualifiedName, quoteIdent, quoteLiteral } from '../naming.js';
import type { ColumnIR, FunctionIR, TableIR } from '../types.js';
import { updatedAtTriggerName } from './updated-at-trigger-name.js';

/**
 * A BEFORE UPDATE row trigger on `target` (the qualified table, or one of its partitions) that
 * calls the touch function with the column's name. Only updates: an insert keeps the value it
 * sets or the column default.
 */
export function createUpdatedAtTriggerStatement(table: TableIR, column: ColumnIR, touchFunction: FunctionIR, target: string): string {
  return (
    `CREATE TRIGGER ${quoteIdent(updatedAtTriggerName(table, column))} BEFORE UPDATE ON ${target}` +
    ` FOR EACH ROW EXECUTE FUNCTION ${qualifiedName(touchFunction.schema, touchFunction.name)}(${quoteLiteral(column.name)})`
  );
}
