// What a user sees when the schema is wrong: Wesley's own diagnostics, located in their file.
import path from 'node:path';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, test } from 'vitest';
import { wesleySchemaDefinitions } from '@wesley/graphql-codegen';
import { plugin, validate } from '@wesley/graphql-codegen/zod';
import { PACKAGE_DIR, runCodegen } from './codegen-support.js';

const BAD = path.join(PACKAGE_DIR, 'test/unit/bad-schema.graphql');

describe('a schema Wesley rejects', () => {
  test('fails with every error: code, file:line:column of the user\'s file, hint', async () => {
    const error = await runCodegen('zod', [BAD, wesleySchemaDefinitions()]).then(() => null, (e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = error!.message;
    expect(message).toMatch(/^Wesley cannot compile the schema \(2 errors\):\n/);
    expect(message).toContain(`${path.relative(process.cwd(), BAD)}:8:23 WESLEY_IR_FK_TARGET_MISSING: @fk on User.orgId: "Orgg" is not a table.`);
    expect(message).toContain('hint: Did you mean "Org"?');
    expect(message).toContain(`${path.relative(process.cwd(), BAD)}:9:30 WESLEY_IR_INVALID_SQL_TYPE`);
    expect(message).not.toMatch(/\n\s+at /);
  });

  test('the thrown error carries the code and the errors as data', async () => {
    const error = await runCodegen('zod', [BAD, wesleySchemaDefinitions()]).then(() => null, (e: unknown) => e);
    const errors = (error as { details?: { errors?: unknown[] } }).details?.errors ?? (error as { errors?: { details?: { errors?: unknown[] } }[] }).errors?.[0]?.details?.errors;
    expect(errors).toHaveLength(2);
  });
});

test('a schema built in code (no SDL) is refused with a clear error', async () => {
  const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString } } }) });
  await expect(plugin(schema, [], {})).rejects.toThrow(/WESLEY_GRAPHQL_CODEGEN_NO_SDL|has no SDL for Query/);
  await expect(plugin(schema, [], {})).rejects.toMatchObject({ code: 'WESLEY_GRAPHQL_CODEGEN_NO_SDL' });
});

test('validate refuses an output file that is not TypeScript', () => {
  const schema = new GraphQLSchema({});
  expect(() => validate(schema, [], {}, 'out/schemas.js', [])).toThrow(/writes TypeScript, but the output file is out\/schemas\.js/);
  expect(() => validate(schema, [], {}, 'out/schemas.ts', [])).not.toThrow();
});
