// Changes made behind Wesley's back: each scenario migrates a database to the schema, changes one
// thing with plain SQL, and expects the report to name exactly that difference and nothing else;
// then runs the suggested fix and expects the check to come back clean.
import { generateSql } from '@wesley/codegen';
import { compileSchema, formatError, type SchemaIR } from '@wesley/ir';
import type { Plan } from '@wesley/planner';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import pg from 'pg';
import { beforeAll, describe, expect, test } from 'vitest';
import { executeMigration } from '@wesley/executor';
import { checkDrift, type DriftDifference } from '../../src/index.js';

const SDL = `
type Team @table @tenant(by: "orgId", claim: "org_id") {
  id: ID! @pk @default(expr: "gen_random_uuid()")
  orgId: UUID!
  name: String! @column(type: "varchar(100)") @check(expr: "char_length(name) > 0")
  email: String @unique(where: "email IS NOT NULL")
  size: Int! @default(value: 0)
  createdAt: DateTime! @default(expr: "now()") @index
}
`;

interface Scenario {
  readonly name: string;
  /** The change made behind Wesley's back. */
  readonly sql: string[];
  readonly expected: Array<Pick<DriftDifference, 'kind' | 'object' | 'path'> & Partial<Pick<DriftDifference, 'field'>>>;
  /** The fix needs --unsafe (a drop or a rewrite). */
  readonly unsafe?: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: 'drop a column', sql: ['ALTER TABLE public.team DROP COLUMN size'], expected: [{ kind: 'missing', object: 'column', path: 'public.team.size' }] },
  { name: 'change a type', sql: ['ALTER TABLE public.team ALTER COLUMN name TYPE text'], expected: [{ kind: 'changed', object: 'column', path: 'public.team.name', field: 'type' }], unsafe: true },
  { name: 'add an index', sql: ['CREATE INDEX team_name_idx ON public.team (name)'], expected: [{ kind: 'extra', object: 'index', path: 'public.team.team_name_idx' }], unsafe: true },
  { name: 'drop a policy', sql: ['DROP POLICY team_tenant_select ON public.team'], expected: [{ kind: 'missing', object: 'policy', path: 'public.team.team_tenant_select' }] },
  {
    name: 'rename a constraint',
    sql: ['ALTER TABLE public.team RENAME CONSTRAINT team_name_check TO team_name_not_empty'],
    expected: [{ kind: 'missing', object: 'check', path: 'public.team.team_name_check' }, { kind: 'extra', object: 'check', path: 'public.team.team_name_not_empty' }],
    unsafe: true,
  },
  {
    name: 'invalidate an index',
    // What a failed CREATE INDEX CONCURRENTLY leaves behind: the index, marked INVALID.
    sql: ["UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'public.team_created_at_idx'::regclass"],
    expected: [{ kind: 'changed', object: 'index', path: 'public.team.team_created_at_idx', field: 'valid' }],
  },
  { name: 'change a default', sql: ["ALTER TABLE public.team ALTER COLUMN size SET DEFAULT 1"], expected: [{ kind: 'changed', object: 'column', path: 'public.team.size', field: 'default' }] },
  { name: 'drop NOT NULL', sql: ['ALTER TABLE public.team ALTER COLUMN name DROP NOT NULL'], expected: [{ kind: 'changed', object: 'column', path: 'public.team.name', field: 'nullable' }] },
];

/** Runs the fix with the executor itself (lock, ledger, retries), as `wesley migrate execute` would. */
async function executeFix(client: pg.Client, plan: Plan): Promise<void> {
  const outcome = await executeMigration(client, { id: 'drift_fix', name: 'drift_fix', fromHash: plan.fromHash, toHash: plan.toHash, checksum: 'drift-fix', plan });
  expect(outcome.status, JSON.stringify(outcome.error)).toBe('applied');
}

let ir: SchemaIR;
beforeAll(async () => {
  const result = await compileSchema([{ name: 'schema.graphql', text: SDL }]);
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  ir = result.ir;
});

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test('a database migrated by Wesley has no drift', async () => {
    const database = await createTestDatabase(server);
    await withClient(database.url, async (client) => {
      await client.query(generateSql(ir));
      const report = await checkDrift(client, ir);
      expect(report.differences).toEqual([]);
      expect(report).toMatchObject({ clean: true, fix: null, expectedHash: report.actualHash });
    });
  });

  test.each(SCENARIOS)('$name: the report names exactly that, and the fix makes it clean', async (scenario) => {
    const database = await createTestDatabase(server);
    await withClient(database.url, async (client) => {
      await client.query(generateSql(ir));
      for (const statement of scenario.sql) await client.query(statement);
      const report = await checkDrift(client, ir, { unsafe: scenario.unsafe ?? false });
      expect(report.differences.map(({ kind, object, path, field }) => ({ kind, object, path, ...(field ? { field } : {}) }))).toEqual(scenario.expected);
      expect(report.clean).toBe(false);
      expect(report.fix, JSON.stringify(report.fixError)).not.toBeNull();
      expect(report.fix!.plan.refused, report.fix!.explain).toEqual([]);
      await executeFix(client, report.fix!.plan);
      const after = await checkDrift(client, ir);
      expect(after.differences).toEqual([]);
      expect(after.actualHash).toBe(after.expectedHash);
    });
  });

  test.each([
    { name: 'a check left NOT VALID', sql: ['ALTER TABLE public.team DROP CONSTRAINT team_name_check', 'ALTER TABLE public.team ADD CONSTRAINT team_name_check CHECK (char_length(name) > 0) NOT VALID'], path: 'public.team.team_name_check', field: 'validated' },
    { name: 'a unique key made DEFERRABLE', sql: ['ALTER TABLE public.team ADD CONSTRAINT team_id_size_key UNIQUE (id, size) DEFERRABLE'], path: 'public.team.team_id_size_key', field: null },
    { name: 'an EXCLUDE constraint added', sql: ['ALTER TABLE public.team ADD CONSTRAINT team_no_twins EXCLUDE USING btree (name WITH =)'], path: 'public.team.team_no_twins', field: null },
  ])('$name: named, and a fix that does not repair it says so', async ({ sql, path, field }) => {
    const database = await createTestDatabase(server);
    await withClient(database.url, async (client) => {
      await client.query(generateSql(ir));
      for (const statement of sql) await client.query(statement);
      const report = await checkDrift(client, ir);
      expect(report.differences.map((d) => d.path)).toContain(path);
      if (field) {
        expect(report.differences).toEqual([expect.objectContaining({ kind: 'changed', path, field })]);
        expect(report.fix).toMatchObject({ complete: false, uncovered: [path] });
      }
    });
  });

  test('--ignore leaves the object out of the report and out of the fix', async () => {
    const database = await createTestDatabase(server);
    await withClient(database.url, async (client) => {
      await client.query(generateSql(ir));
      await client.query('ALTER TABLE public.team ADD COLUMN legacy text');
      await client.query('ALTER TABLE public.team DROP COLUMN size');
      const report = await checkDrift(client, ir, { ignore: ['*.legacy'], unsafe: true });
      expect(report.differences.map((d) => d.path)).toEqual(['public.team.size']);
      expect(report.ignored).toBe(1);
      expect(report.fix!.sql).not.toContain('legacy');
      expect(report.fix!.complete).toBe(true);
    });
  });
});

