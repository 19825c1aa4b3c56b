import { expect, test } from 'vitest';
import type { ServerFacts } from '../types.js';
import { tableSize } from './table-size.js';

const facts: ServerFacts = {
  serverVersionNum: 160004,
  tables: {
    'public.users': { rows: 4_000_000, bytes: 404_750_336 },
    'public.events': {
      rows: 0,
      bytes: 0,
      partitions: {
        'public.events_2024': { rows: 10, bytes: 1000 },
        'public.events_2025': {
          rows: 0,
          bytes: 0,
          partitions: { 'public.events_2025_h1': { rows: 20, bytes: 2000 }, 'public.events_2025_h2': { rows: -1, bytes: 3000 } },
        },
      },
    },
    'public.stats_own': { rows: 5, bytes: 500, partitions: { 'public.stats_own_p': { rows: 1, bytes: 100 } } },
  },
};

test('a plain table is looked up by its qualified name', () => {
  expect(tableSize(facts, 'public.users')).toEqual({ bytes: 404_750_336, rows: 4_000_000 });
});

test('a partition is found inside its parent, at any depth', () => {
  expect(tableSize(facts, 'public.events_2024')).toEqual({ bytes: 1000, rows: 10 });
  expect(tableSize(facts, 'public.events_2025_h1')).toEqual({ bytes: 2000, rows: 20 });
});

test('a partitioned table without bytes of its own is the sum of its partitions, recursively', () => {
  expect(tableSize(facts, 'public.events_2025')).toEqual({ bytes: 5000, rows: 20 });
  expect(tableSize(facts, 'public.events')).toEqual({ bytes: 6000, rows: 30 });
});

test('a table that reports bytes of its own keeps them', () => {
  expect(tableSize(facts, 'public.stats_own')).toEqual({ bytes: 500, rows: 5 });
});

test('never-analysed row counts (-1) count as 0', () => {
  expect(tableSize(facts, 'public.events_2025_h2')).toEqual({ bytes: 3000, rows: 0 });
});

test('unknown tables and missing facts give null', () => {
  expect(tableSize(facts, 'public.nope')).toBeNull();
  expect(tableSize(facts, 'users')).toBeNull();
  expect(tableSize({ serverVersionNum: 160004 }, 'public.users')).toBeNull();
  expect(tableSize({ serverVersionNum: 160004, tables: {} }, 'public.users')).toBeNull();
});
