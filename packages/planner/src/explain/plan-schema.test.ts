import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Plan } from '../types.js';
import { planJsonSchema, planSchema } from './plan-schema.js';
import { SAMPLE_PLANS, typicalPlan } from './sample-plans.js';

const samples = Object.entries(SAMPLE_PLANS);
const columnStep = typicalPlan.steps[1]!;

/** The typical plan with its second step changed: invalid plans are small edits of a valid one. */
function withStep(step: Record<string, unknown>): unknown {
  return { ...typicalPlan, steps: [typicalPlan.steps[0], step, ...typicalPlan.steps.slice(2)] };
}

const invalid: Array<[string, unknown]> = [
  ['a missing field', withStep(Object.fromEntries(Object.entries(columnStep).filter(([k]) => k !== 'summary')))],
  ['a misspelled lock mode', withStep({ ...columnStep, locks: [{ table: 'public.users', mode: 'ACCESS EXCLUSIV' }] })],
  ['an unknown key', withStep({ ...columnStep, lockMode: 'ACCESS EXCLUSIVE' })],
  ['an unknown step kind', withStep({ ...columnStep, kind: 'add-colum' })],
  ['another format version', { ...typicalPlan, formatVersion: 2 }],
  ['a fractional risk score', { ...typicalPlan, riskScore: 41.5 }],
  ['a risk score above 100', { ...typicalPlan, riskScore: 101 }],
  ['a negative estimate', withStep({ ...columnStep, estimate: { minSeconds: -1, maxSeconds: 1, basis: '' } })],
  ['a rollback of unknown kind', withStep({ ...columnStep, rollback: { kind: 'manual', reason: '' } })],
];

describe('planSchema', () => {
  it.each(samples)('accepts the %s sample plan', (_, plan) => {
    expect(planSchema.safeParse(plan).error).toBeUndefined();
  });

  it.each(invalid)('rejects %s', (_, plan) => {
    expect(planSchema.safeParse(plan).success).toBe(false);
  });

  it('rejects an estimate whose minimum exceeds its maximum', () => {
    const plan = withStep({ ...columnStep, estimate: { minSeconds: 5, maxSeconds: 1, basis: '' } });
    expect(planSchema.safeParse(plan).error?.issues[0]).toMatchObject({ path: ['steps', 1, 'estimate', 'minSeconds'], message: 'minSeconds must not exceed maxSeconds' });
  });

  it('parses to a Plan', () => {
    const parsed: Plan = planSchema.parse(typicalPlan);
    expect(parsed).toEqual(typicalPlan);
  });
});

// Each interface's properties in the order types.ts declares them, read with the TypeScript parser.
function declaredKeys(): Map<string, string[]> {
  const source = ts.createSourceFile('types.ts', readFileSync(new URL('../types.ts', import.meta.url), 'utf8'), ts.ScriptTarget.Latest);
  const keys = new Map<string, string[]>();
  const names = (members: ts.NodeArray<ts.TypeElement>) => members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : []));
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) keys.set(statement.name.text, names(statement.members));
  }
  return keys;
}

function schemaKeys(schema: z.ZodType): string[] {
  const inner = 'unwrap' in schema && typeof schema.unwrap === 'function' ? (schema.unwrap() as z.ZodType) : schema;
  const element = 'element' in inner ? (inner.element as z.ZodType) : inner;
  return Object.keys((element as unknown as { shape: object }).shape);
}

describe('planSchema key order', () => {
  const declared = declaredKeys();
  const shape = planSchema.shape;
  const stepShape = shape.steps.unwrap().element.shape;
  const cases: Array<[string, string[]]> = [
    ['Plan', Object.keys(shape)],
    ['Step', Object.keys(stepShape)],
    ['LockClaim', schemaKeys(stepShape.locks)],
    ['Estimate', Object.keys(stepShape.estimate.shape)],
    ['VersionGate', schemaKeys(stepShape.versionGate)],
    ['HazardNote', schemaKeys(stepShape.hazards)],
    ['RetryPolicy', schemaKeys(stepShape.retry)],
    ['BackfillSpec', schemaKeys(stepShape.backfill)],
    ['Refusal', schemaKeys(shape.refused)],
    ['Conflict', schemaKeys(shape.conflicts)],
    ['ScheduleEntry', schemaKeys(shape.schedule)],
    ['PlanWarning', schemaKeys(shape.warnings)],
  ];
  it.each(cases)('follows types.ts for %s', (name, keys) => {
    expect(keys).toEqual(declared.get(name));
  });
});

describe('plan.schema.json', () => {
  const published: unknown = JSON.parse(readFileSync(new URL('../../plan.schema.json', import.meta.url), 'utf8'));
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(published as object);

  it('is what planJsonSchema() prints (regenerate: pnpm exec tsx packages/planner/scripts/print-plan-schema.ts)', () => {
    expect(published).toEqual(planJsonSchema());
    expect(published).toMatchObject({ $id: 'https://wesley.dev/schemas/plan-v1.json', $schema: 'https://json-schema.org/draft/2020-12/schema' });
  });

  it.each(samples)('accepts the %s sample plan', (_, plan) => {
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(invalid)('rejects %s', (_, plan) => {
    expect(validate(plan)).toBe(false);
  });

  it('names the misspelled lock mode', () => {
    validate(invalid[1]![1]);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/steps/1/locks/0/mode', keyword: 'enum' }));
  });
});
