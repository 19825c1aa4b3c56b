import { beforeAll, expect, test } from 'vitest';
import { addForeignKeys } from './add-foreign-keys.js';
import { testForeignKey, testTable } from './test-ir.js';
import { loadParser, parseEachStatement } from './test-parse.js';

beforeAll(loadParser);

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
  const statements = addForeignKeys(table);
  expect(statements).toEqual([
    'ALTER TABLE "app"."membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user" ("id") ON DELETE CASCADE',
    'ALTER TABLE "app"."membership" ADD CONSTRAINT "membership_org_fkey" FOREIGN KEY ("org_id", "region") REFERENCES "public"."org" ("id", "region") ON DELETE SET NULL ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED',
    'ALTER TABLE "app"."membership" ADD CONSTRAINT "membership_parent_fkey" FOREIGN KEY ("parent_id") REFERENCES "app"."membership" ("id") ON UPDATE SET DEFAULT DEFERRABLE INITIALLY IMMEDIATE',
    'ALTER TABLE "app"."membership" ADD CONSTRAINT "membership_plan_fkey" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"',
  ]);
  expect(parseEachStatement([{ title: 'fk', statements }])).toBe(4);
});
