// kill -9 during a migration (a 100k-row backfill and a concurrent index build), at random points,
// then resume: the database must equal a clean run's (row count and content checksum), no INVALID
// index may remain, the ledger must be complete and count each batch once (so at most the batch in
// flight was redone). WESLEY_CRASH_RUNS sets the iterations per server (default 20; the soak runs more).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSql } from '@wesley/codegen';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { readLedger, readLedgerSteps, type RunnableMigration } from '../../src/index.js';
import { compile, planOn, runLocked, runnable } from './run-support.js';

const RUNS = Number(process.env.WESLEY_CRASH_RUNS ?? 20);
const ROWS = 100_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');

const V1 = `type Item @table {\n  id: Int! @pk\n  name: String!\n}\n`;
// A default PostgreSQL calls volatile (so the plan backfills it in batches) that is the same on every run.
const V2 = `type Item @table {\n  id: Int! @pk\n  name: String! @index\n  score: Int! @default(expr: "floor(random() * 0)::int")\n}\n`;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** What a migrated database holds: row count, a checksum of every row, INVALID indexes, the ledger. */
async function fingerprint(url: string, migrationId: string) {
  return withClient(url, async (c) => {
    const data = (await c.query(`SELECT count(*)::int AS rows, md5(string_agg(id || ':' || name || ':' || score, ',' ORDER BY id)) AS checksum FROM item`)).rows[0];
    const invalid = (await c.query(`SELECT count(*)::int AS n FROM pg_index WHERE NOT indisvalid OR NOT indisready`)).rows[0].n;
    const columns = (await c.query(`SELECT attname, attnotnull FROM pg_attribute WHERE attrelid = 'public.item'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`)).rows;
    const indexes = (await c.query(`SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = 'public.item'::regclass ORDER BY 1`)).rows.map((r) => r.name);
    const ledger = [...(await readLedgerSteps(c, migrationId)).values()].map((s) => ({ step: s.stepId, done: s.done, batches: s.batches })).sort((a, b) => a.step.localeCompare(b.step));
    const status = (await readLedger(c)).map((m) => m.status);
    return { ...data, invalid, columns, indexes, ledger, status };
  });
}

/** Runs the migration in a child process and kills it (SIGKILL) after the `killAfter`-th event and a random few ms. */
function runAndKill(url: string, file: string, killAfter: number): Promise<{ killed: boolean; events: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), url, file, '2'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let events = 0;
    let buffer = '';
    let stderr = '';
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      events += lines.length;
      if (!killing && events >= killAfter) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, events });
      else if (code === 0) resolve({ killed: false, events });
      else reject(new Error(`the child failed (${code}): ${stderr}`));
    });
  });
}

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (major, server) => {
  test(`kill -9 at ${RUNS} random points, then resume: the same database as a clean run`, async () => {
    const v1 = await compile(V1);
    const v2 = await compile(V2);
    // One seeded database; every iteration starts from a copy of it.
    const seed = await createTestDatabase(server);
    await withClient(seed.url, async (c) => {
      await c.query(generateSql(v1));
      await c.query(`INSERT INTO item (id, name) SELECT g, 'item ' || (g % 1000) FROM generate_series(1, ${ROWS}) g`);
      await c.query('ANALYZE item');
    });
    const plan = await planOn(seed.url, v1, v2, { batchSize: 5000 });
    expect(plan.steps.map((s) => s.kind)).toContain('backfill-column');
    expect(plan.steps.map((s) => s.kind)).toContain('create-index-concurrently');
    const migration: RunnableMigration = runnable('20260101000000_score', plan);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-crash-'));
    const file = path.join(dir, 'migration.json');
    fs.writeFileSync(file, JSON.stringify(migration));
    const copy = async (name: string) => {
      await withClient(server.url, (c) => c.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(seed.name)}`));
      const url = new URL(seed.url);
      url.pathname = `/${name}`;
      return url.toString();
    };
    try {
      const cleanUrl = await copy(`${seed.name}_clean`);
      const clean = await runAndKill(cleanUrl, file, Number.MAX_SAFE_INTEGER);
      expect(clean.killed).toBe(false);
      const expected = await fingerprint(cleanUrl, migration.id);
      expect(expected).toMatchObject({ rows: ROWS, invalid: 0, status: ['applied'] });
      expect(expected.ledger.find((s) => s.batches > 0)?.batches).toBe(ROWS / 5000);

      let killedRuns = 0;
      for (let i = 0; i < RUNS; i++) {
        const url = await copy(`${seed.name}_k${i}`);
        const killAfter = 1 + Math.floor(Math.random() * clean.events);
        const { killed } = await runAndKill(url, file, killAfter);
        if (killed) killedRuns++;
        const resumed = await runLocked(url, migration);
        expect(['applied', 'already-applied'], JSON.stringify(resumed.error)).toContain(resumed.status);
        expect(await fingerprint(url, migration.id), `iteration ${i}, killed after event ${killAfter}`).toEqual(expected);
        await withClient(server.url, (c) => c.query(`DROP DATABASE ${quote(`${seed.name}_k${i}`)}`));
      }
      expect(killedRuns).toBeGreaterThan(RUNS / 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await withClient(server.url, (c) => c.query(`DROP DATABASE IF EXISTS ${quote(`${seed.name}_clean`)}`)).catch(() => {});
    }
  }, 600_000);
});
