// `wesley migrate generate`: plan from the last snapshot on disk to the new schema, and write the
// plan, its SQL both ways and the new snapshot as one migration folder, atomically.
import fs from 'node:fs/promises';
import path from 'node:path';
import { hashSchema, loadSqlParser, WesleyError, type SchemaIR } from '@wesley/ir';
import { planMigration, planScript, planToJson, rollbackScript, type Plan, type PlanOptions, type ServerFacts } from '@wesley/planner';
import { MIGRATION_ERROR_CODES } from './errors.js';
import { sha256, syncFolder, writeDurably, writeFailed } from './file-system.js';
import { checkMigrationName, migrationId } from './migration-id.js';
import { MIGRATION_FILES, MIGRATION_META_FILE, MIGRATIONS_FORMAT_VERSION, type Migration, type MigrationFile, type MigrationMeta } from './migration-format.js';
import { readSnapshot } from './latest-snapshot.js';
import { readMigrations } from './read-migrations.js';

/** Planning without a database: the newest PostgreSQL, table sizes unknown (the planner assumes the worst). */
export const DEFAULT_GENERATE_FACTS: ServerFacts = { serverVersionNum: 180000 };

export interface GenerateMigrationOptions {
  /** The folder's name after the timestamp; default `initial` for the first migration, else `migration`. */
  readonly name?: string;
  /** What the plan is made for; default DEFAULT_GENERATE_FACTS. */
  readonly facts?: ServerFacts;
  /** Include destructive steps; without it a plan that refuses changes is not written. */
  readonly unsafe?: boolean;
  /** Other options of the plan (lock_timeout per step, retries, batch size, the low-traffic threshold). */
  readonly planOptions?: Omit<PlanOptions, 'unsafe'>;
  /** The creation time (default: now); the same inputs and `now` give the same bytes. */
  readonly now?: Date;
}

/** A migration folder just written, with the text of each of its files. */
export interface GeneratedMigration extends Migration {
  readonly files: Readonly<Record<MigrationFile | typeof MIGRATION_META_FILE, string>>;
}

export interface GenerateMigrationResult {
  /** The new migration, or null when the schema is the one the last migration leads to. */
  readonly created: GeneratedMigration | null;
  /** The last migration before this call, or null when there was none. */
  readonly previous: Migration | null;
  /** The schema hash of the IR passed in. */
  readonly toHash: string;
}

/** The IR as schema.ir.json: the compiler's plain data, 2-space indent, trailing newline. */
export const snapshotJson = (ir: SchemaIR) => `${JSON.stringify(ir, null, 2)}\n`;

/** The text of every file of a migration folder, migration.json last (it checksums the others). Pure. */
export function migrationFiles(plan: Plan, ir: SchemaIR, identity: { id: string; name: string; createdAt: string }): GeneratedMigration['files'] {
  const files: Record<MigrationFile, string> = {
    'plan.json': planToJson(plan),
    'up.sql': planScript(plan),
    'down.sql': rollbackScript(plan),
    'schema.ir.json': snapshotJson(ir),
  };
  const meta: MigrationMeta = {
    formatVersion: MIGRATIONS_FORMAT_VERSION,
    id: identity.id,
    name: identity.name,
    createdAt: identity.createdAt,
    fromHash: plan.fromHash,
    toHash: plan.toHash,
    pgVersion: plan.pgVersion,
    unsafe: plan.unsafe,
    files: Object.fromEntries(MIGRATION_FILES.map((f) => [f, sha256(files[f])])) as Record<MigrationFile, string>,
  };
  return { ...files, [MIGRATION_META_FILE]: `${JSON.stringify(meta, null, 2)}\n` };
}

function refusedError(plan: Plan): WesleyError {
  const list = plan.refused.map((r) => `\n  - ${r.object} (${r.code}): ${r.reason}`).join('');
  const unsafe = plan.refused.some((r) => r.unsafeAllows);
  return new WesleyError({
    code: MIGRATION_ERROR_CODES.refused,
    message: `The plan refuses ${plan.refused.length === 1 ? '1 change' : `${plan.refused.length} changes`}, so no migration was written (a migration on disk must be complete):${list}`,
    hint: unsafe
      ? 'Review the refused changes (wesley migrate plan explains them), then pass --unsafe to include the destructive ones, or change the schema.'
      : 'Change the schema: not even --unsafe includes these changes; split them into steps Wesley can plan.',
    details: { refused: plan.refused },
  });
}

/** Writes the files into a hidden temp folder inside `dir`, flushes them, then renames it into place. */
async function writeFolder(dir: string, id: string, files: GeneratedMigration['files']): Promise<string> {
  const target = path.join(dir, id);
  let temp: string | undefined;
  try {
    await fs.mkdir(dir, { recursive: true });
    if (await fs.stat(target).then(() => true, () => false)) throw Object.assign(new Error('the folder already exists'), { code: 'EEXIST' });
    temp = await fs.mkdtemp(path.join(dir, `.${id}.tmp-`));
    for (const [name, text] of Object.entries(files)) await writeDurably(path.join(temp, name), text);
    await syncFolder(temp);
    await fs.rename(temp, target);
    temp = undefined;
    await syncFolder(dir);
    return path.resolve(target);
  } catch (error) {
    if (temp !== undefined) await fs.rm(temp, { recursive: true, force: true }).catch(() => {});
    throw writeFailed(target, error);
  }
}

/**
 * Plans the migration from the last snapshot in `dir` (an empty database when there is none) to
 * `nextIr` and writes it as a new folder; `{ created: null }` when the schema has not changed.
 * Throws WESLEY_MIGRATIONS_REFUSED, writing nothing, when the plan leaves changes out.
 */
export async function generateMigration(dir: string, nextIr: SchemaIR, options: GenerateMigrationOptions = {}): Promise<GenerateMigrationResult> {
  if (options.name !== undefined) checkMigrationName(options.name);
  await loadSqlParser();
  const toHash = hashSchema(nextIr);
  const previous = (await readMigrations(dir)).at(-1) ?? null;
  if (previous !== null && previous.meta.toHash === toHash) return { created: null, previous, toHash };
  const fromIr = previous === null ? null : await readSnapshot(previous);
  const plan = planMigration(fromIr, nextIr, options.facts ?? DEFAULT_GENERATE_FACTS, { ...options.planOptions, unsafe: options.unsafe ?? false });
  if (plan.refused.length > 0) throw refusedError(plan);
  const name = options.name ?? (previous === null ? 'initial' : 'migration');
  const now = options.now ?? new Date();
  const id = migrationId(name, now, previous?.id ?? null);
  const files = migrationFiles(plan, nextIr, { id, name, createdAt: now.toISOString() });
  const folder = await writeFolder(dir, id, files);
  const meta = JSON.parse(files[MIGRATION_META_FILE]) as MigrationMeta;
  return { created: { id, name, path: folder, meta, plan, files }, previous, toHash };
}
