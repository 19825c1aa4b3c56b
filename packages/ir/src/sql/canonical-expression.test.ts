import { beforeAll, describe, expect, test } from 'vitest';
import { canonicalExpression, canonicalPartitionBound } from './canonical-expression.js';
import { loadSqlParser } from './parse-sql.js';

beforeAll(() => loadSqlParser());

// Left: what a schema says. Right: what PostgreSQL renders back from its catalog for it.
const SAME: Array<[string, string]> = [
  ["'light'", "'light'::text"],
  ['-1', "'-1'::integer"],
  ['estimate_hours > 0', '(estimate_hours > (0)::double precision)'],
  ['email_address = lower(email_address)', '((email_address)::text = lower((email_address)::text))'],
  ["status IN ('a', 'b')", "(status = ANY (ARRAY['a'::text, 'b'::text]))"],
  ["status NOT IN ('a')", "(status <> ALL (ARRAY['a'::text]))"],
  ['x BETWEEN 1 AND 5', '((x >= 1) AND (x <= 5))'],
  ['a AND b AND c', '((a AND b) AND c)'],
  ['NOT done OR completed_at IS NOT NULL', '((NOT done) OR (completed_at IS NOT NULL))'],
  ['(select auth.jwt_claim(\'w\'))::uuid', "(( SELECT auth.jwt_claim('w'::text) AS jwt_claim))::uuid"],
  ['"workspace_id" = (SELECT "auth"."jwt_claim"(\'w\'))::uuid', "(workspace_id = (( SELECT auth.jwt_claim('w'::text) AS jwt_claim))::uuid)"],
  ['\'{"theme":"light","beta":false}\'::jsonb', '\'{"beta": false, "theme": "light"}\'::jsonb'],
  ["'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid"],
  ['gen_random_uuid()', 'public.gen_random_uuid()'],
  ['pg_catalog.now()', 'now()'],
  ["to_tsvector('simple', coalesce(title, ''))", "to_tsvector('simple'::regconfig, COALESCE(title, ''::text))"],
  ['1e21', "'1e+21'::double precision"],
  ["'yes'::boolean", 'true'],
  ["ARRAY['A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11']::uuid[]", "ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]"],
];

const DIFFERENT: Array<[string, string]> = [
  ["'light'", "'dark'::text"],
  ['x > 0', 'x >= 0'],
  ['a AND b', 'a OR b'],
  ['1', '2'],
  ['now()', 'clock_timestamp()'],
  ["(id)::uuid", 'id'],
  ["'{\"a\":1}'::jsonb", "'{\"a\": 2}'::jsonb"],
  // Casts that change the value are kept (found in review).
  ['score > 1.5', 'score > 1.5::int'],
  ["tag <> 'abc'", "tag::varchar(2) <> 'abc'"],
  ['price >= 1.55', 'price >= (1.55)::numeric(3,1)'],
  ['(price * qty)::numeric(12,2)', '(price * qty)::numeric(12,4)'],
  ["(status)::character(1) = 'a'", "status = 'a'"],
  ["'{\"b\":1,\"a\":2}'::json", "'{\"a\":2,\"b\":1}'::json"],
  ['1', '1) FROM t WHERE (true'],
];

describe('canonicalExpression', () => {
  test.each(SAME)('%s equals %s', (written, rendered) => {
    expect(canonicalExpression(written)).toBe(canonicalExpression(rendered));
  });

  test.each(DIFFERENT)('%s differs from %s', (a, b) => {
    expect(canonicalExpression(a)).not.toBe(canonicalExpression(b));
  });

  test('text that does not parse is kept, trimmed', () => {
    expect(canonicalExpression(' ( oops ')).toBe('( oops');
  });
});

describe('canonicalPartitionBound', () => {
  test.each([
    ['FOR VALUES WITH (MODULUS 2, REMAINDER 0)', 'FOR VALUES WITH (modulus 2, remainder 0)'],
    ["FOR VALUES IN ('EU')", "FOR VALUES IN ('EU')"],
    ["FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"],
    ['DEFAULT', 'DEFAULT'],
  ])('%s equals %s', (a, b) => {
    expect(canonicalPartitionBound(a)).toBe(canonicalPartitionBound(b));
  });

  test('different bounds differ', () => {
    expect(canonicalPartitionBound("FOR VALUES IN ('EU')")).not.toBe(canonicalPartitionBound("FOR VALUES IN ('US')"));
    expect(canonicalPartitionBound('FOR VALUES WITH (MODULUS 2, REMAINDER 0)')).not.toBe(canonicalPartitionBound('FOR VALUES WITH (MODULUS 2, REMAINDER 1)'));
  });
});
