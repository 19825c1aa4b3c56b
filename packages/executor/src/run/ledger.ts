// The ledger in the database (schema `wesley`): one row per migration and one per completed step,
// written in the same transaction as each transactional step and each backfill batch, so the
// database itself says what is done. The executor creates it under the migration lock. Its tables
// are LEDGER_TABLES of @wesley/ir, which drift checks leave out.
import type pg from 'pg';

export const LEDGER_SCHEMA = 'wesley';

export const CREATE_LEDGER_SQL = `
CREATE SCHEMA IF NOT EXISTS wesley;
CREATE TABLE IF NOT EXISTS wesley.migrations (
  id text PRIMARY KEY,
  name text NOT NULL,
  from_hash text,
  to_hash text NOT NULL,
  checksum text NOT NULL,
  plan_hash text NOT NULL,
  plan jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'applied', 'failed', 'rolled back')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  applied_by text NOT NULL DEFAULT current_user,
  error text
);
CREATE TABLE IF NOT EXISTS wesley.migration_steps (
  migration_id text NOT NULL REFERENCES wesley.migrations (id) ON DELETE CASCADE,
  step_id text NOT NULL,
  ordinal integer NOT NULL,
  done boolean NOT NULL DEFAULT false,
  batches integer NOT NULL DEFAULT 0,
  rows_done bigint NOT NULL DEFAULT 0,
  cursor jsonb,
  finished_at timestamptz,
  PRIMARY KEY (migration_id, step_id)
)`;

export type MigrationStatus = 'running' | 'applied' | 'failed' | 'rolled back';

export interface LedgerMigration {
  readonly id: string;
  readonly name: string;
  readonly fromHash: string | null;
  readonly toHash: string;
  readonly checksum: string;
  readonly planHash: string;
  readonly status: MigrationStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly appliedBy: string;
  readonly error: string | null;
}

export interface LedgerStep {
  readonly stepId: string;
  readonly ordinal: number;
  readonly done: boolean;
  readonly batches: number;
  readonly rowsDone: number;
  /** The last key of the last committed backfill batch (text values, in key order). */
  readonly cursor: readonly string[] | null;
}

export async function ensureLedger(client: pg.ClientBase): Promise<void> {
  await client.query(CREATE_LEDGER_SQL);
}

/** Every migration the ledger knows, oldest first; empty when there is no ledger yet. */
export async function readLedger(client: pg.ClientBase | pg.Pool): Promise<LedgerMigration[]> {
  const exists = await client.query(`SELECT to_regclass('wesley.migrations') IS NOT NULL AS present`);
  if (!exists.rows[0]?.present) return [];
  const { rows } = await client.query(`
    SELECT id, name, from_hash, to_hash, checksum, plan_hash, status, started_at::text, finished_at::text, applied_by, error
      FROM wesley.migrations ORDER BY id`);
  return rows.map((r) => ({
    id: r.id, name: r.name, fromHash: r.from_hash, toHash: r.to_hash, checksum: r.checksum, planHash: r.plan_hash,
    status: r.status, startedAt: r.started_at, finishedAt: r.finished_at, appliedBy: r.applied_by, error: r.error,
  }));
}

export async function readLedgerSteps(client: pg.ClientBase, migrationId: string): Promise<Map<string, LedgerStep>> {
  const { rows } = await client.query(
    `SELECT step_id, ordinal, done, batches, rows_done::text, cursor FROM wesley.migration_steps WHERE migration_id = $1`,
    [migrationId],
  );
  return new Map(rows.map((r) => [r.step_id, { stepId: r.step_id, ordinal: r.ordinal, done: r.done, batches: r.batches, rowsDone: Number(r.rows_done), cursor: r.cursor }]));
}

/** The plan a migration was started with (what `resume` continues), or null. */
export async function readLedgerPlan(client: pg.ClientBase, migrationId: string): Promise<unknown> {
  const { rows } = await client.query(`SELECT plan FROM wesley.migrations WHERE id = $1`, [migrationId]);
  return rows[0]?.plan ?? null;
}
