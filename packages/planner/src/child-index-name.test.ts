import { describe, expect, it } from 'vitest';
import { childIndexName } from './child-index-name.js';

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
