import { WesleyError, updatedAtTriggerStatements, type SchemaIR } from '@wesley/ir';
import { CODEGEN_ERROR_CODES } from '../errors.js';

/**
 * The updated-at triggers of every table with an `updatedAt` column (updatedAtTriggerStatements),
 * calling the IR's touch function. Without one the trigger would have nothing to call: that is an
 * error, not a silently missing trigger.
 */
export function createUpdatedAtTriggers(ir: SchemaIR): string[] {
  const tables = ir.tables.filter((t) => t.columns.some((c) => c.updatedAt));
  if (!tables.length) return [];
  const touch = ir.functions.find((fn) => fn.purpose === 'touch-updated-at');
  if (!touch) {
    const column = tables[0]!.columns.find((c) => c.updatedAt)!;
    throw new WesleyError({
      code: CODEGEN_ERROR_CODES.missingFunction,
      message: `Column "${tables[0]!.name}"."${column.name}" is @updatedAt, but the IR has no 'touch-updated-at' function.`,
      hint: "Add a FunctionIR with purpose 'touch-updated-at' to ir.functions (the compiler does so for @updatedAt).",
      location: column.location,
    });
  }
  return tables.flatMap((table) => updatedAtTriggerStatements(table, touch));
}
