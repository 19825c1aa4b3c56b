// migration.json, checked field by field: a folder written by hand or by another tool is named in
// the error, never half-read.
import { WesleyError } from '@wesley/ir';
import { MIGRATION_ERROR_CODES } from './errors.js';
import { MIGRATION_FILES, MIGRATIONS_FORMAT_VERSION, type MigrationFile, type MigrationMeta } from './migration-format.js';

const SHA256 = /^[0-9a-f]{64}$/;

const invalid = (file: string, problem: string) =>
  new WesleyError({
    code: MIGRATION_ERROR_CODES.invalid,
    message: `${file} is not a valid migration description: ${problem}.`,
    hint: 'Restore the migration folder from version control, or delete it and run wesley migrate generate again.',
    details: { file },
  });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHash = (v: unknown): v is string => typeof v === 'string' && SHA256.test(v);

/** Parses and checks the text of `file` (a migration.json); `folder` is the name it must carry as its id. */
export function parseMigrationMeta(text: string, file: string, folder: string): MigrationMeta {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `it is not JSON (${(error as Error).message})`);
  }
  if (!isRecord(json)) throw invalid(file, 'it is not a JSON object');
  if (json.formatVersion !== MIGRATIONS_FORMAT_VERSION) {
    throw new WesleyError({
      code: MIGRATION_ERROR_CODES.unknownFormat,
      message: `${file} has formatVersion ${JSON.stringify(json.formatVersion ?? null)}; this version of Wesley reads formatVersion ${MIGRATIONS_FORMAT_VERSION}.`,
      hint: typeof json.formatVersion === 'number' && json.formatVersion > MIGRATIONS_FORMAT_VERSION ? 'Upgrade Wesley: the migration was written by a newer version.' : 'Restore the migration folder from version control.',
      details: { file, formatVersion: json.formatVersion ?? null },
    });
  }
  const { id, name, createdAt, fromHash, toHash, pgVersion, unsafe, files } = json;
  if (id !== folder) throw invalid(file, `its id is ${JSON.stringify(id)}, but the folder is named ${JSON.stringify(folder)}`);
  if (typeof name !== 'string' || !folder.endsWith(`_${name}`)) throw invalid(file, `its name ${JSON.stringify(name)} is not the end of the folder's name`);
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) throw invalid(file, 'createdAt is not an ISO date');
  if (fromHash !== null && !isHash(fromHash)) throw invalid(file, 'fromHash is neither null nor a SHA-256 hex digest');
  if (!isHash(toHash)) throw invalid(file, 'toHash is not a SHA-256 hex digest');
  if (typeof pgVersion !== 'number' || !Number.isInteger(pgVersion) || pgVersion <= 0) throw invalid(file, 'pgVersion is not a server_version_num');
  if (typeof unsafe !== 'boolean') throw invalid(file, 'unsafe is not a boolean');
  if (!isRecord(files)) throw invalid(file, 'files is not an object');
  const checksums = {} as Record<MigrationFile, string>;
  for (const f of MIGRATION_FILES) {
    const sum = files[f];
    if (!isHash(sum)) throw invalid(file, `files["${f}"] is not a SHA-256 hex digest`);
    checksums[f] = sum;
  }
  const extra = Object.keys(files).filter((f) => !(MIGRATION_FILES as readonly string[]).includes(f));
  if (extra.length > 0) throw invalid(file, `files lists ${extra.map((f) => JSON.stringify(f)).join(', ')}, which the format does not have`);
  return { formatVersion: MIGRATIONS_FORMAT_VERSION, id: folder, name, createdAt, fromHash, toHash, pgVersion, unsafe, files: checksums };
}
