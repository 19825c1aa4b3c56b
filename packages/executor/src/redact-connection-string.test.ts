import { describe, expect, test } from 'vitest';
import { REDACTED, redactConnectionString } from './redact-connection-string.js';

describe('redactConnectionString', () => {
  test.each([
    ['connect to postgres://alice:s3cret@db.example.com:5432/app failed', `connect to ${REDACTED} failed`],
    ['postgresql://alice:s3cret@db/app?sslmode=require', REDACTED],
    ['POSTGRES://alice:s3cret@db/app', REDACTED],
    ['url "postgres://alice:s3cret@db/app", next', `url "${REDACTED}", next`],
    ['(postgres://alice@db/app)', `(${REDACTED})`],
    ['fetch https://bob:hunter2@example.com/x', `fetch https://bob:${REDACTED}@example.com/x`],
    ['host=db user=alice password=s3cret dbname=app', `host=db user=alice password=${REDACTED} dbname=app`],
    ["host=db password='two words' dbname=app", `host=db password=${REDACTED} dbname=app`],
    ['PGPASSWORD=s3cret psql', `PGPASSWORD=${REDACTED} psql`],
    ['{"user":"alice","password":"s3cret"}', `{"user":"alice","password":"${REDACTED}"}`],
    ["{ password: 's3cret' }", `{ password: "${REDACTED}" }`],
    ['password authentication failed for user "alice"', 'password authentication failed for user "alice"'],
    ['connect ECONNREFUSED 127.0.0.1:5432', 'connect ECONNREFUSED 127.0.0.1:5432'],
  ])('%s', (text, expected) => {
    expect(redactConnectionString(text)).toBe(expected);
  });

  test('the connection string in use, and its password raw and decoded, go wherever they appear', () => {
    const url = 'postgres://alice:p%40ss%20w0rd@db/app';
    const text = `bad: ${url}; secret p%40ss%20w0rd or p@ss w0rd; host db`;
    const out = redactConnectionString(text, url);
    expect(out).toBe(`bad: ${REDACTED}; secret ${REDACTED} or ${REDACTED}; host db`);
  });

  test('a password with an unencoded @ does not leak its tail', () => {
    const url = 'postgres://alice:p@ss@db/app';
    expect(redactConnectionString(`x ${url} y`, url)).toBe(`x ${REDACTED} y`);
    expect(redactConnectionString(`x ${url} y`)).toBe(`x ${REDACTED} y`);
  });

  test('a string that is not a URL leaves the text to the patterns', () => {
    expect(redactConnectionString('nothing to hide', 'not a url')).toBe('nothing to hide');
  });

  test("a role's password in SQL (a lock holder's query) goes", () => {
    expect(redactConnectionString(`ALTER ROLE app PASSWORD 'it''s s3cret' VALID UNTIL 'infinity'`)).toBe(`ALTER ROLE app PASSWORD '[redacted]' VALID UNTIL 'infinity'`);
    expect(redactConnectionString(`create user x with login password E'p\\'w'`)).not.toContain('p\\');
  });
});
