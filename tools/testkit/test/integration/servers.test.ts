import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { selectedVersions } from '../../src/binaries.js';
import { createTestDatabase, testServers } from '../../src/vitest.js';

const servers = testServers();

describe.each(servers.map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test('a fresh database reports the expected server_version_num', async () => {
    const db = await createTestDatabase(server);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ num: string; db: string }>(
        `select current_setting('server_version_num') as num, current_database() as db`,
      );
      expect(Number(rows[0]!.num)).toBe(server.versionNum);
      expect(Math.floor(Number(rows[0]!.num) / 10000)).toBe(server.major);
      expect(rows[0]!.db).toBe(db.name);
      if (!server.external) {
        const ext = await client.query(`select 1 from pg_extension where extname = 'pg_stat_statements'`);
        expect(ext.rowCount).toBe(1);
        const preload = await client.query<{ v: string }>(`select current_setting('shared_preload_libraries') as v`);
        expect(preload.rows[0]!.v).toContain('pg_stat_statements');
      }
    } finally {
      await client.end();
    }
  });
});

test.skipIf(servers[0]!.external)('the run covers exactly the selected majors', () => {
  expect(servers.map((s) => s.major)).toEqual(selectedVersions());
});
