import { beforeAll, expect, test } from 'vitest';
import { loadSqlParser } from './parse-sql.js';
import { parseSqlType } from './sql-type.js';

beforeAll(() => loadSqlParser());

// The renderings are format_type()'s, so drift detection compares like with like.
test.each([
  ['varchar(320)', 'character varying(320)'],
  ['VARCHAR(320)', 'character varying(320)'],
  ['character varying(10)', 'character varying(10)'],
  ['numeric(12,2)', 'numeric(12,2)'],
  ['decimal(5)', 'numeric(5,0)'],
  ['int', 'integer'],
  ['int8', 'bigint'],
  ['float8', 'double precision'],
  ['timestamptz', 'timestamp with time zone'],
  ['timestamp(3) with time zone', 'timestamp(3) with time zone'],
  ['timestamp', 'timestamp without time zone'],
  ['time', 'time without time zone'],
  ['bool', 'boolean'],
  ['text[]', 'text[]'],
  ['int[][]', 'integer[]'],
  ['char(2)', 'character(2)'],
  ['citext', 'citext'],
  ['public.mood', '"public"."mood"'],
])('%s -> %s', (input, rendered) => {
  const outcome = parseSqlType(input);
  expect(outcome.ok && outcome.type.rendered).toBe(rendered);
});

test.each(['serial', 'bigserial', 'varchar(', '', 'int; drop table x', 'numeric(a)'])('%j is rejected with a hint', (input) => {
  const outcome = parseSqlType(input);
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.hint).toBeTruthy();
});

test('a user-defined type name is quoted like any identifier, so it cannot smuggle SQL', () => {
  const outcome = parseSqlType('"text); CREATE TABLE pwned (x int); CREATE TABLE z (a text"');
  expect(outcome.ok && outcome.type.rendered).toBe('"text); CREATE TABLE pwned (x int); CREATE TABLE z (a text"');
  const quoted = parseSqlType('"a""b".t');
  expect(quoted.ok && quoted.type.rendered).toBe('"a""b"."t"');
});

test.each(['setof text', 'interval(3)', 'interval year', 'mytype(3)'])('%j is refused rather than silently changed', (input) => {
  expect(parseSqlType(input).ok).toBe(false);
});

test('a quoted, case-sensitive name is not a built-in type', () => {
  const outcome = parseSqlType('"Text"');
  expect(outcome.ok && outcome.type.rendered).toBe('"Text"');
});
