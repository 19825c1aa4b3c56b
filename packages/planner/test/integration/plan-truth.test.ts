// Plan truth (issue #4): for each schema pair of plan-scenarios.ts, on every selected server:
// create v1 from its own plan, fill it with rows, plan v2 from facts read off the database, run
// every step under observeStep and compare what PostgreSQL did (locks, rewrites, scans, index
// builds) with what the step claims; then the migrated database must equal a fresh v2 (catalog
// snapshots), keep its rows and leave no NULL in a backfilled column. Together the scenarios must
// execute every step kind on every major.
//
// Where the planner is wrong, the discrepancy stays listed in KNOWN_PLANNER_DISCREPANCIES until it
// is fixed: the scenario test accepts exactly the lines an entry explains, and the entry's own
// test.fails asserts they are gone, so it starts failing (flips) once the planner is fixed.
import { catalogSnapshot, withClient, type CatalogSnapshot } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { planMigration } from '../../src/plan-migration.js';
import { STEP_KINDS, type StepKind } from '../../src/types.js';
import { claimDiscrepancies, observeStep } from './observe-step.js';
import { PLAN_SCENARIOS, type PlanScenario } from './plan-scenarios.js';
import { compileSdl, executePlan, executeStep, nullCount, readFacts, rowCounts } from './run-plan.js';

interface KnownDiscrepancy {
  readonly id: string;
  /** The scenario it shows in (`coverage` for the step-kind coverage test). */
  readonly scenario: string;
  readonly majors: { readonly min?: number; readonly max?: number };
  /** Matches each discrepancy line it explains (`<step id> (<kind>): <problem>`, `catalog <section> ...`, `coverage: ...`). */
  readonly lines: RegExp;
  /** What the planner gets wrong, claimed vs observed, and the SQL. */
  readonly problem: string;
}

/** Planner bugs these tests found, until the planner is fixed. */
export const KNOWN_PLANNER_DISCREPANCIES: readonly KnownDiscrepancy[] = [];

const applies = (k: KnownDiscrepancy, scenario: string, major: number) =>
  k.scenario === scenario && major >= (k.majors.min ?? 0) && major <= (k.majors.max ?? Infinity);

const TEST_TIMEOUT_MS = 180_000;

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (major, server) => {
  const executedKinds = new Set<StepKind>();
  /** Discrepancy lines per scenario (filled by the scenario tests, read by the known-discrepancy tests). */
  const found = new Map<string, string[]>();

  async function runScenario(scenario: PlanScenario): Promise<string[]> {
    const from = await compileSdl(scenario.v1);
    const to = await compileSdl(scenario.v2);
    const lines: string[] = [];

    // A fresh v2, to compare with.
    const fresh = await createTestDatabase(server);
    await executePlan(fresh.url, planMigration(null, to, { serverVersionNum: server.versionNum }));
    const expected = await withClient(fresh.url, catalogSnapshot);

    // v1, filled, then the v2 plan from its facts.
    const db = await createTestDatabase(server);
    await executePlan(db.url, planMigration(null, from, { serverVersionNum: server.versionNum }));
    const { facts, before } = await withClient(db.url, async (client) => {
      await client.query(scenario.fill);
      for (const statement of scenario.prepare ?? []) {
        const outcome = await client.query(statement.sql).then(() => null, (error: Error) => error);
        if (statement.fails ? !outcome || !statement.fails.test(outcome.message) : outcome) {
          throw new Error(`prepare: ${statement.sql}: expected ${statement.fails ? `failure ${statement.fails}` : 'success'}, got ${outcome?.message ?? 'success'}`);
        }
      }
      return { facts: await readFacts(client), before: await rowCounts(client) };
    });
    const plan = planMigration(from, to, facts, scenario.options);
    expect(plan.refused, 'the scenario plans everything it changes').toEqual([]);

    for (const step of plan.steps) {
      const label = `${step.id} (${step.kind})`;
      let observation;
      try {
        observation = await observeStep(db, step);
      } catch (error) {
        lines.push(`${label}: failed: ${(error as Error).message.split('\n')[0]} [sql ${oneLine(step.sql)}]`);
        return lines; // the database is half-migrated: nothing after this step says anything
      }
      executedKinds.add(step.kind);
      for (const problem of claimDiscrepancies(observation, step)) {
        lines.push(`${label}: ${problem} [observed locks ${observation.locks.map((l) => `${l.table} ${l.mode}`).join(', ') || 'none'}; sql ${oneLine(step.sql)}]`);
      }
    }

    const migrated = await withClient(db.url, catalogSnapshot);
    lines.push(...catalogDifferences(migrated, expected));
    await withClient(db.url, async (client) => {
      const after = await rowCounts(client);
      for (const [oid, { name, rows }] of before) {
        const now = after.get(oid);
        if (now && now.rows !== rows) lines.push(`rows: ${name} (now ${now.name}) had ${rows} rows, has ${now.rows}`);
      }
      for (const step of plan.steps) {
        if (!step.backfill) continue;
        const nulls = await nullCount(client, step.backfill.table, step.backfill.column);
        if (nulls > 0) lines.push(`${step.id} (backfill-column): ${nulls} rows of ${step.backfill.table} still have ${step.backfill.column} NULL`);
      }
    });
    return lines;
  }

  for (const scenario of PLAN_SCENARIOS) {
    test.skipIf(major < (scenario.minMajor ?? 11))(
      `${scenario.name}: every claim holds, and the migrated database equals a fresh v2`,
      async () => {
        const lines = await runScenario(scenario);
        found.set(scenario.name, lines);
        const known = KNOWN_PLANNER_DISCREPANCIES.filter((k) => applies(k, scenario.name, major));
        const unexplained = lines.filter((line) => !known.some((k) => k.lines.test(line)));
        expect(unexplained, unexplained.join('\n')).toEqual([]);
      },
      TEST_TIMEOUT_MS,
    );
  }

  test('the scenarios execute every step kind', () => {
    const lines = STEP_KINDS.filter((kind) => !executedKinds.has(kind)).map((kind) => `coverage: no scenario executed a ${kind} step`);
    found.set('coverage', lines);
    const known = KNOWN_PLANNER_DISCREPANCIES.filter((k) => applies(k, 'coverage', major));
    expect(lines.filter((line) => !known.some((k) => k.lines.test(line)))).toEqual([]);
  });

  for (const known of KNOWN_PLANNER_DISCREPANCIES.filter((k) => applies(k, k.scenario, major))) {
    test.fails(`known planner discrepancy ${known.id} (${known.scenario}): ${known.problem}`, () => {
      expect(found.has(known.scenario), `the ${known.scenario} test ran`).toBe(true);
      expect(found.get(known.scenario)!.filter((line) => known.lines.test(line))).toEqual([]);
    });
  }
});

const oneLine = (sql: readonly string[]) => sql.join('; ').replace(/\s+/g, ' ');

/** Rows one snapshot has and the other lacks, per section, one line each. */
function catalogDifferences(migrated: CatalogSnapshot, fresh: CatalogSnapshot): string[] {
  const lines: string[] = [];
  for (const section of Object.keys(fresh) as (keyof CatalogSnapshot)[]) {
    const a = migrated[section].map((row) => JSON.stringify(row));
    const b = fresh[section].map((row) => JSON.stringify(row));
    for (const row of a) if (!b.includes(row)) lines.push(`catalog ${section}: only the migrated database has ${row}`);
    for (const row of b) if (!a.includes(row)) lines.push(`catalog ${section}: only a fresh v2 has ${row}`);
  }
  return lines;
}
