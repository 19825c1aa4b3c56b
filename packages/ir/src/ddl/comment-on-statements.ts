import { qualifiedName, quoteIdent, quoteLiteral } from '../naming.js';
import type { ColumnIR, EnumIR, TableIR } from '../types.js';

// `IS NULL` is how PostgreSQL removes a comment.
const commentOn = (object: string, comment: string | null) => `COMMENT ON ${object} IS ${comment === null ? 'NULL' : quoteLiteral(comment)}`;

/** `COMMENT ON TABLE`, with the table's comment unless another (or `null`, to remove it) is given. */
export function commentOnTableStatement(table: TableIR, comment: string | null = table.comment): string {
  return commentOn(`TABLE ${qualifiedName(table.schema, table.name)}`, comment);
}

/** `COMMENT ON COLUMN`, with the column's comment unless another (or `null`, to remove it) is given. */
export function commentOnColumnStatement(table: TableIR, column: ColumnIR, comment: string | null = column.comment): string {
  return commentOn(`COLUMN ${qualifiedName(table.schema, table.name)}.${quoteIdent(column.name)}`, comment);
}

/** `COMMENT ON TYPE` for an enum, with its comment unless another (or `null`, to remove it) is given. */
export function commentOnTypeStatement(e: EnumIR, comment: string | null = e.comment): string {
  return commentOn(`TYPE ${qualifiedName(e.schema, e.name)}`, comment);
}
