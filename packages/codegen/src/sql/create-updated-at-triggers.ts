import { WesleyError, constraintName, qualifiedName, quoteIdent, quoteLiteral, type SchemaIR, type TableIR } from '@wesley/ir';
import { CODEGEN_ERROR_CODES } from '../errors.js';

/**
 * A BEFORE UPDATE row trigger (inserts keep what they set or the default) per `updatedAt` column, calling the IR's touch function
 * with the column name. A partitioned table gets the trigger on each partition instead:
 * PostgreSQL 11 and 12 refuse BEFORE row triggers on a partitioned table (allowed from 13).
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
  const fn = qualifiedName(touch.schema, touch.name);
  return tables.flatMap((table) => targetsOf(table).flatMap((target) =>
    table.columns.filter((c) => c.updatedAt).map((column) =>
      // Named after the parent on partitions too, as PostgreSQL 13+ names cloned triggers.
      `CREATE TRIGGER ${quoteIdent(constraintName(table.name, [column.name], 'touch'))}` +
      ` BEFORE UPDATE ON ${target} FOR EACH ROW EXECUTE FUNCTION ${fn}(${quoteLiteral(column.name)})`,
    ),
  ));
}

function targetsOf(table: TableIR): string[] {
  if (!table.partitioning) return [qualifiedName(table.schema, table.name)];
  return table.partitioning.partitions.map((p) => qualifiedName(table.schema, p.name));
}
