// Test-only: checks generated SQL with the real PostgreSQL parser (libpg-query, PG 18 grammar).
// Load the parser first (loadSqlParser).
import { parsePlPgSQLSync, parseSync } from 'libpg-query';

/** Parses each statement on its own; throws naming the statement when one fails or holds more than one statement. */
export function parseEachStatement(statements: readonly string[]): number {
  for (const statement of statements) {
    let parsed;
    try {
      parsed = parseSync(`${statement};`);
      // PL/pgSQL bodies (functions, DO blocks) are only strings to the SQL parser: check them with the PL/pgSQL one.
      if (/^DO |LANGUAGE plpgsql/.test(statement)) parsePlPgSQLSync(`${statement};`);
    } catch (error) {
      throw new Error(`Does not parse: ${statement}\n${(error as Error).message}`, { cause: error });
    }
    if (parsed.stmts?.length !== 1) throw new Error(`Expected one statement, got ${parsed.stmts?.length ?? 0}: ${statement}`);
  }
  return statements.length;
}
