import { isWesleyError } from '@wesley/ir';
import { describe, expect, test } from 'vitest';
import { PLANNER_ERROR_CODES } from './errors.js';
import { parseServerFacts } from './server-facts-schema.js';

/** The message of the error parseServerFacts throws for `json`. */
function failure(json: unknown): string {
  try {
    parseServerFacts(json);
  } catch (error) {
    if (!isWesleyError(error)) throw error;
    expect(error.code).toBe(PLANNER_ERROR_CODES.invalidFacts);
    expect(error.hint).toContain('docs/cli/migrate-plan.md');
    return error.message;
  }
  throw new Error('parseServerFacts accepted it');
}

describe('parseServerFacts', () => {
  test('accepts the documented format, partitions nested at any depth', () => {
    const facts = {
      serverVersionNum: 160004,
      tables: {
        'public.users': { rows: 1000, bytes: 81920, indexBytes: 16384 },
        'public.events': { rows: 0, bytes: 0, partitions: { 'public.events_2025': { rows: 10, bytes: 8192, partitions: { 'public.events_2025_01': { rows: 1, bytes: 8192 } } } } },
        'public.fresh': { rows: -1, bytes: 0 },
      },
      invalidIndexes: [{ schema: 'public', table: 'users', name: 'users_email_idx' }],
    };
    expect(parseServerFacts(facts)).toEqual(facts);
    expect(parseServerFacts({ serverVersionNum: 110000 })).toEqual({ serverVersionNum: 110000 });
  });

  test.each([
    [null, 'the facts must be an object, not null'],
    [[], 'the facts must be an object, not an array'],
    [{}, 'serverVersionNum is missing'],
    [{ serverVersionNum: '16' }, 'serverVersionNum: must be an integer such as 160004 (SHOW server_version_num), not string "16"'],
    [{ serverVersionNum: 160000.5 }, 'serverVersionNum: must be an integer'],
    [{ serverVersionNum: 160000, tables: [] }, 'tables: must be an object, not an array'],
    [{ serverVersionNum: 160000, tables: { users: { rows: 1, bytes: 2 } } }, 'tables["users"]: the key must be a qualified table name such as "public.users"'],
    [{ serverVersionNum: 160000, tables: { 'public.users': { rows: -5, bytes: 1 } } }, 'tables["public.users"].rows: must be >= 0 (or -1: never analysed)'],
    [{ serverVersionNum: 160000, tables: { 'public.users': { rows: 1, bytes: 2.5 } } }, 'tables["public.users"].bytes: must be a whole number of bytes'],
    [{ serverVersionNum: 160000, tables: { 'public.users': { rows: 1, bytes: 2, indexBytes: -1 } } }, 'tables["public.users"].indexBytes: must be >= 0'],
    [{ serverVersionNum: 160000, tables: { 'public.e': { rows: 1, bytes: 0, partitions: { 'public.e1': { rows: 1 } } } } }, 'tables["public.e"].partitions["public.e1"].bytes is missing'],
    [{ serverVersionNum: 160000, invalidIndexes: [{ schema: 'public', table: '' }] }, 'invalidIndexes[0].table: must not be empty; invalidIndexes[0].name is missing'],
  ])('%j is rejected, naming the field', (json, problem) => {
    expect(failure(json)).toContain(problem);
  });

  test('an unknown field is rejected with a suggestion', () => {
    expect(failure({ serverVersion: 160000 })).toBe(
      'The server facts are not valid: serverVersionNum is missing; unknown field "serverVersion" (Did you mean "serverVersionNum"?).',
    );
    expect(failure({ serverVersionNum: 160000, tables: { 'public.users': { row: 1, bytes: 2 } } })).toContain('tables["public.users"]: unknown field "row" (Did you mean "rows"?)');
  });

  test('lists at most five problems', () => {
    const tables = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`public.t${i}`, { rows: 1, bytes: -1 }]));
    expect(failure({ serverVersionNum: 160000, tables })).toMatch(/public\.t4"\]\.bytes: must be >= 0 \(and 2 more\)\.$/);
  });
});
