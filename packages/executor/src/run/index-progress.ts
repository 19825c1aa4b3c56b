// Progress of CREATE INDEX CONCURRENTLY, read from pg_stat_progress_create_index (PostgreSQL 12+)
// on another connection while the build runs: the phase, a weighted overall percentage, and the
// pid the build is waiting for when it waits for other transactions.
import type pg from 'pg';

/** Each phase's share of a concurrent build (they sum to 100), in the order PostgreSQL runs them. */
const PHASES: ReadonlyArray<readonly [string, number]> = [
  ['initializing', 1],
  ['waiting for writers before build', 4],
  ['building index', 55],
  ['waiting for writers before validation', 4],
  ['index validation: scanning index', 10],
  ['index validation: sorting tuples', 5],
  ['index validation: scanning table', 15],
  ['waiting for old snapshots', 5],
  ['waiting for readers before marking dead', 0.5],
  ['waiting for readers before dropping', 0.5],
];

export interface IndexProgress {
  readonly phase: string;
  /** 0-100 over the whole build. */
  readonly percent: number;
  /** The session the build waits for (a transaction it must outlive), or null. */
  readonly waitingForPid: number | null;
}

const PROGRESS_SQL = `
SELECT phase, blocks_done, blocks_total, tuples_done, tuples_total, lockers_total, lockers_done, current_locker_pid
  FROM pg_stat_progress_create_index WHERE pid = $1`;

/** The build's progress, or null when the session builds no index (or the server is PostgreSQL 11). */
export async function readIndexProgress(client: pg.ClientBase, buildPid: number): Promise<IndexProgress | null> {
  const { rows } = await client.query(PROGRESS_SQL, [buildPid]);
  const r = rows[0];
  if (!r) return null;
  const phase = String(r.phase);
  // "building index" has sub-phases named after the access method ("building index: scanning table").
  const index = PHASES.findIndex(([name]) => phase === name || (name === 'building index' && phase.startsWith('building index')));
  const before = PHASES.slice(0, Math.max(0, index)).reduce((sum, [, w]) => sum + w, 0);
  const weight = index >= 0 ? PHASES[index]![1] : 0;
  const fraction = (done: unknown, total: unknown) => (Number(total) > 0 ? Math.min(1, Number(done) / Number(total)) : 0);
  const inPhase = Number(r.blocks_total) > 0 ? fraction(r.blocks_done, r.blocks_total) : Number(r.tuples_total) > 0 ? fraction(r.tuples_done, r.tuples_total) : fraction(r.lockers_done, r.lockers_total);
  const pid = Number(r.current_locker_pid);
  return { phase, percent: Math.round((before + weight * inPhase) * 10) / 10, waitingForPid: pid > 0 ? pid : null };
}
