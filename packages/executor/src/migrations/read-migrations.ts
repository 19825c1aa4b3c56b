// Reading a migrations folder: every migration's checksums and the chain of schema hashes are
// verified before anything is returned, so what runs is what was generated and reviewed.
import path from 'node:path';
import { WesleyError } from '@wesley/ir';
import { planSchema, type Plan } from '@wesley/planner';
import { MIGRATION_ERROR_CODES } from './errors.js';
import { listFolder, readBytes, sha256 } from './file-system.js';
import { MIGRATION_FILES, MIGRATION_ID_PATTERN, MIGRATION_META_FILE, type Migration, type MigrationFile, type MigrationMeta } from './migration-format.js';
import { parseMigrationMeta } from './parse-migration-meta.js';

const RESTORE = 'Restore the migration folder from version control; never edit a generated migration: generate a new one.';

/** The bytes of one of a migration's files, checked against migration.json. */
export async function readVerifiedFile(folder: string, meta: MigrationMeta, file: MigrationFile): Promise<Buffer> {
  const where = path.join(folder, file);
  const bytes = await readBytes(where);
  if (bytes === null) {
    throw new WesleyError({ code: MIGRATION_ERROR_CODES.invalid, message: `${where} is missing: ${MIGRATION_META_FILE} lists it.`, hint: RESTORE, details: { file: where } });
  }
  const actual = sha256(bytes);
  if (actual !== meta.files[file]) {
    throw new WesleyError({
      code: MIGRATION_ERROR_CODES.checksumMismatch,
      message: `${where} was changed after it was generated: its SHA-256 is ${actual}, ${MIGRATION_META_FILE} records ${meta.files[file]}.`,
      hint: RESTORE,
      details: { file: where, expected: meta.files[file], actual },
    });
  }
  return bytes;
}

function parsePlan(bytes: Buffer, file: string, meta: MigrationMeta): Plan {
  const fail = (problem: string) => new WesleyError({ code: MIGRATION_ERROR_CODES.invalid, message: `${file} ${problem}.`, hint: RESTORE, details: { file } });
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw fail('is not JSON');
  }
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) throw fail(`is not a plan this version of Wesley reads (${parsed.error.issues[0]?.message ?? 'invalid'} at ${parsed.error.issues[0]?.path.join('.') ?? ''})`);
  const plan = parsed.data as Plan;
  if (plan.fromHash !== meta.fromHash || plan.toHash !== meta.toHash) throw fail(`plans ${plan.fromHash ?? 'null'} -> ${plan.toHash}, but ${MIGRATION_META_FILE} says ${meta.fromHash ?? 'null'} -> ${meta.toHash}`);
  return plan;
}

async function readMigration(dir: string, id: string): Promise<Migration> {
  const folder = path.join(dir, id);
  const metaFile = path.join(folder, MIGRATION_META_FILE);
  const metaBytes = await readBytes(metaFile);
  if (metaBytes === null) {
    throw new WesleyError({ code: MIGRATION_ERROR_CODES.invalid, message: `${metaFile} is missing: ${folder} is not a complete migration.`, hint: RESTORE, details: { file: metaFile } });
  }
  const meta = parseMigrationMeta(metaBytes.toString('utf8'), metaFile, id);
  const files = new Map<MigrationFile, Buffer>();
  for (const file of MIGRATION_FILES) files.set(file, await readVerifiedFile(folder, meta, file));
  const plan = parsePlan(files.get('plan.json')!, path.join(folder, 'plan.json'), meta);
  return { id, name: meta.name, path: path.resolve(folder), meta, plan };
}

/** The ids of the migration folders in `dir`, sorted; hidden entries (temp folders) and files are skipped. */
async function migrationIds(dir: string): Promise<string[]> {
  const entries = await listFolder(dir);
  if (entries === null) return [];
  const ids: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !entry.isDirectory) continue;
    if (!MIGRATION_ID_PATTERN.test(entry.name)) {
      throw new WesleyError({
        code: MIGRATION_ERROR_CODES.invalid,
        message: `${path.join(dir, entry.name)} is not a migration folder: names are <UTC YYYYMMDDHHMMSS>_<name> (lowercase letters, digits, _).`,
        hint: 'Keep only migration folders in the migrations folder, or move this one elsewhere.',
        details: { file: path.join(dir, entry.name) },
      });
    }
    ids.push(entry.name);
  }
  // Code-unit order: the same on every machine, whatever its locale.
  return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The migrations in `dir`, oldest first, each verified: its files match their checksums, and each
 * starts from the schema the one before it leads to (the first from an empty database). A folder
 * that does not exist holds no migrations.
 */
export async function readMigrations(dir: string): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const id of await migrationIds(dir)) {
    const migration = await readMigration(dir, id);
    const previous = migrations.at(-1);
    const expected = previous?.meta.toHash ?? null;
    if (migration.meta.fromHash !== expected) {
      const twin = migrations.find((m) => m.meta.fromHash === migration.meta.fromHash);
      throw new WesleyError({
        code: MIGRATION_ERROR_CODES.brokenChain,
        message:
          `${path.join(dir, id, MIGRATION_META_FILE)} starts from schema ${migration.meta.fromHash ?? 'null (an empty database)'}, but ` +
          (previous === undefined ? 'it is the first migration, which starts from an empty database (null).' : `the migration before it, ${previous.id}, leads to ${expected}.`) +
          (twin === undefined ? '' : ` It starts from the same schema as ${twin.id}: were they generated on two branches?`),
        hint: 'Delete the later migration folder and run wesley migrate generate again: it plans from the last snapshot.',
        details: { file: path.join(dir, id, MIGRATION_META_FILE), expected, actual: migration.meta.fromHash },
      });
    }
    migrations.push(migration);
  }
  return migrations;
}
