import { beforeAll, expect, test } from 'vitest';
import { loadSqlParser } from '../sql/parse-sql.js';
import { testIndex, testTable, testUnique } from '../testing/test-ir.js';
import { parseEachStatement } from '../testing/test-parse.js';
import { createIndexStatement } from './create-index-statement.js';

beforeAll(loadSqlParser);

test('unique constraints become unique indexes; indexes omit USING btree', () => {
  const table = testTable('user');
  const statements = [
    createIndexStatement(table, testUnique('user_email_key', ['email'], 'deleted_at IS NULL')),
    createIndexStatement(table, testUnique('user_handle_key', ['handle'])),
    createIndexStatement(table, testIndex('user_settings_idx', ['settings'], { method: 'gin' })),
    createIndexStatement(table, testIndex('user_org_id_created_at_idx', ['org_id', 'created_at'], { origin: 'foreign-key' })),
    createIndexStatement(table, testIndex('user_code_key', ['code'], { unique: true, where: "status <> 'gone'" })),
    createIndexStatement(table, testIndex('user_token_idx', ['token'], { method: 'hash' })),
  ];
  expect(statements).toEqual([
    'CREATE UNIQUE INDEX "user_email_key" ON "public"."user" ("email") WHERE (deleted_at IS NULL)',
    'CREATE UNIQUE INDEX "user_handle_key" ON "public"."user" ("handle")',
    'CREATE INDEX "user_settings_idx" ON "public"."user" USING gin ("settings")',
    'CREATE INDEX "user_org_id_created_at_idx" ON "public"."user" ("org_id", "created_at")',
    `CREATE UNIQUE INDEX "user_code_key" ON "public"."user" ("code") WHERE (status <> 'gone')`,
    'CREATE INDEX "user_token_idx" ON "public"."user" USING hash ("token")',
  ]);
  expect(parseEachStatement(statements)).toBe(6);
});

test('a -- comment ending a predicate cannot swallow the closing parenthesis', () => {
  const table = testTable('user');
  const statements = [
    createIndexStatement(table, testUnique('user_email_key', ['email'], 'deleted_at IS NULL -- live rows')),
    createIndexStatement(table, testIndex('user_code_idx', ['code'], { where: "status <> 'gone' -- kept" })),
  ];
  expect(statements).toEqual([
    'CREATE UNIQUE INDEX "user_email_key" ON "public"."user" ("email") WHERE (deleted_at IS NULL -- live rows\n)',
    `CREATE INDEX "user_code_idx" ON "public"."user" ("code") WHERE (status <> 'gone' -- kept\n)`,
  ]);
  expect(parseEachStatement(statements)).toBe(2);
});

test('CONCURRENTLY, IF NOT EXISTS, ON ONLY, another target and another name', () => {
  const table = testTable('event', { schema: 'audit' });
  const index = testIndex('event_payload_idx', ['payload'], { method: 'gin', where: 'payload IS NOT NULL' });
  const statements = [
    createIndexStatement(table, index, { concurrently: true, ifNotExists: true }),
    createIndexStatement(table, testUnique('event_key', ['id', 'at']), { concurrently: true }),
    createIndexStatement(table, index, { ifNotExists: true }),
    createIndexStatement(table, index, { only: true }),
    createIndexStatement(table, index, { onTable: '"audit"."event_2026"', name: 'event_2026_payload_idx' }),
  ];
  expect(statements).toEqual([
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "event_payload_idx" ON "audit"."event" USING gin ("payload") WHERE (payload IS NOT NULL)',
    'CREATE UNIQUE INDEX CONCURRENTLY "event_key" ON "audit"."event" ("id", "at")',
    'CREATE INDEX IF NOT EXISTS "event_payload_idx" ON "audit"."event" USING gin ("payload") WHERE (payload IS NOT NULL)',
    'CREATE INDEX "event_payload_idx" ON ONLY "audit"."event" USING gin ("payload") WHERE (payload IS NOT NULL)',
    'CREATE INDEX "event_2026_payload_idx" ON "audit"."event_2026" USING gin ("payload") WHERE (payload IS NOT NULL)',
  ]);
  expect(parseEachStatement(statements)).toBe(5);
});
