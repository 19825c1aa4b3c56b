import { commentOnColumnStatement, commentOnTableStatement, commentOnTypeStatement, type SchemaIR } from '@wesley/ir';

/** COMMENT ON TYPE / TABLE / COLUMN for every enum, table and column with a comment. */
export function commentStatements(ir: SchemaIR): string[] {
  const statements: string[] = [];
  for (const e of ir.enums) {
    if (e.comment !== null) statements.push(commentOnTypeStatement(e));
  }
  for (const table of ir.tables) {
    if (table.comment !== null) statements.push(commentOnTableStatement(table));
    for (const column of table.columns) {
      if (column.comment !== null) statements.push(commentOnColumnStatement(table, column));
    }
  }
  return statements;
}
