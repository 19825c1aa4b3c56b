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
//
// The servers run concurrently. On PostgreSQL 15+ the scenarios of a server do too, each in
// databases of its own; before 15 they run one at a time: observeStep's cumulative scan counters
// come from the statistics collector, whose freshness check is server-wide, so another database's
// activity could pass off stale counters as settled.
import { catalogSnapshot, createDatabase, withClient, type CatalogSnapshot, type ServerInfo, type TestDatabase } from '@wesley/testkit';
import { testServers } from '@wesley/testkit/vitest';
import { describe, test } from 'vitest';
import { planMigration } from '../../src/plan-migration.js';
import { STEP_KINDS, type Refusal, type StepKind } from '../../src/types.js';
import { claimDiscrepancies, observeStep } from './observe-step.js';
import { PLAN_SCENARIOS, type PlanScenario } from './plan-scenarios.js';
import { compileSdl, executePlan, nullCount, readFacts, rowCounts, rowExclusiveBlockers } from './run-plan.js';

interface KnownDiscrepancy {
  readonly id: string;
  /** The scenarios it shows in (`coverage` for the step-kind coverage test). */
  readonly scenarios: readonly string[];
  readonly majors: { readonly min?: number; readonly max?: number };
  /** Matches each discrepancy line it explains (`<step id> (<kind>): <problem>`, `catalog <section>: ...`, `coverage: ...`). */
  readonly lines: RegExp;
  /** What the planner gets wrong: claimed vs observed, and the SQL. */
  readonly problem: string;
}

/** Planner bugs these tests found, open until the planner is fixed (the lead fixes planner code). */
export const KNOWN_PLANNER_DISCREPANCIES: readonly KnownDiscrepancy[] = [
];

const inMajors = (k: KnownDiscrepancy, major: number) => major >= (k.majors.min ?? 0) && major <= (k.majors.max ?? Infinity);
const applies = (k: KnownDiscrepancy, scenario: string, major: number) => k.scenarios.includes(scenario) && inMajors(k, major);

const explainedBy = (known: readonly KnownDiscrepancy[]) => (line: string) => known.some((k) => k.lines.test(line));

const TEST_TIMEOUT_MS = 180_000;

interface ScenarioResult {
  /** Discrepancies, one line each. */
  readonly lines: string[];
  readonly refused: readonly Refusal[];
  /** Kinds of the steps that ran. */
  readonly kinds: StepKind[];
}

describe.concurrent.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (major, server) => {
  /** Results per scenario, read by the coverage and known-discrepancy tests that run after them. */
  const results = new Map<string, ScenarioResult>();
  const concurrent = major >= 15;

  for (const scenario of PLAN_SCENARIOS) {
    test(
      `${scenario.name}: every claim holds, and the migrated database equals a fresh v2`,
      { concurrent, sequential: !concurrent, skip: major < (scenario.minMajor ?? 11), timeout: TEST_TIMEOUT_MS },
      async ({ expect }) => {
        const result = await withDatabases(server, 2, ([fresh, db]) => runScenario(server, scenario, fresh!, db!));
        results.set(scenario.name, result);
        expect(result.refused, 'the scenario plans everything it changes').toEqual([]);
        const unexplained = result.lines.filter((line) => !explainedBy(KNOWN_PLANNER_DISCREPANCIES.filter((k) => applies(k, scenario.name, major)))(line));
        expect(unexplained, unexplained.join('\n')).toEqual([]);
      },
    );
  }

  test.sequential('the scenarios execute every step kind', ({ expect }) => {
    const executed = new Set([...results.values()].flatMap((r) => r.kinds));
    const lines = STEP_KINDS.filter((kind) => !executed.has(kind)).map((kind) => `coverage: no scenario executed a ${kind} step`);
    results.set('coverage', { lines, refused: [], kinds: [] });
    const unexplained = lines.filter((line) => !explainedBy(KNOWN_PLANNER_DISCREPANCIES.filter((k) => applies(k, 'coverage', major)))(line));
    expect(unexplained, unexplained.join('\n')).toEqual([]);
  });

  for (const known of KNOWN_PLANNER_DISCREPANCIES.filter((k) => inMajors(k, major))) {
    test.sequential.fails(`known planner discrepancy ${known.id} (${known.scenarios.join(', ')})`, ({ expect }) => {
      const lines = known.scenarios.flatMap((scenario) => {
        expect(results.has(scenario), `the ${scenario} test ran`).toBe(true);
        return results.get(scenario)!.lines;
      });
      expect(lines.filter((line) => known.lines.test(line)), known.problem).toEqual([]);
    });
  }
});

