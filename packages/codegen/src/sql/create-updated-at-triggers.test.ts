import { isWesleyError } from '@wesley/ir';
import { beforeAll, expect, test } from 'vitest';
import { CODEGEN_ERROR_CODES } from '../errors.js';
import { createUpdatedAtTriggers } from './create-updated-at-triggers.js';
import { testColumn, testLocation, testSchema, testTable } from './test-ir.js';
import { loadParser, parseEachStatement } from './test-parse.js';

beforeAll(loadParser);

const touch = { schema: 'public', name: 'touch_updated_at', purpose: 'touch-updated-at' } as const;
const updatedAt = (name = 'updated_at') => testColumn(name, 'timestamp with time zone', { updatedAt: true, nullable: false });

test('one trigger per updatedAt column; on each partition of a partitioned table', () => {
  const ir = testSchema({
    functions: [touch],
    tables: [
      testTable('plain', { columns: [testColumn('id', 'int')] }),
      testTable('user', { columns: [updatedAt(), updatedAt('seen_at')] }),
      testTable('event', {
        schema: 'audit',
        columns: [testColumn('at', 'date'), updatedAt()],
        partitioning: {
          strategy: 'range', columns: ['at'],
          partitions: [{ name: 'event_2026', bound: "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')", location: testLocation }, { name: 'event_other', bound: 'DEFAULT', location: testLocation }],
        },
      }),
    ],
  });
  const statements = createUpdatedAtTriggers(ir);
  const fn = 'FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"';
  expect(statements).toEqual([
    `CREATE TRIGGER "user_updated_at_touch" BEFORE UPDATE ON "public"."user" ${fn}('updated_at')`,
    `CREATE TRIGGER "user_seen_at_touch" BEFORE UPDATE ON "public"."user" ${fn}('seen_at')`,
    `CREATE TRIGGER "event_updated_at_touch" BEFORE UPDATE ON "audit"."event_2026" ${fn}('updated_at')`,
    `CREATE TRIGGER "event_updated_at_touch" BEFORE UPDATE ON "audit"."event_other" ${fn}('updated_at')`,
  ]);
  expect(parseEachStatement([{ title: 'tr', statements }])).toBe(4);
});

test('trigger names stay within 63 bytes', () => {
  const long = 'a_table_with_a_rather_long_name_that_goes_on_and_on';
  const [statement] = createUpdatedAtTriggers(testSchema({ functions: [touch], tables: [testTable(long, { columns: [updatedAt('last_modified_at')] })] }));
  const name = /CREATE TRIGGER "([^"]+)"/.exec(statement!)![1]!;
  expect(name.length).toBeLessThanOrEqual(63);
  expect(name).toMatch(/_touch$/);
});

test('an updatedAt column without a touch function in the IR is an error, not a silently missing trigger', () => {
  const ir = testSchema({ tables: [testTable('user', { columns: [updatedAt()] })] });
  let caught: unknown;
  try {
    createUpdatedAtTriggers(ir);
  } catch (error) {
    caught = error;
  }
  expect(isWesleyError(caught) && caught.code).toBe(CODEGEN_ERROR_CODES.missingFunction);
});
