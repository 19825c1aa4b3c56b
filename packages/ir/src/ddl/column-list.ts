import { quoteIdent } from '../naming.js';

/** `("a", "b")`: a parenthesised list of quoted column names. */
export function columnList(columns: readonly string[]): string {
  return `(${columns.map(quoteIdent).join(', ')})`;
}
