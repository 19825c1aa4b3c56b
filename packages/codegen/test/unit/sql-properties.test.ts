// Properties of the SQL generator over random valid schemas (@wesley/testkit/arbitraries):
// generateSql never throws, and what it emits parses with PostgreSQL's own parser (libpg-query),
// PL/pgSQL bodies included, into exactly as many statements as the generator produced (so no
// expression can smuggle in a statement of its own).
import fc from 'fast-check';
import { loadModule, parsePlPgSQLSync, parseSync } from 'libpg-query';
import { beforeAll, expect, test } from 'vitest';
import { compileSchema, formatError } from '@wesley/ir';
import { schemaArbitrary, withoutKnownBugs } from '@wesley/testkit/arbitraries';
import { generateSql } from '../../src/index.js';
import { sqlSections } from '../../src/sql/sql-sections.js';

beforeAll(async () => {
  await loadModule();
});

/** Runs `fn`, rethrowing its failure with a label and the text it worked on. */
function attempt<T>(what: string, text: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}\n\n${text}`, { cause: error });
  }
}

test('the SQL of every generated schema parses with the PostgreSQL parser', async () => {
  await fc.assert(
    fc.asyncProperty(withoutKnownBugs(schemaArbitrary()), async ({ sdl }) => {
      const result = await compileSchema([{ name: 'schema.graphql', text: sdl }]);
      if (!result.ok) throw new Error(`The schema does not compile:\n${result.errors.map(formatError).join('\n')}`);
      const sql = attempt('generateSql threw', sdl, () => generateSql(result.ir));
      const parsed = attempt('The SQL does not parse', sql, () => parseSync(sql)) as { stmts?: unknown[] };
      const produced = sqlSections(result.ir).reduce((n, section) => n + section.statements.length, 0);
      expect(produced).toBeGreaterThan(0);
      expect(parsed.stmts?.length ?? 0).toBe(produced);
      // Function bodies and DO blocks are string literals to the SQL parser.
      attempt('A PL/pgSQL body does not parse', sql, () => parsePlPgSQLSync(sql));
    }),
    { numRuns: 1000 },
  );
}, 60_000);
