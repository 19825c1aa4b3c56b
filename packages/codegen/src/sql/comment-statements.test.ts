import { expect, test } from 'vitest';
import { testColumn, testEnum, testSchema, testTable } from '@wesley/ir/testing';
import { commentStatements } from './comment-statements.js';

test('comments on the enums, tables and columns that have one: enums first, each table before its columns', () => {
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
});
