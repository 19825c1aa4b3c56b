import { beforeAll, expect, test } from 'vitest';
import { testForeignKey, testTable } from '../testing/test-ir.js';
import { addForeignKeyStatement } from './add-foreign-key-statement.js';
import { loadSqlParser } from '../sql/parse-sql.js';
import { parseEachStatement } from '../testing/test-parse.js';

beforeAll(loadSqlParser);

test('actions other than NO ACTION and deferrability are spelled out', () => {
  const table = testTable('membership', {
    schema: 'app',
    foreignKeys: [
      testForeignKey('membership_user_id_fkey', ['user_id'], 'user', ['id'], { onDelete: 'CASCADE' }),
      testForeignKey('membership_org_fkey', ['org_id', 'region'], 'org', ['id', 'region'], {
        onDelete: 'SET NULL', onUpdate: 'RESTRICT', deferrable: 'initially deferred',
      }),
      testForeignKey('membership_parent_fkey', ['parent_id'], 'membership', ['id'], {
        references: { schema: 'app', name: 'membership', columns: ['id'] }, onUpdate: 'SET DEFAULT', deferrable: 'initially immediate',
      }),
      testForeignKey('membership_plan_fkey', ['plan_id'], 'plan', []),
    ],
  });
  const statements = table.foreignKeys.map((fk) => addForeignKeyStatement(table, fk));
  expect(statements).toEqual([
    'ALTER TABLE "app"."membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user" ("id") ON DELETE CASCADE',
    'ALTER TABLE "app"."membership" ADD CONSTRAINT "membership_org_fkey" FOREIGN KEY ("org_id", "region") REFERENCES "public"."org" ("id", "region") ON DELETE SET NULL ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED',
    'ALTER TABLE "app"."membership" ADD CONSTRAINT "membership_parent_fkey" FOREIGN KEY ("parent_id") REFERENCES "app"."membership" ("id") ON UPDATE SET DEFAULT DEFERRABLE INITIALLY IMMEDIATE',
    'ALTER TABLE "app"."membership" ADD CONSTRAINT "membership_plan_fkey" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"',
  ]);
  expect(parseEachStatement(statements)).toBe(4);
});

test('NOT VALID goes last; another target replaces the table', () => {
  const table = testTable('event', { schema: 'audit' });
  const fk = testForeignKey('event_org_id_fkey', ['org_id'], 'org', ['id'], { onDelete: 'CASCADE', deferrable: 'initially deferred' });
  const statements = [
    addForeignKeyStatement(table, fk, { notValid: true }),
    addForeignKeyStatement(table, fk, { onTable: '"audit"."event_2026"' }),
  ];
  expect(statements).toEqual([
    'ALTER TABLE "audit"."event" ADD CONSTRAINT "event_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."org" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED NOT VALID',
    'ALTER TABLE "audit"."event_2026" ADD CONSTRAINT "event_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."org" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED',
  ]);
  expect(parseEachStatement(statements)).toBe(2);
});
