import { beforeAll, expect, test } from 'vitest';
import { createIndexes } from './create-indexes.js';
import { testIndex, testTable, testUnique } from './test-ir.js';
import { loadParser, parseEachStatement } from './test-parse.js';

beforeAll(loadParser);

test('partial unique constraints become unique indexes; indexes omit USING btree', () => {
  const table = testTable('user', {
    uniques: [testUnique('user_email_key', ['email'], 'deleted_at IS NULL'), testUnique('user_handle_key', ['handle'])],
    indexes: [
      testIndex('user_settings_idx', ['settings'], { method: 'gin' }),
      testIndex('user_org_id_created_at_idx', ['org_id', 'created_at'], { origin: 'foreign-key' }),
      testIndex('user_code_key', ['code'], { unique: true, where: "status <> 'gone'" }),
      testIndex('user_token_idx', ['token'], { method: 'hash' }),
    ],
  });
  const statements = createIndexes(table);
  expect(statements).toEqual([
    'CREATE UNIQUE INDEX "user_email_key" ON "public"."user" ("email") WHERE (deleted_at IS NULL)',
    'CREATE INDEX "user_settings_idx" ON "public"."user" USING gin ("settings")',
    'CREATE INDEX "user_org_id_created_at_idx" ON "public"."user" ("org_id", "created_at")',
    `CREATE UNIQUE INDEX "user_code_key" ON "public"."user" ("code") WHERE (status <> 'gone')`,
    'CREATE INDEX "user_token_idx" ON "public"."user" USING hash ("token")',
  ]);
  expect(parseEachStatement([{ title: 'i', statements }])).toBe(5);
});

test('a -- comment ending a predicate cannot swallow the closing parenthesis', () => {
  const table = testTable('user', {
    uniques: [testUnique('user_email_key', ['email'], 'deleted_at IS NULL -- live rows')],
    indexes: [testIndex('user_code_idx', ['code'], { where: "status <> 'gone' -- kept" })],
  });
  const statements = createIndexes(table);
  expect(statements).toEqual([
    'CREATE UNIQUE INDEX "user_email_key" ON "public"."user" ("email") WHERE (deleted_at IS NULL -- live rows\n)',
    `CREATE INDEX "user_code_idx" ON "public"."user" ("code") WHERE (status <> 'gone' -- kept\n)`,
  ]);
  expect(parseEachStatement([{ title: 'i', statements }])).toBe(2);
});

test('a table without indexes yields nothing', () => {
  expect(createIndexes(testTable('t', { uniques: [testUnique('t_a_key', ['a'])] }))).toEqual([]);
});
