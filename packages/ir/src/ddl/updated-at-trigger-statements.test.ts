import { beforeAll, expect, test } from 'vitest';
import { loadSqlParser } from '../sql/parse-sql.js';
import { testColumn, testLocation, testTable } from '../testing/test-ir.js';
import { parseEachStatement } from '../testing/test-parse.js';
import { createUpdatedAtTriggerStatement } from './create-updated-at-trigger-statement.js';
import { rowTriggerTargets } from './row-trigger-targets.js';
import { updatedAtTriggerName } from './updated-at-trigger-name.js';
import { updatedAtTriggerStatements } from './updated-at-trigger-statements.js';

beforeAll(loadSqlParser);

const touch = { schema: 'public', name: 'touch_updated_at', purpose: 'touch-updated-at' } as const;
const updatedAt = (name = 'updated_at') => testColumn(name, 'timestamp with time zone', { updatedAt: true, nullable: false });
const fn = 'FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"';

test('one trigger per updatedAt column; on each partition of a partitioned table', () => {
  const plain = testTable('plain', { columns: [testColumn('id', 'int')] });
  const user = testTable('user', { columns: [updatedAt(), testColumn('id', 'int'), updatedAt('seen_at')] });
  const event = testTable('event', {
    schema: 'audit',
    columns: [testColumn('at', 'date'), updatedAt()],
    partitioning: {
      strategy: 'range', columns: ['at'],
      partitions: [{ name: 'event_2026', bound: "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')", location: testLocation }, { name: 'event_other', bound: 'DEFAULT', location: testLocation }],
    },
  });
  expect(updatedAtTriggerStatements(plain, touch)).toEqual([]);
  expect([user, event].map(rowTriggerTargets)).toEqual([['"public"."user"'], ['"audit"."event_2026"', '"audit"."event_other"']]);
  const statements = [user, event].flatMap((table) => updatedAtTriggerStatements(table, touch));
  expect(statements).toEqual([
    `CREATE TRIGGER "user_updated_at_touch" BEFORE UPDATE ON "public"."user" ${fn}('updated_at')`,
    `CREATE TRIGGER "user_seen_at_touch" BEFORE UPDATE ON "public"."user" ${fn}('seen_at')`,
    `CREATE TRIGGER "event_updated_at_touch" BEFORE UPDATE ON "audit"."event_2026" ${fn}('updated_at')`,
    `CREATE TRIGGER "event_updated_at_touch" BEFORE UPDATE ON "audit"."event_other" ${fn}('updated_at')`,
  ]);
  expect(parseEachStatement(statements)).toBe(4);
});

test('one trigger on a given target, named after the table', () => {
  const table = testTable('event', { schema: 'audit' });
  const statement = createUpdatedAtTriggerStatement(table, updatedAt("it's"), touch, '"audit"."event_2027"');
  expect(statement).toBe(`CREATE TRIGGER "event_it's_touch" BEFORE UPDATE ON "audit"."event_2027" ${fn}('it''s')`);
  expect(parseEachStatement([statement])).toBe(1);
});

test('trigger names stay within 63 bytes', () => {
  const long = 'a_table_with_a_rather_long_name_that_goes_on_and_on';
  const name = updatedAtTriggerName(testTable(long), updatedAt('last_modified_at'));
  expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
  expect(name).toMatch(/_touch$/);
});
