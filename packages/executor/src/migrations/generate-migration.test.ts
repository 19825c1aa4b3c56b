import fs from 'node:fs';
import path from 'node:path';
import { hashSchema, isWesleyError } from '@wesley/ir';
import { planMigration } from '@wesley/planner';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MIGRATION_ERROR_CODES } from './errors.js';
import { generateMigration } from './generate-migration.js';
import { latestSnapshot } from './latest-snapshot.js';
import { readMigrations } from './read-migrations.js';
import { at, compile, tempDir, V1, V2, V3_DROP } from './test-schemas.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const files = (folder: string) => fs.readdirSync(folder).sort();
const read = (folder: string) => Object.fromEntries(files(folder).map((f) => [f, fs.readFileSync(path.join(folder, f), 'utf8')]));

describe('generateMigration', () => {
  test('writes the first migration from an empty database: the plan, both scripts, the snapshot, their checksums', async () => {
    const ir = await compile(V1);
    const { created, previous, toHash } = await generateMigration(dir, ir, { now: at('2025-03-04T05:06:07.890Z') });
    expect(previous).toBeNull();
    expect(created?.id).toBe('20250304050607_initial');
    expect(files(dir)).toEqual(['20250304050607_initial']);
    const folder = path.join(dir, '20250304050607_initial');
    expect(files(folder)).toEqual(['down.sql', 'migration.json', 'plan.json', 'schema.ir.json', 'up.sql']);
    const meta = JSON.parse(fs.readFileSync(path.join(folder, 'migration.json'), 'utf8'));
    expect(meta).toMatchObject({ formatVersion: 1, id: '20250304050607_initial', name: 'initial', createdAt: '2025-03-04T05:06:07.890Z', fromHash: null, toHash, pgVersion: 180000, unsafe: false });
    expect(Object.keys(meta)).toEqual(['formatVersion', 'id', 'name', 'createdAt', 'fromHash', 'toHash', 'pgVersion', 'unsafe', 'files']);
    expect(Object.keys(meta.files)).toEqual(['plan.json', 'up.sql', 'down.sql', 'schema.ir.json']);
    expect(toHash).toBe(hashSchema(ir));
    expect(hashSchema(JSON.parse(fs.readFileSync(path.join(folder, 'schema.ir.json'), 'utf8')))).toBe(toHash);
    expect(fs.readFileSync(path.join(folder, 'up.sql'), 'utf8')).toContain('CREATE TABLE');
    expect(fs.readFileSync(path.join(folder, 'down.sql'), 'utf8')).toMatch(/^-- Wesley rollback script\n/);
    expect(created?.files['plan.json']).toBe(fs.readFileSync(path.join(folder, 'plan.json'), 'utf8'));
    expect(created?.path).toBe(path.resolve(folder));
  });

  test('the same schema again: no changes, nothing written', async () => {
    const ir = await compile(V1);
    await generateMigration(dir, ir, { now: at('2025-01-01T00:00:00Z') });
    const again = await generateMigration(dir, await compile(`# reformatted\n${V1}`), { now: at('2025-01-02T00:00:00Z'), name: 'noop' });
    expect(again.created).toBeNull();
    expect(again.previous?.id).toBe('20250101000000_initial');
    expect(files(dir)).toEqual(['20250101000000_initial']);
  });

  test('a changed schema: a second folder planned from the first snapshot, no database needed', async () => {
    const v1 = await compile(V1);
    const v2 = await compile(V2);
    await generateMigration(dir, v1, { now: at('2025-01-01T00:00:00Z') });
    const { created, previous } = await generateMigration(dir, v2, { name: 'add_slug', now: at('2025-01-02T00:00:00Z') });
    expect(created?.id).toBe('20250102000000_add_slug');
    expect(created?.meta.fromHash).toBe(previous?.meta.toHash);
    expect(created?.plan).toEqual(planMigration(v1, v2, { serverVersionNum: 180000 }));
    expect(created?.plan.steps.map((s) => s.kind)).toEqual(['add-column', 'create-index-concurrently']);
    const migrations = await readMigrations(dir);
    expect(migrations.map((m) => m.id)).toEqual(['20250101000000_initial', '20250102000000_add_slug']);
    expect(hashSchema((await latestSnapshot(dir))!)).toBe(hashSchema(v2));
  });

  test('the same input and `now` give the same bytes', async () => {
    const other = tempDir();
    try {
      for (const d of [dir, other.dir]) {
        await generateMigration(d, await compile(V1), { now: at('2025-01-01T00:00:00Z') });
        await generateMigration(d, await compile(V2), { name: 'add_slug', now: at('2025-01-02T00:00:00Z'), facts: { serverVersionNum: 110022 } });
      }
      for (const id of files(dir)) expect(read(path.join(other.dir, id))).toEqual(read(path.join(dir, id)));
      expect(JSON.parse(read(path.join(dir, '20250102000000_add_slug'))['migration.json']!).pgVersion).toBe(110022);
    } finally {
      other.cleanup();
    }
  });

  test('refused changes: nothing is written, the error lists them and names --unsafe', async () => {
    await generateMigration(dir, await compile(V2), { now: at('2025-01-01T00:00:00Z') });
    const error = await generateMigration(dir, await compile(V3_DROP), { now: at('2025-01-02T00:00:00Z') }).catch((e: unknown) => e);
    expect(isWesleyError(error) && error.code).toBe(MIGRATION_ERROR_CODES.refused);
    expect((error as Error).message).toContain('public.org.name (WESLEY_PLAN_DESTRUCTIVE)');
    expect((error as { hint: string }).hint).toContain('--unsafe');
    expect(fs.readdirSync(dir)).toEqual(['20250101000000_initial']);

    const { created } = await generateMigration(dir, await compile(V3_DROP), { now: at('2025-01-02T00:00:00Z'), unsafe: true, name: 'drop_name' });
    expect(created?.meta.unsafe).toBe(true);
    expect(created?.files['down.sql']).toContain('RAISE EXCEPTION USING MESSAGE');
  });

  test('an invalid name is refused before anything is read or written', async () => {
    const error = await generateMigration(path.join(dir, 'missing'), await compile(V1), { name: 'Add Email' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: MIGRATION_ERROR_CODES.invalidName, hint: 'Use --name add_email.' });
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  test('an id never sorts before the previous one, even when the clock goes back', async () => {
    await generateMigration(dir, await compile(V1), { now: at('2025-01-01T00:00:00Z') });
    const { created } = await generateMigration(dir, await compile(V2), { now: at('2024-12-31T23:59:59Z'), name: 'a' });
    expect(created?.id).toBe('20250101000001_a');
    expect(created?.meta.createdAt).toBe('2024-12-31T23:59:59.000Z');
    expect((await readMigrations(dir)).map((m) => m.id)).toEqual(['20250101000000_initial', '20250101000001_a']);
  });

  test('leaves no temp folder behind, and a folder that cannot be written is WESLEY_MIGRATIONS_WRITE_FAILED', async () => {
    await generateMigration(dir, await compile(V1), { now: at('2025-01-01T00:00:00Z') });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    const error = await generateMigration(file, await compile(V1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: MIGRATION_ERROR_CODES.readFailed });
  });
});
