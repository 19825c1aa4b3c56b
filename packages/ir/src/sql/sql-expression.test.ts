import { beforeAll, describe, expect, test } from 'vitest';
import { loadSqlParser } from './parse-sql.js';
import { analyzeExpression, extensionsFor } from './sql-expression.js';

beforeAll(() => loadSqlParser());

describe('analyzeExpression', () => {
  test.each([
    ['0', 'constant'],
    ["'light'", 'constant'],
    ["'{}'::jsonb", 'constant'],
    ['1 + 2', 'constant'],
    ["lower('ABC')", 'immutable'],
    ['now()', 'stable'],
    ['CURRENT_TIMESTAMP', 'stable'],
    ["current_setting('app.tenant')", 'stable'],
    ['gen_random_uuid()', 'volatile'],
    ['clock_timestamp()', 'volatile'],
    ['random() * 10', 'volatile'],
    ['my_unknown_function()', 'volatile'],
  ])('%s is %s', (sql, volatility) => {
    const outcome = analyzeExpression(sql, 'default');
    expect(outcome.ok && outcome.info.volatility).toBe(volatility);
  });

  test('a syntax error reports the offset inside the expression', () => {
    const outcome = analyzeExpression('now(', 'default');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toMatch(/ends too early/);
      expect(outcome.position).toBeGreaterThanOrEqual(0);
    }
  });

  test.each([
    ['1; DROP TABLE users', 'statement smuggling'],
    ['1) FROM pg_class WHERE (true', 'a FROM clause'],
    ['', 'nothing'],
  ])('rejects %j (%s)', (sql) => {
    expect(analyzeExpression(sql, 'check').ok).toBe(false);
  });

  test('defaults may not read columns or run subqueries; policies may', () => {
    expect(analyzeExpression('price * 2', 'default').ok).toBe(false);
    expect(analyzeExpression('(SELECT 1)', 'default').ok).toBe(false);
    expect(analyzeExpression('exists (select 1 from t where t.id = id)', 'check').ok).toBe(false);
    const policy = analyzeExpression('owner_id IN (SELECT user_id FROM admins)', 'policy');
    expect(policy.ok && policy.info.hasSubquery).toBe(true);
    const check = analyzeExpression('price_cents >= 0', 'check');
    expect(check.ok && check.info.columns).toEqual(['price_cents']);
  });

  test('a trailing comment cannot swallow the closing parenthesis', () => {
    expect(analyzeExpression('now() -- the time', 'default').ok).toBe(true);
  });
});

test('extensionsFor names the extensions that provide functions', () => {
  expect(extensionsFor(['now', 'gen_random_uuid', 'uuid_generate_v4', 'crypt'])).toEqual(['pgcrypto', 'uuid-ossp']);
  expect(extensionsFor(['now'])).toEqual([]);
});
