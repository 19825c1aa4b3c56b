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
    const outcome = analyzeExpression('price > > 0', 'check');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toMatch(/syntax error at character 9, near "> 0"/);
      expect(outcome.position).toBe(8);
    }
  });

  test.each([
    ['now(', /parentheses do not balance/],
    ['1) + (2', /closes a parenthesis it did not open/],
    ['1; DROP TABLE users', /contains ";"/],
    ['$1 + 1', /parameter \$1/],
    ['count(*) > 0', /aggregate count\(\)/],
  ])('%j is refused: %s', (sql, message) => {
    const outcome = analyzeExpression(sql, 'check');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(message);
  });

  test('comments are stripped, so they cannot swallow the DDL around the expression', () => {
    const outcome = analyzeExpression('price > 0 -- must be positive', 'check');
    expect(outcome.ok && outcome.info.sql).toBe('price > 0');
    const block = analyzeExpression('a /* why */ = b', 'check');
    expect(block.ok && block.info.sql).toBe('a   = b');
  });

  test('newer syntax raises the minimum server version', () => {
    const outcome = analyzeExpression('uuidv7()', 'default');
    expect(outcome.ok && outcome.info.minimumServerVersion).toBe(180000);
    const json = analyzeExpression(`doc IS JSON OBJECT`, 'check');
    expect(json.ok && json.info.minimumServerVersion).toBe(160000);
  });

  test('index predicates must be immutable', () => {
    expect(analyzeExpression('created_at > now()', 'predicate').ok).toBe(false);
    expect(analyzeExpression('deleted_at IS NULL', 'predicate').ok).toBe(true);
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
