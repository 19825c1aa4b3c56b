import { beforeAll, expect, test } from 'vitest';
import { loadSqlParser } from '../sql/parse-sql.js';
import { testLocation, testPolicy, testTable } from '../testing/test-ir.js';
import { parseEachStatement } from '../testing/test-parse.js';
import { rowLevelSecurityStatements } from './row-level-security-statements.js';

beforeAll(loadSqlParser);

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
  const statements = rowLevelSecurityStatements(table);
  expect(statements).toEqual([
    'ALTER TABLE "public"."order" ENABLE ROW LEVEL SECURITY',
    'ALTER TABLE "public"."order" FORCE ROW LEVEL SECURITY',
    `CREATE POLICY "order_tenant" ON "public"."order"\n  AS RESTRICTIVE FOR ALL TO PUBLIC\n  USING (${tenant})\n  WITH CHECK (${tenant})`,
    'CREATE POLICY "order_select" ON "public"."order"\n  AS PERMISSIVE FOR SELECT TO PUBLIC\n  USING (true)',
    'CREATE POLICY "order_insert" ON "public"."order"\n  AS PERMISSIVE FOR INSERT TO "app_user", "Admin"\n  WITH CHECK (amount >= 0)',
    'CREATE POLICY "order_update" ON "public"."order"\n  AS PERMISSIVE FOR UPDATE TO PUBLIC, "app_user"\n  USING (true)\n  WITH CHECK (true)',
    'CREATE POLICY "order_delete" ON "public"."order"\n  AS PERMISSIVE FOR DELETE TO "app_user", CURRENT_USER, SESSION_USER\n  USING (false)',
  ]);
  expect(parseEachStatement(statements)).toBe(7);
});

test('no rls, or rls neither enabled nor forced', () => {
  expect(rowLevelSecurityStatements(testTable('t'))).toEqual([]);
  expect(rowLevelSecurityStatements(testTable('t', { rls: { enabled: false, force: false, policies: [] } }))).toEqual([]);
});

test('a partitioned table: every partition gets RLS and the same policies, or a partition would bypass them', () => {
  const table = testTable('event', {
    partitioning: {
      strategy: 'range',
      columns: ['at'],
      partitions: [
        { name: 'event_2026', bound: "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')", location: testLocation },
        { name: 'event_default', bound: 'DEFAULT', location: testLocation },
      ],
    },
    rls: { enabled: true, force: true, policies: [testPolicy('event_tenant', { permissive: false, using: tenant, withCheck: tenant })] },
  });
  const statements = rowLevelSecurityStatements(table);
  const on = (name: string) => [
    `ALTER TABLE "public"."${name}" ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE "public"."${name}" FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY "event_tenant" ON "public"."${name}"\n  AS RESTRICTIVE FOR ALL TO PUBLIC\n  USING (${tenant})\n  WITH CHECK (${tenant})`,
  ];
  expect(statements).toEqual([...on('event'), ...on('event_2026'), ...on('event_default')]);
  expect(parseEachStatement(statements)).toBe(9);
  // Enabled but not forced: no FORCE on the partitions either.
  const unforced = rowLevelSecurityStatements({ ...table, rls: { enabled: true, force: false, policies: [] } });
  expect(unforced).toEqual(['event', 'event_2026', 'event_default'].map((n) => `ALTER TABLE "public"."${n}" ENABLE ROW LEVEL SECURITY`));
});

test('a -- comment ending USING or WITH CHECK cannot swallow the closing parenthesis', () => {
  const statements = rowLevelSecurityStatements(testTable('t', { rls: { enabled: false, force: false, policies: [testPolicy('t_p', { using: 'true -- all', withCheck: 'false -- none' })] } }));
  expect(statements).toEqual(['CREATE POLICY "t_p" ON "public"."t"\n  AS PERMISSIVE FOR ALL TO PUBLIC\n  USING (true -- all\n)\n  WITH CHECK (false -- none\n)']);
  expect(parseEachStatement(statements)).toBe(1);
});
