import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { planToJson } from '@wesley/planner';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MIGRATION_ERROR_CODES } from './errors.js';
import { generateMigration } from './generate-migration.js';
import { latestSnapshot } from './latest-snapshot.js';
import { readMigrations } from './read-migrations.js';
import { at, compile, tempDir, V1, V2 } from './test-schemas.js';

let dir: string;
let cleanup: () => void;
const FIRST = '20250101000000_initial';
const SECOND = '20250102000000_add_slug';

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  await generateMigration(dir, await compile(V1), { now: at('2025-01-01T00:00:00Z') });
  await generateMigration(dir, await compile(V2), { name: 'add_slug', now: at('2025-01-02T00:00:00Z') });
});
afterEach(() => cleanup());

const metaFile = (id: string) => path.join(dir, id, 'migration.json');
const editMeta = (id: string, edit: (meta: Record<string, unknown>) => void) => {
  const meta = JSON.parse(fs.readFileSync(metaFile(id), 'utf8'));
  edit(meta);
  fs.writeFileSync(metaFile(id), JSON.stringify(meta, null, 2));
};
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('it should throw'), (e: unknown) => e as { code: string; message: string; details: Record<string, unknown> });

describe('readMigrations', () => {
  test('oldest first, verified; a folder that does not exist holds none; hidden folders and files are skipped', async () => {
    fs.mkdirSync(path.join(dir, '.20250103000000_x.tmp-abc'));
    fs.writeFileSync(path.join(dir, 'README.md'), 'notes');
    const migrations = await readMigrations(dir);
    expect(migrations.map((m) => [m.id, m.name, m.meta.fromHash === null])).toEqual([
      [FIRST, 'initial', true],
      [SECOND, 'add_slug', false],
    ]);
    expect(migrations[1]!.plan.fromHash).toBe(migrations[0]!.meta.toHash);
    // The plan read back serialises to the bytes on disk: its checksum identifies the plan that runs.
    for (const m of migrations) expect(createHash('sha256').update(planToJson(m.plan)).digest('hex')).toBe(m.meta.files['plan.json']);
    expect(await readMigrations(path.join(dir, 'nothing-here'))).toEqual([]);
  });

  test('a changed up.sql: WESLEY_MIGRATIONS_CHECKSUM_MISMATCH naming the file', async () => {
    fs.appendFileSync(path.join(dir, SECOND, 'up.sql'), 'DROP TABLE public.org;\n');
    const error = await failure(readMigrations(dir));
    expect(error.code).toBe(MIGRATION_ERROR_CODES.checksumMismatch);
    expect(error.message).toContain(path.join(dir, SECOND, 'up.sql'));
    expect(error.details.file).toBe(path.join(dir, SECOND, 'up.sql'));
  });

  test('a missing file: WESLEY_MIGRATIONS_INVALID naming it', async () => {
    fs.rmSync(path.join(dir, FIRST, 'down.sql'));
    const error = await failure(readMigrations(dir));
    expect(error).toMatchObject({ code: MIGRATION_ERROR_CODES.invalid, message: `${path.join(dir, FIRST, 'down.sql')} is missing: migration.json lists it.` });
  });

  test('a broken chain: WESLEY_MIGRATIONS_BROKEN_CHAIN', async () => {
    // The first migration removed: the second no longer starts from an empty database.
    fs.rmSync(path.join(dir, FIRST), { recursive: true });
    const error = await failure(readMigrations(dir));
    expect(error.code).toBe(MIGRATION_ERROR_CODES.brokenChain);
    expect(error.message).toContain('it is the first migration, which starts from an empty database');
  });

  test('two migrations from the same snapshot (two branches) break the chain, and the error says so', async () => {
    fs.cpSync(path.join(dir, SECOND), path.join(dir, '20250103000000_add_slug'), { recursive: true });
    editMeta('20250103000000_add_slug', (m) => {
      m.id = '20250103000000_add_slug';
    });
    const error = await failure(readMigrations(dir));
    expect(error.code).toBe(MIGRATION_ERROR_CODES.brokenChain);
    expect(error.message).toContain(`It starts from the same schema as ${SECOND}: were they generated on two branches?`);
  });

  test('an unknown formatVersion: WESLEY_MIGRATIONS_UNKNOWN_FORMAT naming migration.json', async () => {
    editMeta(SECOND, (m) => {
      m.formatVersion = 2;
    });
    const error = await failure(readMigrations(dir));
    expect(error.code).toBe(MIGRATION_ERROR_CODES.unknownFormat);
    expect(error.message).toBe(`${metaFile(SECOND)} has formatVersion 2; this version of Wesley reads formatVersion 1.`);
  });

  test.each([
    ['an id that is not the folder', (m: Record<string, unknown>) => void (m.id = '20250101000000_other'), 'its id is "20250101000000_other"'],
    ['a bad checksum entry', (m: Record<string, unknown>) => void ((m.files as Record<string, unknown>)['up.sql'] = 'abc'), 'files["up.sql"] is not a SHA-256 hex digest'],
    ['hashes that are not the plan\'s', (m: Record<string, unknown>) => void (m.toHash = '0'.repeat(64)), 'plans'],
  ])('%s: WESLEY_MIGRATIONS_INVALID', async (_, edit, text) => {
    editMeta(SECOND, edit);
    const error = await failure(readMigrations(dir));
    expect(error.code).toBe(MIGRATION_ERROR_CODES.invalid);
    expect(error.message).toContain(text);
  });

  test('a folder that is not a migration: WESLEY_MIGRATIONS_INVALID', async () => {
    fs.mkdirSync(path.join(dir, 'checkpoints'));
    const error = await failure(readMigrations(dir));
    expect(error).toMatchObject({ code: MIGRATION_ERROR_CODES.invalid, message: expect.stringContaining(`${path.join(dir, 'checkpoints')} is not a migration folder`) });
  });

  test('a path that is a file: WESLEY_MIGRATIONS_READ_FAILED', async () => {
    const error = await failure(readMigrations(metaFile(FIRST)));
    expect(error.code).toBe(MIGRATION_ERROR_CODES.readFailed);
  });
});

describe('latestSnapshot', () => {
  test('the IR the last migration leads to; null without migrations', async () => {
    const snapshot = await latestSnapshot(dir);
    expect(snapshot?.tables.map((t) => t.columns.map((c) => c.name))).toEqual([['id', 'name', 'slug']]);
    expect(Object.isFrozen(snapshot?.tables[0])).toBe(true);
    expect(await latestSnapshot(path.join(dir, 'none'))).toBeNull();
  });

  test('a tampered snapshot fails its checksum', async () => {
    fs.writeFileSync(path.join(dir, SECOND, 'schema.ir.json'), '{}\n');
    expect(await failure(latestSnapshot(dir))).toMatchObject({ code: MIGRATION_ERROR_CODES.checksumMismatch });
  });

  test('a snapshot whose checksum was forged but whose hash is not toHash: WESLEY_MIGRATIONS_INVALID', async () => {
    const first = fs.readFileSync(path.join(dir, FIRST, 'schema.ir.json'));
    fs.writeFileSync(path.join(dir, SECOND, 'schema.ir.json'), first);
    editMeta(SECOND, (m) => void ((m.files as Record<string, string>)['schema.ir.json'] = createHash('sha256').update(first).digest('hex')));
    const error = await failure(latestSnapshot(dir));
    expect(error.code).toBe(MIGRATION_ERROR_CODES.invalid);
    expect(error.message).toContain('not to the toHash');
  });
});
