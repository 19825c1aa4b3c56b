// The migrations folder run on a real server: generate v1 and v2 without a database, execute them,
// status, roll back (the whole migration, or from a checkpoint after an interruption at 25%, 50%
// and 75% of the work: the schema is the one before the migration again), then run again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogSnapshot, withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { generateMigration, migrationStatus, readMigrations, rollbackMigration, runMigrations, readCheckpoint, type ExecutorEvent } from '../../src/index.js';
import { compile } from './run-support.js';

const V1 = `type Org @table {\n  id: Int! @pk\n  name: String!\n}\n`;
const V2 = `type Org @table {\n  id: Int! @pk\n  name: String! @index\n  slug: String @unique\n  score: Int! @default(value: 0)\n}\n\ntype Team @table {\n  id: Int! @pk\n  orgId: Int! @fk(ref: "Org.id")\n  label: String @index\n}\n`;

/** A scratch folder with v1 and v2 generated (no database), and connections to a fresh database. */
async function setup(server: Parameters<typeof createTestDatabase>[0]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-run-'));
  const migrations = path.join(dir, 'migrations');
  await generateMigration(migrations, await compile(V1), { name: 'initial', now: new Date('2026-01-01T00:00:00Z') });
  await generateMigration(migrations, await compile(V2), { name: 'teams', now: new Date('2026-01-02T00:00:00Z') });
  const database = await createTestDatabase(server);
  const lock = new pg.Client({ connectionString: database.url });
  const work = new pg.Client({ connectionString: database.url });
  await Promise.all([lock.connect(), work.connect()]);
  return {
    dir, migrations, url: database.url, connections: { lock, work },
    checkpointDir: path.join(dir, 'checkpoints'),
    async close() {
      await Promise.all([lock.end(), work.end()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The catalog without Wesley's own ledger (which exists after the first run, whatever is rolled back). */
async function schemaOf(client: pg.ClientBase) {
  const snapshot = await catalogSnapshot(client);
  return JSON.parse(JSON.stringify(snapshot, (_k, v) => (typeof v === 'string' && /wesley\.migration/.test(v) ? undefined : v)));
}

class Interrupt extends Error {}

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test('a rollback that would drop a table or column holding data is refused without unsafe, before anything is undone', async () => {
    const t = await setup(server);
    try {
      await runMigrations(t.connections, { dir: t.migrations, checkpointDir: t.checkpointDir });
      const [, teams] = await readMigrations(t.migrations);
      // Empty new tables and all-NULL new columns are dropped without asking.
      const dry = await rollbackMigration(t.connections, { checkpointDir: t.checkpointDir, dryRun: true });
      expect(dry.dataAtRisk.map((r) => [r.object, r.kind, r.hasData])).toEqual(expect.arrayContaining([
        ['public.team', 'table', false], ['public.org.slug', 'column', false], ['public.org.score', 'column', false],
      ]));
      await withClient(t.url, (c) => c.query(`INSERT INTO org (id, name, slug) VALUES (1, 'a', 'a-slug'); INSERT INTO team (id, org_id) VALUES (1, 1)`));
      const before = await schemaOf(t.connections.work);
      await expect(rollbackMigration(t.connections, { checkpointDir: t.checkpointDir })).rejects.toMatchObject({
        code: 'WESLEY_EXEC_DATA_LOSS',
        message: expect.stringContaining('drops table public.team, which holds rows'),
        details: { migration: teams!.id, flag: '--unsafe' },
      });
      await expect(rollbackMigration(t.connections, { checkpointDir: t.checkpointDir })).rejects.toThrow('drops column public.org.slug, which holds values');
      expect(await schemaOf(t.connections.work)).toEqual(before);
      expect((await migrationStatus(t.connections.work, await readMigrations(t.migrations), { checkpointDir: t.checkpointDir })).map((s) => s.state)).toEqual(['applied', 'applied']);
      expect(await rollbackMigration(t.connections, { checkpointDir: t.checkpointDir, unsafe: true })).toMatchObject({ complete: true });
    } finally {
      await t.close();
    }
  });

  test('execute applies both in order; status says so; rollback undoes the last; execute applies it again', async () => {
    const t = await setup(server);
    try {
      const first = await runMigrations(t.connections, { dir: t.migrations, checkpointDir: t.checkpointDir, to: (await readMigrations(t.migrations))[0]!.id });
      expect(first.outcomes.map((o) => o.status)).toEqual(['applied']);
      const afterV1 = await schemaOf(t.connections.work);
      const result = await runMigrations(t.connections, { dir: t.migrations, checkpointDir: t.checkpointDir });
      expect(result).toMatchObject({ complete: true });
      expect(result.outcomes.map((o) => o.status)).toEqual(['applied']);
      const migrations = await readMigrations(t.migrations);
      expect((await migrationStatus(t.connections.work, migrations, { checkpointDir: t.checkpointDir })).map((s) => s.state)).toEqual(['applied', 'applied']);
      expect(fs.existsSync(path.join(t.checkpointDir, `${migrations[1]!.id}.json`))).toBe(false);

      const rolled = await rollbackMigration(t.connections, { checkpointDir: t.checkpointDir });
      expect(rolled).toMatchObject({ migration: migrations[1]!.id, complete: true });
      expect(await schemaOf(t.connections.work)).toEqual(afterV1);
      expect((await migrationStatus(t.connections.work, migrations)).map((s) => s.state)).toEqual(['applied', 'rolled back']);
      expect((await runMigrations(t.connections, { dir: t.migrations, checkpointDir: t.checkpointDir })).outcomes.map((o) => o.status)).toEqual(['applied']);
    } finally {
      await t.close();
    }
  });

  test.each(['p25', 'p50', 'p75'])('interrupted after checkpoint %s: rollback returns the schema to the state before the migration', async (mark) => {
    const t = await setup(server);
    try {
      const [v1] = await readMigrations(t.migrations);
      await runMigrations(t.connections, { dir: t.migrations, checkpointDir: t.checkpointDir, to: v1!.id });
      const before = await schemaOf(t.connections.work);
      const v2 = (await readMigrations(t.migrations))[1]!;
      // Stop the run (as a crash would) right after the checkpoint is written.
      const stop = (event: ExecutorEvent) => {
        if (event.type === 'step-done' && readCheckpoint(t.checkpointDir, v2.id)?.milestones.some((m) => m.name === mark)) throw new Interrupt(mark);
      };
      await expect(runMigrations(t.connections, { dir: t.migrations, checkpointDir: t.checkpointDir, onEvent: stop })).rejects.toBeInstanceOf(Interrupt);
      const checkpoint = readCheckpoint(t.checkpointDir, v2.id)!;
      expect(checkpoint.milestones.map((m) => m.name)).toContain(mark);
      expect((await migrationStatus(t.connections.work, await readMigrations(t.migrations), { checkpointDir: t.checkpointDir }))[1]).toMatchObject({ state: 'interrupted' });

      // Back to the checkpoint first (only what came after it is undone), then all the way.
      const partial = await rollbackMigration(t.connections, { checkpointDir: t.checkpointDir, to: mark });
      expect(partial.complete).toBe(checkpoint.milestones.find((m) => m.name === mark)!.completedSteps.length === 0);
      const whole = await rollbackMigration(t.connections, { checkpointDir: t.checkpointDir });
      expect(whole.complete).toBe(true);
      expect(await schemaOf(t.connections.work)).toEqual(before);
    } finally {
      await t.close();
    }
  });

  test('a rollback that fails half-way leaves the migration interrupted, never "applied"', async () => {
    const t = await setup(server);
    try {
      await runMigrations(t.connections, { dir: t.migrations, checkpointDir: t.checkpointDir });
      // A view on a column v2 added: undoing the column fails (dependent objects), after later steps were undone.
      await t.connections.work.query('CREATE VIEW org_scores AS SELECT score FROM org');
      await expect(rollbackMigration(t.connections, { checkpointDir: t.checkpointDir })).rejects.toMatchObject({ code: 'WESLEY_EXEC_UNDO_FAILED', details: { sqlstate: '2BP01' } });
      const states = await migrationStatus(t.connections.work, await readMigrations(t.migrations), { checkpointDir: t.checkpointDir });
      expect(states.map((s) => s.state)).toEqual(['applied', 'interrupted']);
      expect(states[1]!.stepsDone).toBeGreaterThan(0);
      await t.connections.work.query('DROP VIEW org_scores');
      expect(await rollbackMigration(t.connections, { checkpointDir: t.checkpointDir })).toMatchObject({ complete: true });
    } finally {
      await t.close();
    }
  });
});

