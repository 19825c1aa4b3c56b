// Statements that run outside a transaction and must be safe to run again after an interruption:
// CREATE INDEX CONCURRENTLY (an INVALID index left behind is dropped first) and DETACH PARTITION
// CONCURRENTLY (a pending detach is finalized; one that completed is not run again). Statements are
// read with PostgreSQL's own parser.
import { parseSync } from 'libpg-query';
import type pg from 'pg';

/** The index a `CREATE INDEX CONCURRENTLY` statement builds (schema, name), read with PostgreSQL's parser. */
export function concurrentIndexOf(statement: string): { schema: string | null; name: string } | null {
  try {
    const stmt = (parseSync(statement) as { stmts?: Array<{ stmt: Record<string, { concurrent?: boolean; idxname?: string; relation?: { schemaname?: string } }> }> }).stmts?.[0]?.stmt;
    const index = stmt?.IndexStmt;
    if (!index?.concurrent || !index.idxname) return null;
    return { schema: index.relation?.schemaname ?? null, name: index.idxname };
  } catch {
    return null;
  }
}

/** The parent and partition of a `DETACH PARTITION ... CONCURRENTLY` statement, read with PostgreSQL's parser. */
export function concurrentDetachOf(statement: string): { parent: string; partition: string } | null {
  type Rel = { schemaname?: string; relname?: string };
  try {
    const stmt = (parseSync(statement) as { stmts?: Array<{ stmt: { AlterTableStmt?: { relation?: Rel; cmds?: Array<{ AlterTableCmd?: { subtype?: string; def?: { PartitionCmd?: { name?: Rel; concurrent?: boolean } } } }> } } }> }).stmts?.[0]?.stmt;
    const alter = stmt?.AlterTableStmt;
    const cmd = alter?.cmds?.[0]?.AlterTableCmd;
    const part = cmd?.def?.PartitionCmd;
    if (cmd?.subtype !== 'AT_DetachPartition' || !part?.concurrent || !alter?.relation?.relname || !part.name?.relname) return null;
    const q = (r: Rel) => `${r.schemaname ? `"${r.schemaname.replaceAll('"', '""')}".` : ''}"${r.relname!.replaceAll('"', '""')}"`;
    return { parent: q(alter.relation), partition: q(part.name) };
  } catch {
    return null;
  }
}

/**
 * A DETACH ... CONCURRENTLY that a crash interrupted leaves the partition "detach pending"
 * (PostgreSQL 14+): running DETACH again fails, FINALIZE completes it. True when it finalized.
 */
export async function finalizePendingDetach(client: pg.ClientBase, detach: { parent: string; partition: string }): Promise<boolean> {
  const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass($1) AND inhdetachpending) AS pending`, [detach.partition]);
  if (!rows[0]?.pending) return false;
  await client.query(`ALTER TABLE ${detach.parent} DETACH PARTITION ${detach.partition} FINALIZE`);
  return true;
}

/** Drops an INVALID index a failed or interrupted concurrent build left behind; true when it did. */
export async function dropInvalidIndex(client: pg.ClientBase, index: { schema: string | null; name: string }): Promise<boolean> {
  const { rows } = await client.query(
    `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_index i ON i.indexrelid = c.oid
      WHERE c.relname = $1 AND ($2::text IS NULL OR n.nspname = $2) AND NOT (i.indisvalid AND i.indisready)`,
    [index.name, index.schema],
  );
  if (!rows.length) return false;
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${quote(rows[0].schema)}.${quote(index.name)}`);
  return true;
}

/** Whether the partition of a DETACH statement is still attached (pending or not) to a parent. */
export async function isAttached(client: pg.ClientBase, detach: { partition: string }): Promise<boolean> {
  const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass($1)) AS attached`, [detach.partition]);
  return rows[0]?.attached === true;
}
