import { beforeAll, expect, test } from 'vitest';
import { createFunctions } from './create-functions.js';
import { loadParser, parseEachStatement } from './test-parse.js';

beforeAll(loadParser);

test('the jwt claim reader is a STABLE SQL function; the touch function a plpgsql trigger function', () => {
  const statements = createFunctions([
    { schema: 'auth', name: 'jwt_claim', purpose: 'jwt-claim' },
    { schema: 'wesley', name: 'touch_updated_at', purpose: 'touch-updated-at' },
  ]);
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
  expect(parseEachStatement([{ title: 'fn', statements }])).toBe(2);
});
