/**
 * `(expression)`, for an SQL expression embedded in a statement. A `--` comment in the
 * expression runs to the end of its line, so the closing parenthesis then goes on a line of its
 * own instead of into the comment (a `--` inside a string literal costs only a line break).
 */
export function parenthesize(expression: string): string {
  return expression.includes('--') ? `(${expression}\n)` : `(${expression})`;
}
