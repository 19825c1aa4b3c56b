// JSON_SCHEMAS and JSON_FORMATS name the same commands with the same format versions, and the
// minimal failure document main.ts prints (failureOutput) is valid for every command.
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { failureOutput, GENERIC_FORMAT_VERSION, JSON_FORMATS, type JsonCommand } from '../../src/json-output.js';
import { JSON_DOCUMENTS, JSON_SCHEMAS } from '../../src/json-schemas.js';

const commands = Object.keys(JSON_FORMATS) as JsonCommand[];

/** The object schemas a document schema is made of (the options of a union, recursively). */
function objectsOf(schema: z.ZodType): z.ZodObject[] {
  if (schema instanceof z.ZodObject) return [schema];
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(objectsOf);
  throw new Error(`not an object or a union: ${schema.type}`);
}
const literal = (object: z.ZodObject, key: string) => {
  const field = object.shape[key];
  return field instanceof z.ZodLiteral ? field.value : field instanceof z.ZodNull ? null : `(not a literal: ${field?.type})`;
};

describe('JSON_SCHEMAS', () => {
  test('names every command of JSON_FORMATS, and the generic failure', () => {
    expect(Object.keys(JSON_SCHEMAS).sort()).toEqual([...commands, 'generic'].sort());
    expect(Object.keys(JSON_DOCUMENTS).sort()).toEqual([...commands].sort());
  });

  test.each(commands)('%s: formatVersion, command, ok and (NDJSON) type agree with JSON_FORMATS', (command) => {
    const { formatVersion, ndjson } = JSON_FORMATS[command];
    const entry: { success: z.ZodType; failure: z.ZodType; event?: z.ZodType } = JSON_SCHEMAS[command];
    for (const [kind, ok] of [['success', true], ['failure', false]] as const) {
      for (const object of objectsOf(entry[kind])) {
        expect(literal(object, 'formatVersion'), `${command} ${kind}`).toBe(formatVersion);
        expect(literal(object, 'command'), `${command} ${kind}`).toBe(command);
        expect(literal(object, 'ok'), `${command} ${kind}`).toBe(ok);
        if (ndjson) expect(literal(object, 'type'), `${command} ${kind}`).toBe('result');
        else expect(object.shape.type, `${command} ${kind}`).toBeUndefined();
      }
    }
    expect(entry.event !== undefined, 'an event schema exactly for the NDJSON commands').toBe(ndjson);
  });

  test('the generic failure', () => {
    const [object] = objectsOf(JSON_SCHEMAS.generic.failure);
    expect([literal(object!, 'formatVersion'), literal(object!, 'command'), literal(object!, 'ok')]).toEqual([GENERIC_FORMAT_VERSION, null, false]);
    expect(JSON_SCHEMAS.generic.success).toBeNull();
  });

  const error = { code: 'WESLEY_CLI_USAGE', message: 'Unknown argument: frobnicate', hint: 'Run `wesley --help`.' };
  test.each([...commands, null])('the failure document main.ts prints for %s is valid', (command) => {
    const text = failureOutput(command, [error]);
    const schema = command === null ? JSON_SCHEMAS.generic.failure : JSON_SCHEMAS[command].failure;
    expect(schema.parse(JSON.parse(text))).toMatchObject({ ok: false, errors: [error] });
    // A failure without errors, or with a field nobody announced, is not.
    expect(schema.safeParse({ ...JSON.parse(text), errors: [] }).success).toBe(false);
    expect(schema.safeParse({ ...JSON.parse(text), surprise: true }).success).toBe(false);
  });
});
