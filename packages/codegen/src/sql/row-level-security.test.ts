import { beforeAll, expect, test } from 'vitest';
import { rowLevelSecurity } from './row-level-security.js';
import { testPolicy, testTable } from './test-ir.js';
import { loadParser, parseEachStatement } from './test-parse.js';

beforeAll(loadParser);

const tenant = `org_id = ("auth"."jwt_claim"('org_id'))::uuid`;

test('enable, force, then restrictive and permissive policies with only the clauses they have', () => {
  const table = testTable('order', {
    rls: {
      enabled: true,
      force: true,
      policies: [
        testPolicy('order_tenant', { permissive: false, using: tenant, withCheck: tenant }),
        testPolicy('order_select', { command: 'select', roles: ['public'], using: 'true' }),
        testPolicy('order_insert', { command: 'insert', roles: ['app_user', 'Admin'], withCheck: 'amount >= 0' }),
        testPolicy('order_update', { command: 'update', roles: ['PUBLIC', 'app_user'], using: 'true', withCheck: 'true' }),
        testPolicy('order_delete', { command: 'delete', roles: ['app_user', 'current_user', 'Session_User'], using: 'false' }),
      ],
    },
  });
  const statements = rowLevelSecurity(table);
  expect(statements).toEqual([
    'ALTER TABLE "public"."order" ENABLE ROW LEVEL SECURITY',
    'ALTER TABLE "public"."order" FORCE ROW LEVEL SECURITY',
    `CREATE POLICY "order_tenant" ON "public"."order"\n  AS RESTRICTIVE FOR ALL TO PUBLIC\n  USING (${tenant})\n  WITH CHECK (${tenant})`,
    'CREATE POLICY "order_select" ON "public"."order"\n  AS PERMISSIVE FOR SELECT TO PUBLIC\n  USING (true)',
    'CREATE POLICY "order_insert" ON "public"."order"\n  AS PERMISSIVE FOR INSERT TO "app_user", "Admin"\n  WITH CHECK (amount >= 0)',
    'CREATE POLICY "order_update" ON "public"."order"\n  AS PERMISSIVE FOR UPDATE TO PUBLIC, "app_user"\n  USING (true)\n  WITH CHECK (true)',
    'CREATE POLICY "order_delete" ON "public"."order"\n  AS PERMISSIVE FOR DELETE TO "app_user", CURRENT_USER, SESSION_USER\n  USING (false)',
  ]);
  expect(parseEachStatement([{ title: 'rls', statements }])).toBe(7);
});

test('no rls, or rls neither enabled nor forced', () => {
  expect(rowLevelSecurity(testTable('t'))).toEqual([]);
  expect(rowLevelSecurity(testTable('t', { rls: { enabled: false, force: false, policies: [] } }))).toEqual([]);
});
