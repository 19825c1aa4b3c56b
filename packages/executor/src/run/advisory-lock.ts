// One migrator at a time: a session-level advisory lock, taken by polling pg_try_advisory_lock with
// jittered backoff on a connection of its own that stays idle outside any transaction. Never
// pg_advisory_lock: a session blocked in it waits inside a statement, and CREATE INDEX
// CONCURRENTLY run by the holder waits for every such session to finish: a deadlock.
import { WesleyError } from '@wesley/ir';
import type pg from 'pg';
import { backoffMs, sleep } from './backoff.js';
import { RUN_ERROR_CODES } from './errors.js';

/** The two int4 keys of the lock: "WESL" and 1 (pg_locks shows them as classid / objid). */
export const MIGRATION_LOCK_KEYS = [0x5745534c, 1] as const;

/**
 * Held by the connection that runs the steps. After a crash (kill -9) the server may keep running
 * the dead executor's statement, a CREATE INDEX CONCURRENTLY for instance, until it next talks to
 * the client: a new run waits for that session to end before touching the same objects.
 */
export const WORK_LOCK_KEYS = [0x5745534c, 2] as const;

/** Who holds the lock, from pg_stat_activity. */
export interface LockHolder {
  readonly pid: number;
  readonly applicationName: string;
  readonly user: string | null;
  /** When the holder's session started (ISO). */
  readonly since: string | null;
  readonly state: string | null;
  /** The holder's current or last query (truncated to 200 characters). */
  readonly query: string | null;
}

export interface AcquireOptions {
  /** The lock's keys (default MIGRATION_LOCK_KEYS). */
  readonly keys?: readonly [number, number];
  /** Wait for the holder to finish (default true); false: fail at once with WESLEY_EXEC_LOCKED. */
  readonly wait?: boolean;
  /** Give up waiting after this long (default 10 minutes). */
  readonly timeoutMs?: number;
  /** Called on each failed attempt while waiting. */
  readonly onWait?: (holder: LockHolder | null, waitedMs: number) => void;
}

export interface MigrationLock {
  /** How long acquiring it waited. */
  readonly waitedMs: number;
  release(): Promise<void>;
}

const HOLDER_SQL = `
SELECT a.pid, coalesce(a.application_name, '') AS application_name, a.usename::text AS user,
       a.backend_start::text AS since, a.state, left(a.query, 200) AS query
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid AND l.objid = $2::oid AND l.objsubid = 2
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

export async function lockHolder(client: pg.ClientBase, keys: readonly [number, number] = MIGRATION_LOCK_KEYS): Promise<LockHolder | null> {
  const { rows } = await client.query(HOLDER_SQL, [...keys]);
  const r = rows[0];
  return r ? { pid: Number(r.pid), applicationName: r.application_name, user: r.user, since: r.since, state: r.state, query: r.query } : null;
}

export function describeHolder(holder: LockHolder | null): string {
  if (!holder) return 'another session (it let go while we looked)';
  const app = holder.applicationName ? ` (${holder.applicationName})` : '';
  return `pid ${holder.pid}${app}${holder.user ? `, user ${holder.user}` : ''}${holder.since ? `, connected since ${holder.since}` : ''}${holder.query ? `, last query: ${holder.query.replace(/\s+/g, ' ').trim()}` : ''}`;
}

/**
 * Takes the migration lock on `client` (which must be dedicated to it and not in a transaction).
 * The lock is the session's: it goes when `release()` runs or the connection ends (a crash).
 */
export async function acquireMigrationLock(client: pg.ClientBase, options: AcquireOptions = {}): Promise<MigrationLock> {
  const wait = options.wait ?? true;
  const keys = options.keys ?? MIGRATION_LOCK_KEYS;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const { rows } = await client.query(`SELECT pg_try_advisory_lock($1, $2) AS got`, [...keys]);
    if (rows[0]?.got === true) {
      const waitedMs = Date.now() - started;
      let released = false;
      return {
        waitedMs,
        async release() {
          if (released) return;
          released = true;
          await client.query(`SELECT pg_advisory_unlock($1, $2)`, [...keys]);
        },
      };
    }
    const holder = await lockHolder(client, keys);
    const waitedMs = Date.now() - started;
    if (!wait) {
      throw new WesleyError({
        code: RUN_ERROR_CODES.locked,
        message: `Another migrator holds the migration lock: ${describeHolder(holder)}.`,
        hint: 'Let it finish (`wesley migrate status` shows its progress), or run again with --wait.',
        details: { holder },
      });
    }
    if (waitedMs >= timeoutMs) {
      const work = keys[1] === WORK_LOCK_KEYS[1];
      throw new WesleyError({
        code: RUN_ERROR_CODES.lockTimeout,
        message: work
          ? `Waited ${Math.round(waitedMs / 1000)} s for the statement an earlier, interrupted run left running on the server: ${describeHolder(holder)}.`
          : `Waited ${Math.round(waitedMs / 1000)} s for the migration lock; it is still held by ${describeHolder(holder)}.`,
        hint: work
          ? 'Let it finish (a concurrent index build can take long; ending it with pg_terminate_backend throws its work away), then resume.'
          : 'Check that migrator (`wesley migrate status`); if it is stuck, end its session with pg_terminate_backend(pid) and resume.',
        details: { holder, waitedMs },
      });
    }
    options.onWait?.(holder, waitedMs);
    await sleep(Math.min(backoffMs(attempt, 100, 2000), timeoutMs - waitedMs));
  }
}
