import { isWesleyError } from '@wesley/ir';
import { testColumn, testSchema, testTable } from '@wesley/ir/testing';
import { expect, test } from 'vitest';
import { CODEGEN_ERROR_CODES } from '../errors.js';
import { createUpdatedAtTriggers } from './create-updated-at-triggers.js';

const touch = { schema: 'wesley', name: 'touch_updated_at', purpose: 'touch-updated-at' } as const;
const updatedAt = (name = 'updated_at') => testColumn(name, 'timestamp with time zone', { updatedAt: true, nullable: false });

test('the triggers of every table with an updatedAt column, in table order, calling the IR touch function', () => {
  const ir = testSchema({
    functions: [{ schema: 'auth', name: 'jwt_claim', purpose: 'jwt-claim' }, touch],
    tables: [testTable('plain', { columns: [testColumn('id', 'int')] }), testTable('b', { columns: [updatedAt()] }), testTable('a', { columns: [updatedAt('seen_at')] })],
  });
  expect(createUpdatedAtTriggers(ir)).toEqual([
    `CREATE TRIGGER "b_updated_at_touch" BEFORE UPDATE ON "public"."b" FOR EACH ROW EXECUTE FUNCTION "wesley"."touch_updated_at"('updated_at')`,
    `CREATE TRIGGER "a_seen_at_touch" BEFORE UPDATE ON "public"."a" FOR EACH ROW EXECUTE FUNCTION "wesley"."touch_updated_at"('seen_at')`,
  ]);
  expect(createUpdatedAtTriggers(testSchema({ tables: [testTable('plain', { columns: [testColumn('id', 'int')] })] }))).toEqual([]);
});

test('an updatedAt column without a touch function in the IR is an error, not a silently missing trigger', () => {
  const ir = testSchema({ tables: [testTable('user', { columns: [updatedAt()] })] });
  let caught: unknown;
  try {
    createUpdatedAtTriggers(ir);
  } catch (error) {
    caught = error;
  }
  expect(isWesleyError(caught) && caught.code).toBe(CODEGEN_ERROR_CODES.missingFunction);
});
