// Test-only: checks generated SQL with the real PostgreSQL parser (libpg-query, PG 18 grammar).
import { loadModule, parsePlPgSQLSync, parseSync } from 'libpg-query';
import type { SqlSection } from './sql-section.js';

let loaded: Promise<void> | undefined;

/** Loads the parser's WebAssembly module once per test run. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/** Parses each statement on its own; throws naming the statement when one fails or holds more than one statement. */
export function parseEachStatement(sections: readonly SqlSection[]): number {
  let count = 0;
  for (const statement of sections.flatMap((s) => s.statements)) {
    let parsed;
    try {
      parsed = parseSync(`${statement};`);
      // PL/pgSQL bodies (functions, DO blocks) are only strings to the SQL parser: check them with the PL/pgSQL one.
      if (/^DO |LANGUAGE plpgsql/.test(statement)) parsePlPgSQLSync(`${statement};`);
    } catch (error) {
      throw new Error(`Does not parse: ${statement}\n${(error as Error).message}`, { cause: error });
    }
    if (parsed.stmts?.length !== 1) throw new Error(`Expected one statement, got ${parsed.stmts?.length ?? 0}: ${statement}`);
    count++;
  }
  return count;
}
