import { describe, expect, it } from 'vitest';
import type { Plan, Step } from '../types.js';
import { planToJson } from './json.js';
import { planSchema } from './plan-schema.js';
import { SAMPLE_PLANS, typicalPlan } from './sample-plans.js';

// The same data with every object's keys reversed.
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

describe('planToJson', () => {
  it.each(Object.entries(SAMPLE_PLANS))('round-trips the %s sample plan', (_, plan) => {
    expect(planSchema.parse(JSON.parse(planToJson(plan)))).toEqual(plan);
  });

  it('writes keys in the order of the contract, whatever order the plan was built in', () => {
    expect(planToJson(reversed(typicalPlan) as Plan)).toBe(planToJson(typicalPlan));
    const step = JSON.parse(planToJson(typicalPlan)).steps[4] as Step;
    expect(Object.keys(step).slice(0, 4)).toEqual(['id', 'phase', 'kind', 'summary']);
    expect(Object.keys(step.rollback)).toEqual(['kind', 'reason']);
  });

  it('uses a 2-space indent and ends with a newline', () => {
    expect(planToJson(typicalPlan)).toMatch(/^\{\n {2}"formatVersion": 1,\n[^]*\n\}\n$/);
  });

  it('keeps keys the contract does not know, after the known ones', () => {
    const plan = { ...typicalPlan, extra: true } as Plan;
    expect(Object.keys(JSON.parse(planToJson(plan))).at(-1)).toBe('extra');
  });
});
