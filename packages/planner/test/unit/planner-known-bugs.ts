// Planner bugs the properties found, until they are fixed (the lead fixes planner code). The
// properties leave out inputs that may hit one (`planInputsWithoutKnownBugs`), so one open bug
// does not hide the next; each has a `test.fails` with the minimal pair fast-check shrank to: when
// that test starts passing, the bug is fixed: delete its entry here.
import type fc from 'fast-check';
import { expect, test } from 'vitest';
import type { SchemaIR } from '@wesley/ir';
import type { FieldModel, SchemaModel, TableModel } from '@wesley/testkit/arbitraries';
import { columnNameProblems, lockLifetimeProblems } from './plan-checks.js';
import { planMigration } from '../../src/plan-migration.js';
import type { Plan, PlanOptions, ServerFacts } from '../../src/types.js';
import { compileFresh, type PlanInput } from './plan-inputs.js';

export type PlannerProperty = 'identity' | 'well-formed' | 'safety' | 'versions';

export interface PlannerKnownBug {
  readonly id: string;
  /** What goes wrong. */
  readonly summary: string;
  /** The test file whose property finds it (and runs its test.fails). */
  readonly property: PlannerProperty;
  /** The smallest pair that shows it (`to` only for an identity bug: from = to). */
  readonly from: string;
  readonly to: string;
  readonly facts: ServerFacts;
  readonly options?: PlanOptions;
  /** The problems the pair's plan shows: non-empty while the bug is open. */
  readonly problems: (plan: Plan, from: SchemaIR, to: SchemaIR) => string[];
  /** True for a pair that may hit it (over-approximating is fine: it only skips inputs). */
  readonly matches: (from: SchemaModel, to: SchemaModel) => boolean;
}

/** The table of `from` a table of `to` was: the same type name, or the one it is @renamedFrom. */
function previousTable(from: SchemaModel, table: TableModel): TableModel | undefined {
  return from.tables.find((o) => o.name === table.name) ?? from.tables.find((o) => o.name === table.renamedFrom);
}

/** Tables of `from` that `to` no longer has (under any name). */
function droppedTables(from: SchemaModel, to: SchemaModel): TableModel[] {
  return from.tables.filter((o) => !to.tables.some((t) => previousTable(from, t) === o));
}

// An entry: a stable id, what goes wrong, the property that found it, the minimal pair fast-check
// shrank to, the check that shows it, and a predicate over the pair's models. Fixed bugs move to
// plan-regressions.test.ts.
export const PLANNER_KNOWN_BUGS: readonly PlannerKnownBug[] = [
];

/** The open bugs a pair may hit. */
export function plannerBugsIn(from: SchemaModel, to: SchemaModel): PlannerKnownBug[] {
  return PLANNER_KNOWN_BUGS.filter((bug) => bug.matches(from, to));
}

/** The inputs without pairs that may hit an open bug. */
export function planInputsWithoutKnownBugs(arbitrary: fc.Arbitrary<PlanInput>): fc.Arbitrary<PlanInput> {
  return arbitrary.filter((input) => plannerBugsIn(input.pair.from.model, input.pair.to.model).length === 0);
}

/**
 * Registers, for each open bug of a property, a `test.fails` that plans its minimal pair and
 * expects no problems: it keeps failing while the bug is open; once it passes, delete the entry.
 */
export function testKnownBugs(property: PlannerProperty): void {
  for (const bug of PLANNER_KNOWN_BUGS.filter((b) => b.property === property)) {
    test.fails(`known planner bug ${bug.id}: its minimal pair plans cleanly`, async () => {
      const from = await compileFresh(bug.from);
      const to = await compileFresh(bug.to);
      expect(bug.problems(planMigration(from, to, bug.facts, bug.options), from, to)).toEqual([]);
    });
  }
}
