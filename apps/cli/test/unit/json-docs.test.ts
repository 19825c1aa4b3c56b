// docs/cli/json.md is what scripts/json-docs.ts generates from json-schemas.ts and
// json-examples.ts; every example is valid against its zod schema and against the JSON Schema the
// page shows (with plan.schema.json for the plan it refers to).
import fs from 'node:fs';
import planJsonSchema from '@wesley/planner/plan.schema.json' with { type: 'json' };
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import type { ZodType } from 'zod';
import { jsonSchemaOf, withJsonDocs } from '../../src/json-docs.js';
import { jsonExamples } from '../../src/json-examples.js';
import { JSON_FORMATS, type JsonCommand } from '../../src/json-output.js';
import { JSON_SCHEMAS } from '../../src/json-schemas.js';

const DOC = new URL('../../../../docs/cli/json.md', import.meta.url);
const JSON_EXAMPLES = await jsonExamples();

test('docs/cli/json.md is up to date', () => {
  const text = fs.readFileSync(DOC, 'utf8');
  expect(withJsonDocs(text, JSON_EXAMPLES) === text, 'docs/cli/json.md is stale: run pnpm --filter @wesley/cli docs:json').toBe(true);
});

const commands = [...(Object.keys(JSON_FORMATS) as JsonCommand[]), 'generic'] as const;
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addSchema(planJsonSchema as object);
// ajv knows no formats without ajv-formats; z.iso.datetime() is UTC with optional fractions.
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

describe.each(commands)('the examples of %s', (command) => {
  const entry: { success: ZodType | null; failure: ZodType; event?: ZodType } = JSON_SCHEMAS[command];

  test('show a success and a failure, or only a failure for no command', () => {
    expect(JSON_EXAMPLES[command].map((e) => e.kind).sort()).toEqual(command === 'generic' ? ['failure'] : ['failure', 'success']);
  });

  test.each(JSON_EXAMPLES[command].map((e) => [e.title, e] as const))('%s: valid against the zod schema and the JSON Schema', (_title, example) => {
    const schema = example.kind === 'success' ? entry.success! : entry.failure;
    expect(schema.parse(example.document)).toEqual(example.document);
    const validate = ajv.compile(jsonSchemaOf(schema, 'example'));
    expect(validate(example.document), JSON.stringify(validate.errors)).toBe(true);
    for (const event of example.events ?? []) {
      expect(entry.event!.parse(event)).toEqual(event);
      const validateEvent = ajv.compile(jsonSchemaOf(entry.event!, 'event'));
      expect(validateEvent(event), JSON.stringify(validateEvent.errors)).toBe(true);
    }
  });
});

test('the JSON Schemas reject what the zod schemas reject: an unknown field, a failure without errors', () => {
  const [example] = JSON_EXAMPLES.generate.filter((e) => e.kind === 'failure');
  const validate = ajv.compile(jsonSchemaOf(JSON_SCHEMAS.generate.failure, 'generate'));
  expect(validate(example!.document)).toBe(true);
  expect(validate({ ...example!.document, surprise: 1 })).toBe(false);
  expect(validate({ ...example!.document, errors: [] })).toBe(false);
});
