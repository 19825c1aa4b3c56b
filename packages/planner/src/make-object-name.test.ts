import { describe, expect, it } from 'vitest';
import { childIndexName, notNullConstraintName } from './make-object-name.js';

describe('childIndexName', () => {
  it('joins partition, columns and label', () => {
    expect(childIndexName('events_2024', ['tenant_id', 'created_at'], 'idx')).toBe('events_2024_tenant_id_created_at_idx');
  });
  it('clips the longer part first to fit 63 bytes', () => {
    const name = childIndexName('p'.repeat(40), ['c'.repeat(40)], 'key');
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(63);
    expect(name).toBe(`${'p'.repeat(29)}_${'c'.repeat(29)}_key`);
  });
});

describe('notNullConstraintName', () => {
  it('names as PostgreSQL 18 does, clipping the longer part first', () => {
    expect(notNullConstraintName('customer', 'display_name')).toBe('customer_display_name_not_null');
    // Observed on PG 18: two 40-character names become 27 + 26 characters.
    expect(notNullConstraintName('t'.repeat(40), 'c'.repeat(40))).toBe(`${'t'.repeat(27)}_${'c'.repeat(26)}_not_null`);
  });
});
