import { beforeAll, expect, test } from 'vitest';
import { createEnums } from './create-enums.js';
import { createExtensions } from './create-extensions.js';
import { createSchemas } from './create-schemas.js';
import { testEnum, testSchema, testTable } from './test-ir.js';
import { loadParser, parseEachStatement } from './test-parse.js';

beforeAll(loadParser);

test('extensions sorted by code unit and deduplicated', () => {
  const statements = createExtensions(testSchema({ extensions: ['pgcrypto', 'citext', 'Zed', 'pgcrypto'] }));
  expect(statements).toEqual(['CREATE EXTENSION IF NOT EXISTS "Zed"', 'CREATE EXTENSION IF NOT EXISTS "citext"', 'CREATE EXTENSION IF NOT EXISTS "pgcrypto"']);
  expect(parseEachStatement([{ title: 'e', statements }])).toBe(3);
});

test('schemas: the IR list without public, then schemas only functions, enums or tables use', () => {
  const ir = testSchema({
    schemas: ['public', 'billing'],
    functions: [{ schema: 'auth', name: 'jwt_claim', purpose: 'jwt-claim' }, { schema: 'wesley', name: 'touch', purpose: 'touch-updated-at' }],
    enums: [testEnum('kind', [], { schema: 'types' })],
    tables: [testTable('invoice', { schema: 'billing' }), testTable('user')],
  });
  const statements = createSchemas(ir);
  expect(statements).toEqual(['"billing"', '"auth"', '"wesley"', '"types"'].map((s) => `CREATE SCHEMA IF NOT EXISTS ${s}`));
  expect(parseEachStatement([{ title: 's', statements }])).toBe(4);
});

test('enum values are string literals', () => {
  const statements = createEnums([testEnum('role', ['OWNER', "it's"]), testEnum('empty', [], { schema: 'app' })]);
  expect(statements).toEqual([`CREATE TYPE "public"."role" AS ENUM ('OWNER', 'it''s')`, 'CREATE TYPE "app"."empty" AS ENUM ()']);
  expect(parseEachStatement([{ title: 'e', statements }])).toBe(2);
});
