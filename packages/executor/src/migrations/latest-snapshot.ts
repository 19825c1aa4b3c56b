// The schema a migration leads to, from its schema.ir.json: the "from" side of the next plan.
import path from 'node:path';
import { hashSchema, IR_VERSION, loadSqlParser, WesleyError, type SchemaIR } from '@wesley/ir';
import { MIGRATION_ERROR_CODES } from './errors.js';
import type { Migration } from './migration-format.js';
import { readMigrations, readVerifiedFile } from './read-migrations.js';

/** Frozen like the compiler's IR, so that its hash (cached for frozen IRs) cannot go stale. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The IR snapshot of one migration, checked against its checksum and against its toHash. */
export async function readSnapshot(migration: Migration): Promise<SchemaIR> {
  const file = path.join(migration.path, 'schema.ir.json');
  const bytes = await readVerifiedFile(migration.path, migration.meta, 'schema.ir.json');
  const fail = (code: string, problem: string, hint: string) => new WesleyError({ code, message: `${file} ${problem}.`, hint, details: { file } });
  let ir: SchemaIR;
  try {
    ir = JSON.parse(bytes.toString('utf8')) as SchemaIR;
  } catch {
    throw fail(MIGRATION_ERROR_CODES.invalid, 'is not JSON', 'Restore the migration folder from version control.');
  }
  if (typeof ir !== 'object' || ir === null || ir.version !== IR_VERSION) {
    throw fail(MIGRATION_ERROR_CODES.unknownFormat, `holds an IR of version ${JSON.stringify((ir as { version?: unknown } | null)?.version ?? null)}; this version of Wesley reads version ${IR_VERSION}`, 'Use the version of Wesley that generated the migration, or upgrade Wesley.');
  }
  // Hashing canonicalises SQL expressions with PostgreSQL's parser.
  await loadSqlParser();
  const hash = hashSchema(ir);
  if (hash !== migration.meta.toHash) {
    throw fail(MIGRATION_ERROR_CODES.invalid, `hashes to ${hash}, not to the toHash ${migration.meta.toHash} of its migration.json (was it written by another version of Wesley?)`, 'Restore the migration folder from version control, or regenerate it with this version of Wesley.');
  }
  return deepFreeze(ir);
}

/** The schema the last migration in `dir` leads to, or null when there is none. Verifies the folder as readMigrations does. */
export async function latestSnapshot(dir: string): Promise<SchemaIR | null> {
  const latest = (await readMigrations(dir)).at(-1);
  return latest === undefined ? null : readSnapshot(latest);
}
