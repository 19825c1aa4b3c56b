import { isWesleyError } from '@wesley/ir';
import { describe, expect, it } from 'vitest';
import { generateKysely } from '../../../src/kysely/generate-kysely.js';
import { generateZod } from '../../../src/zod/zod-generator.js';
import { compileIr } from './zod-test-support.js';

const errorOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('zod: generated names that clash', () => {
  it('an input type whose schema name is a table insert schema', async () => {
    const { ir } = await compileIr('input UserInsert { name: String }\ntype User @table { id: ID! @pk }');
    const error = errorOf(() => generateZod(ir, { hash: 'h', sources: [] }));
    expect(isWesleyError(error) && error.code).toBe('WESLEY_CODEGEN_ZOD_NAME_CLASH');
    expect(error).toMatchObject({
      message: 'The Zod schemas of UserInsert and User clash on the name UserInsertSchema (module files that differ only in case clash on some file systems).',
      hint: 'Rename one of the GraphQL types so that UserInsertSchema is generated once.',
    });
  });

  it('an enum and an input type whose names differ only in case (one module file each)', async () => {
    const { ir } = await compileIr('enum Tone { A }\ninput TONE { a: Int }');
    expect(errorOf(() => generateZod(ir, { hash: 'h', sources: [] }))).toMatchObject({ code: 'WESLEY_CODEGEN_ZOD_NAME_CLASH' });
  });

  it('a type named like the shared JSON schema', async () => {
    const { ir } = await compileIr('input jsonValue { a: Int }');
    expect(errorOf(() => generateZod(ir, { hash: 'h', sources: [] }))).toMatchObject({ code: 'WESLEY_CODEGEN_ZOD_NAME_CLASH', message: expect.stringContaining('on the name jsonValueSchema') });
  });

  it('leaves names that only look alike alone', async () => {
    const { ir } = await compileIr('input UserInserts { a: Int }\ntype User @table { id: ID! @pk }\ntype Users @table { id: ID! @pk }');
    expect(generateZod(ir, { hash: 'h', sources: [] }).map((f) => f.path)).toEqual(['zod/User.ts', 'zod/UserInserts.ts', 'zod/Users.ts', 'zod/index.ts']);
  });
});

describe('kysely: table interfaces named like the helpers of db.ts', () => {
  it.each(['DB', 'JsonValue', 'JsonInput', 'PostgresInterval', 'PostgresPoint', 'Generated', 'GeneratedAlways', 'ColumnType'])('a table type named %s', async (name) => {
    const { ir } = await compileIr(`type ${name} @table(name: "things") { id: Int! @pk }`);
    const error = errorOf(() => generateKysely(ir));
    expect(isWesleyError(error) && error.code).toBe('WESLEY_CODEGEN_KYSELY_NAME_CLASH');
    expect((error as Error).message).toMatch(new RegExp(`^The Kysely types of .+ and ${name} clash on the name ${name}\\.$`));
    expect((error as { hint: string }).hint).toContain(`Rename the GraphQL type ${name}`);
  });

  it('an enum named like a helper, even when no column needs that helper yet', async () => {
    const { ir } = await compileIr('enum JsonValue { A }\ntype Thing @table { id: Int! @pk, v: JsonValue }');
    expect(errorOf(() => generateKysely(ir))).toMatchObject({ code: 'WESLEY_CODEGEN_KYSELY_NAME_CLASH' });
  });
});
