// docs/plan-format.md is the contract's prose: its example must be a valid plan, and it must
// describe every field the plan's JSON Schema knows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planJsonSchema, planSchema } from './plan-schema.js';

const doc = readFileSync(new URL('../../../../docs/plan-format.md', import.meta.url), 'utf8');

// Property names anywhere in the JSON Schema (the Rollback variants and `totals` included).
function fieldNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) fieldNames(item, into);
  else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties') for (const name of Object.keys(value as object)) into.add(name);
      fieldNames(value, into);
    }
  }
  return into;
}

describe('docs/plan-format.md', () => {
  it('has an example that is a valid plan', () => {
    const example = /```json\n([^]*?)\n```/.exec(doc)?.[1];
    expect(planSchema.safeParse(JSON.parse(example ?? 'null')).error).toBeUndefined();
  });

  it.each([...fieldNames(planJsonSchema())])('describes the field %s', (name) => {
    expect(doc).toContain(`\`${name}\``);
  });

  it('names where the JSON Schema lives', () => {
    expect(doc).toContain('@wesley/planner/plan.schema.json');
  });
});
