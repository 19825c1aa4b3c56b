import { beforeAll, expect, test } from 'vitest';
import { loadSqlParser } from '@wesley/ir';
import { parseEachStatement, testEnum, testSchema, testTable } from '@wesley/ir/testing';
import { createExtensions } from './create-extensions.js';
import { createSchemas } from './create-schemas.js';

beforeAll(loadSqlParser);

test('extensions sorted by code unit and deduplicated', () => {
  const statements = createExtensions(testSchema({ extensions: ['pgcrypto', 'citext', 'Zed', 'pgcrypto'] }));
  expect(statements).toEqual(['CREATE EXTENSION IF NOT EXISTS "Zed"', 'CREATE EXTENSION IF NOT EXISTS "citext"', 'CREATE EXTENSION IF NOT EXISTS "pgcrypto"']);
  expect(parseEachStatement(statements)).toBe(3);
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
  expect(parseEachStatement(statements)).toBe(4);
});
