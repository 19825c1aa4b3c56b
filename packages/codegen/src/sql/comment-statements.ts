import { qualifiedName, quoteIdent, quoteLiteral, type SchemaIR } from '@wesley/ir';

/** COMMENT ON TYPE / TABLE / COLUMN for every enum, table and column with a comment. */
export function commentStatements(ir: SchemaIR): string[] {
  const statements: string[] = [];
  for (const e of ir.enums) {
    if (e.comment !== null) statements.push(`COMMENT ON TYPE ${qualifiedName(e.schema, e.name)} IS ${quoteLiteral(e.comment)}`);
  }
  for (const table of ir.tables) {
    const name = qualifiedName(table.schema, table.name);
    if (table.comment !== null) statements.push(`COMMENT ON TABLE ${name} IS ${quoteLiteral(table.comment)}`);
    for (const column of table.columns) {
      if (column.comment !== null) statements.push(`COMMENT ON COLUMN ${name}.${quoteIdent(column.name)} IS ${quoteLiteral(column.comment)}`);
    }
  }
  return statements;
}
