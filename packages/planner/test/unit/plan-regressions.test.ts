// The minimal pairs fast-check shrank the planner properties' counterexamples to, kept as plain
// regression tests now that they are fixed (2f294a4). Each names the property that found it.
import { describe, expect, test } from 'vitest';
import { planMigration } from '../../src/plan-migration.js';
import type { Plan, PlanOptions, ServerFacts } from '../../src/types.js';
import { columnNameProblems, lockLifetimeProblems, sqlLifetimeProblems, wellFormedProblems } from './plan-checks.js';
import { compileFresh } from './plan-inputs.js';

const PG16: ServerFacts = { serverVersionNum: 160000 };
const partitioned = (partitions: readonly number[], score: string) =>
  `type User @table @partition(by: RANGE, key: ["createdAt"])\n${partitions.map((y) => `  @partitionValues(name: "user_y${y}", bound: "FROM ('${y}-01-01') TO ('${y + 1}-01-01')")\n`).join('')}` +
  ` {\n  id: ID! @pk\n  createdAt: DateTime! @pk\n  ${score}\n}\n`;

async function plan(from: string, to: string, options: PlanOptions = {}, facts = PG16) {
  const a = await compileFresh(from);
  const b = await compileFresh(to);
  return { plan: planMigration(a, b, facts, options), from: a, to: b };
}

const noOp = (p: Plan) => [...p.steps.map((s) => `step ${s.id}`), ...p.refused.map((r) => `refused ${r.code} ${r.object}`)];

describe('planner regressions found by the properties', () => {
  test('identity: a field that keeps @renamedFrom after the rename shipped plans nothing', async () => {
    const sdl = 'type User @table {\n  id: ID! @pk\n  name: String @renamedFrom(name: "oldName")\n}\n';
    expect(noOp((await plan(sdl, sdl)).plan)).toEqual([]);
  });

  test('well-formed: with --unsafe, a rewriting type change plus a default change does not make an expand step wait for a contract step', async () => {
    const r = await plan('type User @table {\n  id: ID! @pk\n  score: Int! @default(value: 0)\n}\n', 'type User @table {\n  id: ID! @pk\n  score: BigInt!\n}\n', { unsafe: true });
    expect(wellFormedProblems(r.plan, { unsafe: true })).toEqual([]);
  });

  test('lifetime: a partition added with a new index is created before anything builds on or locks it', async () => {
    const r = await plan(partitioned([2025], 'score: Int'), partitioned([2025, 2026], 'score: Int @index'));
    expect([...sqlLifetimeProblems(r.plan), ...lockLifetimeProblems(r.plan)]).toEqual([]);
  });

  test('lifetime: dropping a self-referencing foreign key of a renamed table locks it by its new name', async () => {
    const r = await plan('type User @table {\n  id: ID! @pk\n  ownerId: ID @fk(ref: "User.id")\n}\n', 'type Order @table @renamedFrom(name: "User") {\n  id: ID! @pk\n  ownerId: ID\n}\n', { unsafe: true });
    expect(lockLifetimeProblems(r.plan)).toEqual([]);
  });

  test('column names: renaming onto the name of a dropped column does not rename onto a column that still exists', async () => {
    const from = 'type User @table {\n  id: ID! @pk\n  title: String\n  name: String\n}\n';
    const to = 'type User @table {\n  id: ID! @pk\n  title: String @renamedFrom(name: "name")\n}\n';
    for (const unsafe of [false, true]) {
      const r = await plan(from, to, { unsafe });
      expect(columnNameProblems(r.plan, r.from, r.to)).toEqual([]);
    }
  });

  test('column names: what uses a refused column (its index, foreign key, tenant policies) is refused with it', async () => {
    const r = await plan('type User @table {\n  id: ID! @pk\n}\n', 'type User @table {\n  id: ID! @pk\n  parentId: ID! @fk(ref: "User.id")\n}\n');
    expect(columnNameProblems(r.plan, r.from, r.to)).toEqual([]);
    expect(r.plan.steps).toEqual([]);
    expect(r.plan.refused.map((x) => x.code).sort()).toEqual(['WESLEY_PLAN_DEPENDS_ON_REFUSED', 'WESLEY_PLAN_DEPENDS_ON_REFUSED', 'WESLEY_PLAN_REQUIRED_WITHOUT_DEFAULT']);
  });

  test('lifetime: with --unsafe, a chain of dropped tables is dropped referencing tables first, however long the chain', async () => {
    const from = 'type User @table {\n  id: ID! @pk\n}\ntype Account @table {\n  id: ID! @pk\n  ownerId: ID @fk(ref: "User.id")\n}\n' +
      'type Group @table {\n  id: ID! @pk\n  accountId: ID @fk(ref: "Account.id")\n}\ntype Order @table {\n  id: ID! @pk\n}\n';
    const r = await plan(from, 'type Order @table {\n  id: ID! @pk\n}\n', { unsafe: true });
    expect(lockLifetimeProblems(r.plan)).toEqual([]);
    expect(r.plan.steps.map((s) => s.sql[0])).toEqual(['DROP TABLE "public"."group"', 'DROP TABLE "public"."account"', 'DROP TABLE "public"."user"']);
  });
});
