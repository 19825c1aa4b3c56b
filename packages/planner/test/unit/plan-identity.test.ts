// Planning a schema to itself is a no-op, whatever the server version, the table sizes and the
// unsafe switch: no steps, no refusals, risk 0. With the same IR object, and with two separate
// compiles of the same SDL (nothing may depend on object identity).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { knownBugsIn, schemaArbitrary, type GeneratedSchema } from '@wesley/testkit/arbitraries';
import { planMigration } from '../../src/plan-migration.js';
import type { Plan } from '../../src/types.js';
import { compileCached, compileFresh, factsFor, fcParams, sizesArbitrary } from './plan-inputs.js';
import { plannerBugsIn, testKnownBugs } from './planner-known-bugs.js';

const RUNS = 300;

/** A schema (PG 11-compatible with a major from 11, any with a major from 12) and the major; none that hits an open bug. */
const versionedSchema: fc.Arbitrary<{ major: number; schema: GeneratedSchema }> = fc
  .oneof(
    fc.record({ major: fc.integer({ min: 11, max: 18 }), schema: schemaArbitrary({ pg11Compatible: true }) }),
    fc.record({ major: fc.integer({ min: 12, max: 18 }), schema: schemaArbitrary() }),
  )
  .filter(({ schema }) => knownBugsIn(schema.model).length === 0 && plannerBugsIn(schema.model, schema.model).length === 0);

const inputs = fc.record({ versioned: versionedSchema, sizes: sizesArbitrary, unsafe: fc.boolean() });

function expectNoOp(plan: Plan): void {
  expect(plan.steps.map((s) => s.id)).toEqual([]);
  expect(plan.refused.map((r) => `${r.code} ${r.object}`)).toEqual([]);
  expect(plan.riskScore).toBe(0);
  expect(plan.riskLevel).toBe('LOW');
  expect(plan.schedule).toEqual([]);
  expect(plan.fromHash).toBe(plan.toHash);
}

describe('planMigration(a, a)', () => {
  test('plans nothing, with the same IR object on both sides', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async ({ versioned: { major, schema }, sizes, unsafe }) => {
        const ir = await compileCached(schema.sdl);
        const version = Math.max(major * 10000, ir.minimumServerVersion);
        expectNoOp(planMigration(ir, ir, factsFor(ir, version, sizes), { unsafe }));
      }),
      fcParams(RUNS),
    );
  }, 60_000);

  test('plans nothing, with two separate compiles of the same SDL', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async ({ versioned: { major, schema }, sizes, unsafe }) => {
        const a = await compileFresh(schema.sdl);
        const b = await compileFresh(schema.sdl);
        const version = Math.max(major * 10000, a.minimumServerVersion);
        expectNoOp(planMigration(a, b, factsFor(a, version, sizes), { unsafe }));
      }),
      fcParams(RUNS),
    );
  }, 60_000);
});

// Open bugs this property found (planner-known-bugs.ts): test.fails until fixed.
testKnownBugs('identity');
