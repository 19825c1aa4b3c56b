import { expect, test } from 'vitest';
import { literalDefault, type LiteralTarget } from './literal-default.js';

const t = (base: string, extra: Partial<LiteralTarget> = {}): LiteralTarget => ({ base, rendered: base, modifiers: [], array: false, ...extra });

test.each([
  [t('integer'), 42, '42'],
  [t('integer'), '-7', '-7'],
  [t('bigint'), '9223372036854775807', '9223372036854775807'],
  [t('boolean'), 'yes', 'true'],
  [t('boolean'), false, 'false'],
  [t('text'), "it's", "'it''s'"],
  [t('jsonb'), { a: [1, 'x'] }, `'{"a":[1,"x"]}'::jsonb`],
  [t('jsonb'), '{"a":1}', `'{"a":1}'::jsonb`],
  [t('uuid'), '00000000-0000-0000-0000-000000000000', "'00000000-0000-0000-0000-000000000000'"],
  [t('date'), '2026-02-28', "'2026-02-28'"],
  [t('timestamp with time zone'), '2026-01-01T00:00:00Z', "'2026-01-01T00:00:00Z'"],
  [t('numeric', { modifiers: [5, 2], rendered: 'numeric(5,2)' }), '123.45', '123.45'],
  [t('"public"."role"', { enumValues: ['ADMIN', 'MEMBER'] }), 'MEMBER', "'MEMBER'"],
  [t('text', { array: true, rendered: 'text[]' }), ['a', 'b'], "ARRAY['a', 'b']::text[]"],
  [t('integer', { array: true, rendered: 'integer[]' }), [], "'{}'::integer[]"],
])('%j accepts %j as %s', (target, value, sql) => {
  const outcome = literalDefault(value, target);
  expect(outcome.ok && outcome.sql).toBe(sql);
});

test.each([
  [t('integer'), 2147483648, /out of range/],
  [t('integer'), 1.5, /not an integer/],
  [t('boolean'), 'maybe', /not a boolean/],
  [t('uuid'), 'abc', /not a UUID/],
  [t('date'), '2026-02-30', /not a date/],
  [t('timestamp with time zone'), 'now()', /not a timestamp literal/],
  [t('timestamp with time zone'), 'now', /not a timestamp literal/],
  [t('character varying', { modifiers: [3], rendered: 'character varying(3)' }), 'abcd', /longer than 3/],
  [t('numeric', { modifiers: [5, 2], rendered: 'numeric(5,2)' }), '1234.5', /does not fit/],
  [t('"public"."role"', { enumValues: ['ADMIN'] }), 'OWNER', /not a value of the enum/],
  [t('jsonb'), '{not json', /not a JSON document/],
  [t('text'), 3, /not a string/],
  [t('text'), null, /null/],
])('%j rejects %j', (target, value, message) => {
  const outcome = literalDefault(value, target);
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.message).toMatch(message);
});

test.each([
  ['1e10', false],
  ['1.5e3', true],
  ['99999.99', true],
  ['100000', true],
  ['0.01e1', true],
  ['1234567890.12', true],
  ['12345678901', false],
])('numeric(12,2) with %s fits: %s', (value, fits) => {
  const outcome = literalDefault(value, { base: 'numeric', rendered: 'numeric(12,2)', modifiers: [12, 2], array: false });
  expect(outcome.ok).toBe(fits);
});

test('floats accept NaN and Infinity; text refuses NUL', () => {
  expect(literalDefault('NaN', { base: 'double precision', rendered: 'double precision', modifiers: [], array: false }).ok).toBe(true);
  expect(literalDefault('-Infinity', { base: 'real', rendered: 'real', modifiers: [], array: false }).ok).toBe(true);
  expect(literalDefault('a\u0000b', { base: 'text', rendered: 'text', modifiers: [], array: false }).ok).toBe(false);
});
