import { describe, expect, test } from 'vitest';
import { MIGRATION_ERROR_CODES } from './errors.js';
import { checkMigrationName, migrationId, toMigrationName } from './migration-id.js';

describe('migrationId', () => {
  test('UTC time to the second, then the name', () => {
    expect(migrationId('add_email', new Date('2025-12-31T23:59:58.999+02:00'), null)).toBe('20251231215958_add_email');
  });

  test('one second after the previous id when the clock is not later', () => {
    expect(migrationId('b', new Date('2025-01-01T00:00:00Z'), '20250101000000_a')).toBe('20250101000001_b');
    expect(migrationId('b', new Date('2024-01-01T00:00:00Z'), '20251231235959_a')).toBe('20260101000000_b');
    expect(migrationId('b', new Date('2025-01-01T00:00:01Z'), '20250101000000_a')).toBe('20250101000001_b');
  });
});

describe('migration names', () => {
  test.each([
    ['Add e-mail!', 'add_e_mail'],
    ['  users.email  ', 'users_email'],
    ['ÄÖ', ''],
  ])('toMigrationName(%j) = %j', (input, expected) => {
    expect(toMigrationName(input)).toBe(expected);
  });

  test('checkMigrationName accepts [a-z0-9_]{1,100} and suggests a fix otherwise', () => {
    expect(checkMigrationName('add_email_2')).toBe('add_email_2');
    expect(() => checkMigrationName('Add-Email')).toThrow(expect.objectContaining({ code: MIGRATION_ERROR_CODES.invalidName, hint: 'Use --name add_email.' }));
    expect(() => checkMigrationName('')).toThrow(expect.objectContaining({ hint: 'Name the change in words, e.g. --name add_email.' }));
    expect(() => checkMigrationName('x'.repeat(101))).toThrow(expect.objectContaining({ code: MIGRATION_ERROR_CODES.invalidName }));
  });
});
