import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { readServerFacts } from '../../src/index.js';

// Two schemas; an analysed table, a table never analysed, a partitioned table with a partition
// that is itself partitioned, and an index a failed concurrent build left INVALID.
const SETUP = `
CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY, email text NOT NULL);
INSERT INTO app.users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 5000) g;
ANALYZE app.users;
CREATE TABLE app.fresh (id int PRIMARY KEY);
INSERT INTO app.fresh SELECT generate_series(1, 300);
CREATE TABLE app.events (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY RANGE (at);
CREATE TABLE app.events_2025_h1 PARTITION OF app.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2025-07-01');
CREATE TABLE app.events_2025_h2 PARTITION OF app.events_2025 FOR VALUES FROM ('2025-07-01') TO ('2026-01-01');
INSERT INTO app.events SELECT g, date '2025-01-01' + (g % 365) FROM generate_series(1, 2000) g;
ANALYZE app.events;
CREATE TABLE public.notes (id int PRIMARY KEY, tag int);
INSERT INTO public.notes VALUES (1, 7), (2, 7);
ANALYZE public.notes;
`;

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  async function prepared(): Promise<string> {
    const db = await createTestDatabase(server);
    await withClient(db.url, async (client) => {
      await client.query(SETUP);
      // Outside a transaction, as CONCURRENTLY must be: the duplicate tags fail it, leaving the index INVALID.
      await expect(client.query('CREATE UNIQUE INDEX CONCURRENTLY notes_tag_key ON public.notes (tag)')).rejects.toThrow(/could not create unique index/);
    });
    return db.url;
  }

  test('reads the version, sizes, nested partitions and invalid indexes', async () => {
    const url = await prepared();
    const facts = await withClient(url, (client) => readServerFacts(client));
    expect(facts.serverVersionNum).toBe(server.versionNum);
    expect(Object.keys(facts.tables ?? {})).toEqual(['app.events', 'app.fresh', 'app.users', 'public.notes']);

    const users = facts.tables!['app.users']!;
    expect(users.rows).toBe(5000);
    expect(users.bytes).toBeGreaterThan(100_000);
    expect(users.indexBytes).toBeGreaterThan(50_000);
    expect(users.partitions).toBeUndefined();

    // A partitioned table has no storage of its own; its partitions carry the sizes.
    const events = facts.tables!['app.events']!;
    expect(events.bytes).toBe(0);
    const year = events.partitions?.['app.events_2025'];
    expect(year?.bytes).toBe(0);
    const halves = year?.partitions ?? {};
    expect(Object.keys(halves)).toEqual(['app.events_2025_h1', 'app.events_2025_h2']);
    expect(halves['app.events_2025_h1']!.rows + halves['app.events_2025_h2']!.rows).toBe(2000);
    expect(halves['app.events_2025_h1']!.bytes).toBeGreaterThan(0);

    expect(facts.invalidIndexes).toEqual([{ schema: 'public', table: 'notes', name: 'notes_tag_key' }]);
  });

  test('a table never analysed gets the live-row count of the statistics', async () => {
    const url = await prepared();
    // The inserting session has ended, so its counts are on their way to the statistics system.
    await expect.poll(async () => (await withClient(url, (client) => readServerFacts(client))).tables?.['app.fresh']?.rows, { timeout: 10_000, interval: 200 }).toBe(300);
  });

  test('the schema filter; a pool; a read-only session', async () => {
    const url = await prepared();
    const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c default_transaction_read_only=on' });
    try {
      const facts = await readServerFacts(pool, { schemas: ['public'] });
      expect(Object.keys(facts.tables ?? {})).toEqual(['public.notes']);
      expect(facts.invalidIndexes).toHaveLength(1);
      expect(Object.keys((await readServerFacts(pool, { schemas: ['app'] })).tables ?? {})).toEqual(['app.events', 'app.fresh', 'app.users']);
      expect((await readServerFacts(pool, { schemas: ['app'] })).invalidIndexes).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});
