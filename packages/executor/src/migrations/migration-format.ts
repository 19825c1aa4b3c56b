// The on-disk format of a migrations folder (docs/migrations.md): one folder per migration, named
// `<UTC YYYYMMDDHHMMSS>_<name>`, holding migration.json and the four files it checksums.
import type { Plan } from '@wesley/planner';

/** Bumped whenever the layout of a migration folder or of migration.json changes incompatibly. */
export const MIGRATIONS_FORMAT_VERSION = 1 as const;

/** The files migration.json checksums, in the order it lists them. */
export const MIGRATION_FILES = ['plan.json', 'up.sql', 'down.sql', 'schema.ir.json'] as const;
export type MigrationFile = (typeof MIGRATION_FILES)[number];

/** The file that describes a migration; it is not checksummed (it holds the checksums). */
export const MIGRATION_META_FILE = 'migration.json';

/** migration.json. */
export interface MigrationMeta {
  readonly formatVersion: typeof MIGRATIONS_FORMAT_VERSION;
  /** The folder's name: `20250101120000_add_email`. */
  readonly id: string;
  readonly name: string;
  /** When it was generated (ISO 8601, UTC). */
  readonly createdAt: string;
  /** Schema hash before the migration; null for the first migration (an empty database). */
  readonly fromHash: string | null;
  /** Schema hash after it: the hash of schema.ir.json. */
  readonly toHash: string;
  /** server_version_num the plan was made for. */
  readonly pgVersion: number;
  /** Whether the plan includes destructive steps (--unsafe). */
  readonly unsafe: boolean;
  /** SHA-256 (hex) of each file's bytes. */
  readonly files: Readonly<Record<MigrationFile, string>>;
}

/** One migration folder, verified: its description and its plan. */
export interface Migration {
  readonly id: string;
  readonly name: string;
  /** Absolute path of the folder. */
  readonly path: string;
  readonly meta: MigrationMeta;
  readonly plan: Plan;
}

/** A migration folder's name: 14 digits of UTC time, `_`, the name. */
export const MIGRATION_ID_PATTERN = /^(\d{14})_([a-z0-9_]+)$/;
/** What --name may be: lowercase letters, digits and underscores. */
export const MIGRATION_NAME_PATTERN = /^[a-z0-9_]{1,100}$/;
