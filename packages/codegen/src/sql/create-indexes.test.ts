import { expect, test } from 'vitest';
import { testIndex, testTable, testUnique } from '@wesley/ir/testing';
import { createIndexes } from './create-indexes.js';

test('partial unique constraints as unique indexes first, then the indexes; other unique constraints are in CREATE TABLE', () => {
  const table = testTable('user', {
    uniques: [testUnique('user_handle_key', ['handle']), testUnique('user_email_key', ['email'], 'deleted_at IS NULL')],
    indexes: [testIndex('user_settings_idx', ['settings'], { method: 'gin' }), testIndex('user_code_key', ['code'], { unique: true })],
  });
  expect(createIndexes(table)).toEqual([
    'CREATE UNIQUE INDEX "user_email_key" ON "public"."user" ("email") WHERE (deleted_at IS NULL)',
    'CREATE INDEX "user_settings_idx" ON "public"."user" USING gin ("settings")',
    'CREATE UNIQUE INDEX "user_code_key" ON "public"."user" ("code")',
  ]);
});

test('a table without indexes yields nothing', () => {
  expect(createIndexes(testTable('t', { uniques: [testUnique('t_a_key', ['a'])] }))).toEqual([]);
});
