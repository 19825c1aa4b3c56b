import { beforeAll, expect, test } from 'vitest';
import { loadSqlParser } from '../sql/parse-sql.js';
import { testEnum } from '../testing/test-ir.js';
import { parseEachStatement } from '../testing/test-parse.js';
import { createEnumStatement } from './create-enum-statement.js';

beforeAll(loadSqlParser);

test('enum values are string literals', () => {
  const statements = [createEnumStatement(testEnum('role', ['OWNER', "it's"])), createEnumStatement(testEnum('empty', [], { schema: 'app' }))];
  expect(statements).toEqual([`CREATE TYPE "public"."role" AS ENUM ('OWNER', 'it''s')`, 'CREATE TYPE "app"."empty" AS ENUM ()']);
  expect(parseEachStatement(statements)).toBe(2);
});
