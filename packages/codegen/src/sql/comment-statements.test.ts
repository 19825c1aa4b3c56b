import { beforeAll, expect, test } from 'vitest';
import { commentStatements } from './comment-statements.js';
import { testColumn, testEnum, testSchema, testTable } from './test-ir.js';
import { loadParser, parseEachStatement } from './test-parse.js';

beforeAll(loadParser);

test('comments on enums, tables and columns, quotes doubled', () => {
  const ir = testSchema({
    enums: [testEnum('role', ['a'], { comment: "Who's who" }), testEnum('plain', ['b'])],
    tables: [testTable('user', { comment: 'People', columns: [testColumn('order', 'int', { comment: "The user's\norder" }), testColumn('x', 'int')] })],
  });
  const statements = commentStatements(ir);
  expect(statements).toEqual([
    `COMMENT ON TYPE "public"."role" IS 'Who''s who'`,
    `COMMENT ON TABLE "public"."user" IS 'People'`,
    `COMMENT ON COLUMN "public"."user"."order" IS 'The user''s\norder'`,
  ]);
  expect(parseEachStatement([{ title: 'c', statements }])).toBe(3);
});
