import { describe, expect, test } from 'vitest';
import { arrangeTables, rowEstimate, type TableRow } from './read-server-facts.js';

const row = (oid: number, name: string, parent: number | null = null, more: Partial<TableRow> = {}): TableRow => ({
  oid, parent, schema: 'public', name, reltuples: 10, liveTuples: 10, bytes: 8192, indexBytes: 16384, ...more,
});

describe('rowEstimate', () => {
  test.each([
    [1234.4, 5, 1234], // analysed: reltuples, rounded (it is a float4 estimate)
    [-1, 42, 42], // never analysed (PostgreSQL 14+): the live-row count
    [0, 42, 42], // never analysed before 14, or emptied since
    [-1, null, 0], // nothing known
    [0, 0, 0],
  ])('reltuples %d, n_live_tup %s -> %d', (reltuples, live, expected) => {
    expect(rowEstimate(reltuples, live)).toBe(expected);
  });
});

describe('arrangeTables', () => {
  test('partitions are nested under their parent at any depth, and listed nowhere else', () => {
    const rows = [
      row(1, 'users'),
      row(2, 'events', null, { bytes: 0, reltuples: -1, liveTuples: null }),
      row(3, 'events_2025', 2),
      row(4, 'events_2025_01', 3, { schema: 'archive' }),
    ];
    expect(arrangeTables(rows)).toEqual({
      'public.users': { rows: 10, bytes: 8192, indexBytes: 16384 },
      'public.events': {
        rows: 0,
        bytes: 0,
        indexBytes: 16384,
        partitions: {
          'public.events_2025': { rows: 10, bytes: 8192, indexBytes: 16384, partitions: { 'archive.events_2025_01': { rows: 10, bytes: 8192, indexBytes: 16384 } } },
        },
      },
    });
  });

  test('the schema filter picks top-level tables; their partitions follow them', () => {
    const rows = [row(1, 'users', null, { schema: 'app' }), row(2, 'audit', null, { schema: 'ops' }), row(3, 'audit_1', 2, { schema: 'app' })];
    expect(Object.keys(arrangeTables(rows, ['app']))).toEqual(['app.users']);
    expect(arrangeTables(rows, ['ops'])['ops.audit']?.partitions).toHaveProperty(['app.audit_1']);
  });
});
