/**
 * Whether an SQL expression (as the IR keeps it) names the column, bare or quoted. A textual test,
 * deliberately generous: a false "yes" only makes the planner more careful.
 */
export function mentionsColumn(expression: string | null, column: string): boolean {
  if (expression === null) return false;
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w$])"?${name}"?($|[^\\w$])`).test(expression);
}
