import { describe, expect, it } from 'vitest';
import { classifyTypeChange } from './type-change.js';

describe('classifyTypeChange', () => {
  it.each([
    ['character varying(10)', 'character varying(20)'],
    ['character varying(10)', 'text'],
    ['character varying(10)', 'character varying'],
    ['text', 'character varying'],
    ['numeric(10,2)', 'numeric(12,2)'],
    ['numeric(10,2)', 'numeric'],
    ['timestamp(3) without time zone', 'timestamp(6) without time zone'],
    ['timestamp(3) with time zone', 'timestamp with time zone'],
    ['bit varying(4)', 'bit varying(8)'],
  ])('%s -> %s needs no rewrite', (a, b) => {
    expect(classifyTypeChange(a, b).rewrite).toBe(false);
  });

  it.each([
    ['integer', 'bigint'],
    ['bigint', 'integer'],
    ['character varying(20)', 'character varying(10)'],
    ['text', 'character varying(10)'],
    ['numeric(10,2)', 'numeric(12,3)'],
    ['numeric(10,2)', 'numeric(8,2)'],
    ['numeric', 'numeric(10,2)'],
    ['character(5)', 'text'],
    ['timestamp without time zone', 'timestamp with time zone'],
    ['timestamp(6) without time zone', 'timestamp(3) without time zone'],
    ['"public"."role"', 'text'],
    ['character varying(10)[]', 'character varying(20)[]'],
  ])('%s -> %s rewrites', (a, b) => {
    expect(classifyTypeChange(a, b).rewrite).toBe(true);
  });
});
