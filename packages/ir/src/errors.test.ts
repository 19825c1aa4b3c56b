import { describe, expect, test } from 'vitest';
import { WesleyError, formatError, isWesleyError, toErrorData } from './errors.js';

describe('WesleyError', () => {
  const error = new WesleyError({
    code: 'WESLEY_IR_UNKNOWN_TYPE',
    message: 'Unknown type "Usr"',
    expected: 'a type defined in the schema',
    hint: 'Did you mean "User"?',
    location: { file: 'schema.graphql', line: 3, column: 9 },
  });

  test('is recognised by the type guard, also across copies of the package', () => {
    expect(isWesleyError(error)).toBe(true);
    const foreign = Object.assign(new Error('x'), { code: 'WESLEY_PLANNER_X' });
    expect(isWesleyError(foreign)).toBe(true);
    expect(isWesleyError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isWesleyError({ code: 'WESLEY_X', message: 'plain object' })).toBe(false);
    expect(isWesleyError(null)).toBe(false);
  });

  test('formats as file:line:column, code, message, expected and hint', () => {
    expect(formatError(error)).toBe(
      'schema.graphql:3:9 WESLEY_IR_UNKNOWN_TYPE: Unknown type "Usr"\n  expected: a type defined in the schema\n  hint: Did you mean "User"?',
    );
  });

  test('serialises to plain data without the stack', () => {
    expect(JSON.parse(JSON.stringify(error))).toEqual(toErrorData(error));
    expect(JSON.stringify(error)).not.toContain('at ');
    expect(Object.keys(toErrorData(error))).toEqual(['code', 'message', 'location', 'expected', 'hint']);
  });
});
