import { beforeAll, expect, test } from 'vitest';
import { loadSqlParser } from '../sql/parse-sql.js';
import { parseEachStatement } from '../testing/test-parse.js';
import { createFunctionStatement } from './create-function-statement.js';

beforeAll(loadSqlParser);

test('the jwt claim reader is a STABLE SQL function; the touch function a plpgsql trigger function', () => {
  const statements = [
    createFunctionStatement({ schema: 'auth', name: 'jwt_claim', purpose: 'jwt-claim' }),
    createFunctionStatement({ schema: 'wesley', name: 'touch_updated_at', purpose: 'touch-updated-at' }),
  ];
  expect(statements).toEqual([
    [
      'CREATE OR REPLACE FUNCTION "auth"."jwt_claim"(claim text) RETURNS text LANGUAGE sql STABLE AS $$',
      `  SELECT nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> claim`,
      '$$',
    ].join('\n'),
    [
      'CREATE OR REPLACE FUNCTION "wesley"."touch_updated_at"() RETURNS trigger LANGUAGE plpgsql AS $$',
      'BEGIN',
      '  NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], now()));',
      '  RETURN NEW;',
      'END',
      '$$',
    ].join('\n'),
  ]);
  expect(parseEachStatement(statements)).toBe(2);
});
