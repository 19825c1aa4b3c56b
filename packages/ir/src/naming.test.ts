import { expect, test } from 'vitest';
import { constraintName, didYouMean, isTooLong, quoteIdent, quoteLiteral, snakeCase } from './naming.js';

test.each([
  ['orgId', 'org_id'],
  ['OrderItem', 'order_item'],
  ['HTTPRequest', 'http_request'],
  ['userID', 'user_id'],
  ['created_at', 'created_at'],
  ['User', 'user'],
  ['address2Line', 'address2_line'],
])('snakeCase(%s) = %s', (input, output) => expect(snakeCase(input)).toBe(output));

test('identifiers and literals are quoted', () => {
  expect(quoteIdent('user')).toBe('"user"');
  expect(quoteIdent('we"ird')).toBe('"we""ird"');
  expect(quoteLiteral("O'Brien")).toBe("'O''Brien'");
});

test('constraint names follow PostgreSQL and stay within 63 bytes, stably', () => {
  expect(constraintName('user', ['email'], 'key')).toBe('user_email_key');
  const long = constraintName('a_really_long_table_name_for_testing', ['and_an_even_longer_column_name_here'], 'fkey');
  expect(isTooLong(long)).toBe(false);
  expect(long).toMatch(/_[0-9a-f]{8}_fkey$/);
  expect(constraintName('a_really_long_table_name_for_testing', ['and_an_even_longer_column_name_here'], 'fkey')).toBe(long);
  expect(constraintName('a_really_long_table_name_for_testing', ['and_an_even_longer_column_name_herf'], 'fkey')).not.toBe(long);
});

test('didYouMean suggests close names only', () => {
  expect(didYouMean('primarykey', ['primaryKey', 'pk', 'table'])).toBe('Did you mean "primaryKey"?');
  expect(didYouMean('wes_tabel', ['wes_table', 'table'])).toMatch(/"wes_table"/);
  expect(didYouMean('zzzzzz', ['table', 'pk'])).toBeUndefined();
});

test("the test kit's copy of snakeCase agrees with the compiler's", async () => {
  // The test kit may not depend on @wesley/ir (ir's tests depend on the kit), so it keeps a copy.
  const kit = await import('@wesley/testkit/arbitraries');
  for (const name of ['orgId', 'OrderItem', 'HTTPRequest', 'userID', 'created_at', 'address2Line', 'ABC', 'a-b c', 'XMLHttpRequest2Go']) {
    expect(kit.snakeCase(name)).toBe(snakeCase(name));
  }
});