/** Runs `fn` with `n` fresh databases and drops them afterwards (concurrent tests cannot use onTestFinished). */
async function withDatabases<T>(server: ServerInfo, n: number, fn: (dbs: TestDatabase[]) => Promise<T>): Promise<T> {
  const dbs = await Promise.all(Array.from({ length: n }, () => createDatabase(server)));
  try {
    return await fn(dbs);
  } finally {
    await Promise.all(dbs.map((db) => db.drop()));
  }
}

/** Builds a fresh v2 in `fresh` and v1 in `db`, fills v1, migrates it step by step under observation, and compares. */
async function runScenario(server: ServerInfo, scenario: PlanScenario, fresh: TestDatabase, db: TestDatabase): Promise<ScenarioResult> {
  const from = await compileSdl(scenario.v1);
  const to = await compileSdl(scenario.v2);
  const lines: string[] = [];
  const kinds: StepKind[] = [];

  await executePlan(fresh.url, planMigration(null, to, { serverVersionNum: server.versionNum }));
  const expected = await withClient(fresh.url, catalogSnapshot);

  await executePlan(db.url, planMigration(null, from, { serverVersionNum: server.versionNum }));
  const { facts, before } = await withClient(db.url, async (client) => {
    await client.query(scenario.fill);
    for (const statement of scenario.prepare ?? []) {
      const error = await client.query(statement.sql).then(() => null, (e: Error) => e);
      if (statement.fails ? !error || !statement.fails.test(error.message) : error) {
        throw new Error(`prepare: ${statement.sql}: expected ${statement.fails ? `failure ${statement.fails}` : 'success'}, got ${error?.message ?? 'success'}`);
      }
    }
    // Statistics as autovacuum keeps them on a live database: without them PostgreSQL guesses the
    // row count from the pages and may read a small table in full where it would use an index.
    await client.query('ANALYZE');
    return { facts: await readFacts(client), before: await rowCounts(client) };
  });
  const plan = planMigration(from, to, facts, scenario.options);

  // Tables earlier steps created: empty when created, so reading them reads no existing data.
  const createdByPlan = new Set<string>();
  for (const step of plan.steps) {
    const label = `${step.id} (${step.kind})`;
    if (step.kind === 'create-table' || step.kind === 'create-partition') createdByPlan.add(step.id.replace(/^\d+-create-(table|partition)-/, ''));
    let observation;
    try {
      const blockers = step.transactional ? undefined : await withClient(db.url, rowExclusiveBlockers);
      observation = await observeStep(db, step, { blockers });
    } catch (error) {
      // The database is half-migrated: nothing after this step would say anything.
      lines.push(`${label}: failed: ${(error as Error).message.split('\n')[0]} [sql ${oneLine(step.sql)}]`);
      return { lines, refused: plan.refused, kinds };
    }
    kinds.push(step.kind);
    const observed = observation.locks.map((l) => `${l.table} ${l.mode}`).join(', ') || 'none';
    for (const problem of claimDiscrepancies(observation, step, createdByPlan)) lines.push(`${label}: ${problem} [observed locks ${observed}; sql ${oneLine(step.sql)}]`);
  }

  lines.push(...catalogDifferences(await withClient(db.url, catalogSnapshot), expected));
  await withClient(db.url, async (client) => {
    const after = await rowCounts(client);
    for (const [oid, { name, rows }] of before) {
      const now = after.get(oid);
      if (now && now.rows !== rows) lines.push(`rows: ${name} (now ${now.name}) had ${rows} rows, has ${now.rows}`);
    }
    for (const step of plan.steps) {
      if (!step.backfill) continue;
      const nulls = await nullCount(client, step.backfill.table, step.backfill.column);
      if (nulls !== null && nulls > 0) lines.push(`${step.id} (backfill-column): ${nulls} rows of ${step.backfill.table} still have ${step.backfill.column} NULL`);
    }
  });
  return { lines, refused: plan.refused, kinds };
}

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
