import { expect, test } from 'vitest';
import { compileSchema } from './compile-schema.js';

const target = 'type T @table { id: ID! @pk }';
const ab = 'type AB @table(name: "a_b") { id: ID! @pk c: ID @fk(ref: "T.id") }';
const a = 'type A @table(name: "a") { id: ID! @pk bC: ID @fk(ref: "T.id") }';

test('compiler-made index names do not depend on the order of type definitions', async () => {
  const one = await compileSchema([{ name: 's.graphql', text: [target, ab, a].join('\n') }]);
  const two = await compileSchema([{ name: 's.graphql', text: [a, target, ab].join('\n') }]);
  if (!one.ok || !two.ok) throw new Error('does not compile');
  const names = (r: typeof one) => r.ir.tables.flatMap((t) => t.indexes.map((i) => `${t.name}:${i.name}`));
  // Both foreign keys want "a_b_c_idx"; the one on the table that sorts first gets it.
  expect(names(one)).toEqual(['a:a_b_c_idx', 'a_b:a_b_c_idx1']);
  expect(names(two)).toEqual(names(one));
  expect(two.hash).toBe(one.hash);
});

test('@tenant with @rls(enable: false) is refused: it would switch the isolation off', async () => {
  const result = await compileSchema([{ name: 's.graphql', text: 'type N @table @tenant(by: "orgId") @rls(using: "true", enable: false) { id: ID! @pk orgId: ID! }' }]);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual(['WESLEY_IR_INVALID_ARGUMENT']);
});

test('an expression default is kept as the user wrote it, minus comments', async () => {
  const result = await compileSchema([{ name: 's.graphql', text: 'type N @table { id: ID! @pk at: DateTime! @default(expr: "now() AT TIME ZONE \'utc\' -- clock") }' }]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.ir.tables[0]!.columns[1]!.default).toEqual({ kind: 'expression', sql: "now() AT TIME ZONE 'utc'", volatility: 'stable' });
});

test('the IR lists every role the policies are granted to, after the migrator, without keywords', async () => {
  const result = await compileSchema([{
    name: 's.graphql',
    text: `type A @table @rls(using: "true", roles: ["PUBLIC", "app_user", "current_user"]) { id: ID! @pk }
type B @table @rls(using: "true", roles: ["app_admin", "app_user"]) { id: ID! @pk }`,
  }]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.ir.roles).toEqual([
    { name: 'wesley_migrator', bypassRls: true },
    { name: 'app_user', bypassRls: false },
    { name: 'app_admin', bypassRls: false },
  ]);
});

test('a unique constraint that repeats the primary key is left out, with a warning', async () => {
  const result = await compileSchema([{ name: 's.graphql', text: 'type T @table @unique(fields: ["a", "b"]) @unique(fields: ["b", "a"]) {\n  a: Int! @pk @unique\n  b: Int! @pk\n}\n' }]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  // Same columns in the same order as the key: PostgreSQL would skip it. Another order is a different index.
  expect(result.ir.tables[0]!.uniques.map((u) => u.columns)).toEqual([['a'], ['b', 'a']]);
  expect(result.diagnostics.filter((d) => d.code === 'WESLEY_IR_UNIQUE_DUPLICATES_PK')).toHaveLength(1);
});
