import { beforeAll, expect, test } from 'vitest';
import { loadSqlParser } from '../sql/parse-sql.js';
import { parseEachStatement } from '../testing/test-parse.js';
import { createRoleStatement } from './create-role-statement.js';

beforeAll(loadSqlParser);

test('creates each role only when missing, BYPASSRLS only when asked', () => {
  const statements = [{ name: 'wesley_migrator', bypassRls: true }, { name: "it's", bypassRls: false }].map(createRoleStatement);
  expect(statements[0]).toBe([
    'DO $$',
    'BEGIN',
    `  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'wesley_migrator') THEN`,
    '    CREATE ROLE "wesley_migrator" NOLOGIN BYPASSRLS;',
    '  END IF;',
    'EXCEPTION WHEN duplicate_object OR unique_violation THEN',
    '  NULL;',
    'END',
    '$$',
  ].join('\n'));
  expect(statements[1]).toContain(`rolname = 'it''s') THEN\n    CREATE ROLE "it's" NOLOGIN;`);
  expect(parseEachStatement(statements)).toBe(2);
});

test('a role name containing $$ gets another dollar-quote tag', () => {
  const statement = createRoleStatement({ name: 'a$$b', bypassRls: false });
  expect(statement).toMatch(/^DO \$wesley\$\n[^]*\n\$wesley\$$/);
  expect(parseEachStatement([statement])).toBe(1);
});
