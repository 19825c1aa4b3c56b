import { beforeAll, expect, test } from 'vitest';
import { loadSqlParser } from '../sql/parse-sql.js';
import { testColumn, testEnum, testTable } from '../testing/test-ir.js';
import { parseEachStatement } from '../testing/test-parse.js';
import { commentOnColumnStatement, commentOnTableStatement, commentOnTypeStatement } from './comment-on-statements.js';

beforeAll(loadSqlParser);

test("the element's own comment, quotes doubled", () => {
  const column = testColumn('order', 'int', { comment: "The user's\norder" });
  const table = testTable('user', { schema: 'app', comment: 'People', columns: [column] });
  const statements = [commentOnTypeStatement(testEnum('role', ['a'], { comment: "Who's who" })), commentOnTableStatement(table), commentOnColumnStatement(table, column)];
  expect(statements).toEqual([
    `COMMENT ON TYPE "public"."role" IS 'Who''s who'`,
    `COMMENT ON TABLE "app"."user" IS 'People'`,
    `COMMENT ON COLUMN "app"."user"."order" IS 'The user''s\norder'`,
  ]);
  expect(parseEachStatement(statements)).toBe(3);
});

test("no comment, or null given, removes it; another comment replaces the element's", () => {
  const column = testColumn('x', 'int', { comment: 'kept' });
  const table = testTable('t', { columns: [column] });
  const statements = [commentOnTableStatement(table), commentOnColumnStatement(table, column, null), commentOnTypeStatement(testEnum('e', []), 'New')];
  expect(statements).toEqual([
    'COMMENT ON TABLE "public"."t" IS NULL',
    'COMMENT ON COLUMN "public"."t"."x" IS NULL',
    `COMMENT ON TYPE "public"."e" IS 'New'`,
  ]);
  expect(parseEachStatement(statements)).toBe(3);
});
