// Observation harness: runs one plan step against a real PostgreSQL database and records what the
// server actually did (table locks, rewrites, full scans, index builds), so the planner's claims
// about a step (Step.locks / rewrite / scan / indexBuild / work / transactional) can be checked.
//
// How each fact is observed, and why:
//
// * Locks, transactional steps: BEGIN; the statements; then `pg_locks WHERE pid = pg_backend_pid()`
//   before COMMIT. PostgreSQL keeps the table locks a statement takes until the end of the
//   transaction, so this is the complete set of locks the step holds at the end, and the claim
//   is checked exactly. Not seen this way: a lock the server takes and releases again before
//   commit. Option `watch` also samples from outside (below) and reports such locks in
//   `releasedEarly`; the reference test runs every transactional form with `watch` and finds
//   none on PG 11-18.
// * Locks, non-transactional steps (CREATE/DROP INDEX CONCURRENTLY, DETACH PARTITION
//   CONCURRENTLY, ALTER TYPE ... ADD VALUE on PG11, DO blocks with COMMIT): the statements run
//   in their own session while an observer session samples `pg_locks` for that pid (granted and
//   waiting requests) in a tight loop until they finish. To make the step stop mid-way, blocker
//   sessions hold open transactions: by default one per user table, each a REPEATABLE READ
//   transaction that holds ACCESS SHARE on that one table (`LOCK TABLE ONLY`) and a snapshot.
//   Whenever the step waits on a blocker (`pg_blocking_pids`), the blocker is held for
//   `holdMs` more (so several samples see the wait) and then committed. So every phase that
//   waits for lockers or older snapshots (CIC and DIC wait for snapshots/lockers, DETACH
//   CONCURRENTLY phase 1 for every locker of the parent) is seen with the session locks it
//   holds meanwhile, and every ACCESS EXCLUSIVE request (the only mode that conflicts with
//   ACCESS SHARE, e.g. DETACH CONCURRENTLY phase 2 on the partition) is seen while it waits.
//   Limit: a lock weaker than ACCESS EXCLUSIVE that is taken and released while the step is not
//   waiting (a short internal transaction, one DO-block batch) is seen only if a sample happens
//   to fall inside it; pass `blockers` that conflict with it (e.g. SHARE against ROW
//   EXCLUSIVE) to make it certain. Sampled locks are therefore a lower bound: `expectClaimsHold`
//   checks that the claim blocks at least what was observed on every table, and does not flag
//   claimed locks that were not seen.
// * Scans: the per-table sequential-scan counter (`seq_scan`). For transactional steps the
//   current transaction's own counters, `pg_stat_xact_user_tables`, read before and after the
//   statements inside the transaction (exact, private to the session, no waiting for the stats
//   system). Verified on PG 11-18: it counts ALTER TABLE phase-3 verification scans (ADD CHECK,
//   SET NOT NULL, ATTACH PARTITION, PK USING INDEX on a nullable column), VALIDATE CONSTRAINT
//   (CHECK and FOREIGN KEY: the referencing *and* the referenced table are read), the copy of a
//   rewrite and every index build (CIC reads the table twice: build + validate). For
//   non-transactional steps the cumulative `pg_stat_user_tables`, read before and after; the
//   step session is closed first (a backend flushes its counters when it exits) and, on PG<15
//   where counters travel to the stats collector asynchronously and readers may get a file up
//   to 500 ms old, each read waits for a stats snapshot written after every other session
//   had exited (pg_stat_get_snapshot_timestamp; ~0.5 s per read).
//   A full read that is only part of a rewrite or an index build is not a "scan": `scanned`
//   lists the tables whose counter rose by more than the rewrites and index builds on them
//   account for (1 per rewrite, 1 per index build, 2 per concurrent build), or that PostgreSQL
//   reported verifying. The builds are counted from the DEBUG1 messages the session receives
//   (`client_min_messages = debug1`: "building index "i" on table "t" ...", "verifying table
//   "t"", "rewriting table "t"") and parallel workers are switched off in the step's session
//   (max_parallel_maintenance_workers / max_parallel_workers_per_gather = 0) so the counts are
//   deterministic; neither setting changes which locks are taken or whether the table is read.
// * Rewrites: `pg_class.relfilenode` of every plain table, before and after (inside the
//   transaction for transactional steps). A changed relfilenode is a rewrite (TRUNCATE counts).
// * Index builds: index relations (relkind 'i') whose relfilenode is new. Comparing relfilenodes
//   rather than OIDs matters: ALTER COLUMN TYPE drops and re-creates indexes on the column and,
//   when it can prove them equivalent, reuses the old storage (new OID, same relfilenode, no
//   build). A partitioned parent index (relkind 'I', `CREATE INDEX ON ONLY`) has no storage and
//   is never "built".
//
// Names are schema-qualified and unquoted (`public.users`), taken from pg_class *before* the
// step (a renamed or dropped table is reported under its old name). Tables the step creates are
// listed in `created` and are not part of `locks` (no other session can see them yet).
// The database must be otherwise idle during an observation (the non-transactional path reads
// database-wide counters and samples only the step's own pid, but other sessions' scans would
// be counted).
import pg from 'pg';
import { LOCK_MODES, type LockClaim, type LockMode, type Step } from '../../src/types.js';

export interface Observation {
  /** How the step was run. */
  readonly transactional: boolean;
  /**
   * Strongest mode per pre-existing user table (relkind r/p, system schemas excluded) the step
   * held or waited for, sorted by table ("strongest" in LOCK_MODES order).
   */
  readonly locks: LockClaim[];
  /** Every mode seen per table (weakest first), for the rare step that takes incomparable modes (SUE + SHARE). */
  readonly modes: Readonly<Record<string, LockMode[]>>;
  /** `held-at-commit`: complete (transactional steps). `sampled`: a lower bound (see above). */
  readonly lockEvidence: 'held-at-commit' | 'sampled';
  /**
   * Transactional steps run with `watch`: modes sampled from outside that the locks held at
   * commit do not cover, i.e. taken and released again inside the transaction. Included in
   * `locks`. Always empty without `watch` and for non-transactional steps.
   */
  readonly releasedEarly: LockClaim[];
  /** Tables whose relfilenode changed. */
  readonly rewritten: string[];
  /** Tables read in full beyond what their rewrites and index builds account for. */
  readonly scanned: string[];
  /** Indexes given new storage (built or rebuilt), schema-qualified. */
  readonly indexesBuilt: string[];
  /** The table of each built index. */
  readonly indexTables: Readonly<Record<string, string>>;
  /** Tables (relkind r/p) that did not exist before the step. */
  readonly created: string[];
  /** Raw sequential-scan counter increase per table (only tables that were read). */
  readonly seqScans: Readonly<Record<string, number>>;
  /** DEBUG/NOTICE/INFO messages the step's session received, in order (`DEBUG: verifying table "t"`). */
  readonly messages: string[];
  /** Lock samples taken from the observer session (non-transactional steps, `watch`), 0 otherwise. */
  readonly samples: number;
}

export interface ObserveOptions {
  /** Transactional steps: ROLLBACK instead of COMMIT after observing (the database is left unchanged). */
  readonly rollback?: boolean;
  /**
   * Transactional steps: also sample pg_locks from another session, with blockers, while the step
   * runs (as for non-transactional steps), to catch locks taken and released before commit
   * (`releasedEarly`). Slower: each ACCESS EXCLUSIVE request waits `holdMs` on a blocker.
   */
  readonly watch?: boolean;
  /**
   * Non-transactional steps: blocker sessions, each a list of statements run inside
   * `BEGIN ISOLATION LEVEL REPEATABLE READ` before the step starts and committed once the step
   * has waited on it for `holdMs`. Default: one per user table (at most 64),
   * `LOCK TABLE ONLY <table> IN ACCESS SHARE MODE; SELECT 1`.
   */
  readonly blockers?: readonly (readonly string[])[];
  /** How long a blocker is held after the step is first seen waiting on it (ms, default 50). */
  readonly holdMs?: number;
  /** Give up (and release everything) after this long (ms, default 30000). */
  readonly timeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------

const SYSTEM_SCHEMAS = `('pg_catalog', 'information_schema', 'pg_toast')`;
const USER_RELATION = `n.nspname NOT IN ${SYSTEM_SCHEMAS} AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'`;

const MODE_NAMES: Record<string, LockMode> = {
  AccessShareLock: 'ACCESS SHARE',
  RowShareLock: 'ROW SHARE',
  RowExclusiveLock: 'ROW EXCLUSIVE',
  ShareUpdateExclusiveLock: 'SHARE UPDATE EXCLUSIVE',
  ShareLock: 'SHARE',
  ShareRowExclusiveLock: 'SHARE ROW EXCLUSIVE',
  ExclusiveLock: 'EXCLUSIVE',
  AccessExclusiveLock: 'ACCESS EXCLUSIVE',
};

/** Position in LOCK_MODES (PostgreSQL's lock mode numbering), used to pick the "strongest" mode. */
export const lockStrength = (mode: LockMode): number => LOCK_MODES.indexOf(mode);

/**
 * The modes each mode conflicts with (PostgreSQL docs, "Conflicting Lock Modes"). The numeric
 * order is not a total order of strength: SHARE UPDATE EXCLUSIVE and SHARE each conflict with
 * something the other does not (SUE with itself, SHARE with ROW EXCLUSIVE).
 */
export const LOCK_CONFLICTS: Readonly<Record<LockMode, readonly LockMode[]>> = {
  'ACCESS SHARE': ['ACCESS EXCLUSIVE'],
  'ROW SHARE': ['EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'ROW EXCLUSIVE': ['SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'SHARE UPDATE EXCLUSIVE': ['SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  SHARE: ['ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'SHARE ROW EXCLUSIVE': ['ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  EXCLUSIVE: ['ROW SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'ACCESS EXCLUSIVE': [...LOCK_MODES],
};

/** Whether holding `claimed` blocks at least everything `observed` blocks. */
export const lockCovers = (claimed: LockMode, observed: LockMode): boolean =>
  LOCK_CONFLICTS[observed].every((m) => LOCK_CONFLICTS[claimed].includes(m));

interface Relation {
  readonly oid: number;
  readonly name: string; // schema-qualified, unquoted
  readonly relname: string;
  readonly relkind: string;
  readonly relfilenode: number;
  readonly table: string | null; // for indexes: the table's qualified name
}

const CATALOG_SQL = `
  SELECT c.oid::bigint AS oid, n.nspname || '.' || c.relname AS name, c.relname, c.relkind,
         c.relfilenode::bigint AS relfilenode, tn.nspname || '.' || t.relname AS table
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_index i ON i.indexrelid = c.oid
  LEFT JOIN pg_class t ON t.oid = i.indrelid
  LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
  WHERE c.relkind IN ('r', 'p', 'i', 'I') AND ${USER_RELATION}`;

async function readCatalog(client: pg.Client): Promise<Map<number, Relation>> {
  const { rows } = await client.query<{ oid: string; name: string; relname: string; relkind: string; relfilenode: string; table: string | null }>(CATALOG_SQL);
  return new Map(rows.map((r) => [Number(r.oid), { ...r, oid: Number(r.oid), relfilenode: Number(r.relfilenode) }]));
}

async function readSeqScans(client: pg.Client, view: 'pg_stat_xact_user_tables' | 'pg_stat_user_tables'): Promise<Map<number, number>> {
  const { rows } = await client.query<{ relid: string; seq_scan: string }>(`SELECT relid::bigint AS relid, coalesce(seq_scan, 0) AS seq_scan FROM ${view}`);
  return new Map(rows.map((r) => [Number(r.relid), Number(r.seq_scan)]));
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** Collects the messages a session receives; `statement` is the index of the statement running. */
class MessageLog {
  readonly entries: { statement: number; severity: string; text: string }[] = [];
  statement = -1;
  attach(client: pg.Client): void {
    client.on('notice', (msg: { severity?: string; message?: string }) => {
      this.entries.push({ statement: this.statement, severity: msg.severity ?? 'NOTICE', text: msg.message ?? '' });
    });
  }
  get lines(): string[] {
    return this.entries.map((e) => `${e.severity}: ${e.text}`);
  }
}

const CONCURRENT_BUILD = /^\s*(create\s+(unique\s+)?index\s+concurrently|reindex\b[^;]*\bconcurrently)\b/i;

interface LockRow {
  readonly oid: number;
  /** pg_locks spelling (`AccessExclusiveLock`). */
  readonly mode: string;
}

interface Snapshot {
  readonly catalog: Map<number, Relation>;
  readonly scans: Map<number, number>;
}

/** Turns before/after catalog and counters, lock rows and messages into an Observation. */
function summarise(args: {
  transactional: boolean;
  before: Snapshot;
  after: Snapshot;
  /** Locks the step's own session held at the end of its transaction (null: non-transactional). */
  held: readonly LockRow[] | null;
  /** Locks seen by sampling from another session. */
  sampled: readonly LockRow[];
  log: MessageLog;
  sql: readonly string[];
  samples: number;
}): Observation {
  const { before, after, log, sql } = args;
  const nameOf = (oid: number) => before.catalog.get(oid) ?? after.catalog.get(oid);
  const isTable = (r: Relation | undefined): r is Relation => !!r && (r.relkind === 'r' || r.relkind === 'p');

  // Locks: strongest per pre-existing table.
  const modesOf = (rows: readonly LockRow[]) => {
    const seen = new Map<string, Set<LockMode>>();
    for (const row of rows) {
      const rel = before.catalog.get(row.oid);
      const mode = MODE_NAMES[row.mode];
      if (!isTable(rel) || !mode) continue;
      if (!seen.has(rel.name)) seen.set(rel.name, new Set());
      seen.get(rel.name)!.add(mode);
    }
    return seen;
  };
  const held = modesOf(args.held ?? []);
  const all = modesOf([...(args.held ?? []), ...args.sampled]);
  const modes = Object.fromEntries(sorted(all.keys()).map((t) => [t, [...all.get(t)!].sort((a, b) => lockStrength(a) - lockStrength(b))]));
  const locks = Object.entries(modes).map(([table, ms]) => ({ table, mode: ms[ms.length - 1]! }));
  // Transactional steps watched from outside: modes seen by sampling that the end-of-transaction
  // locks do not cover (taken and released before commit).
  const releasedEarly: LockClaim[] = [];
  if (args.held) {
    for (const [table, ms] of all) {
      const kept = [...(held.get(table) ?? [])];
      for (const m of ms) if (!kept.some((k) => lockCovers(k, m))) releasedEarly.push({ table, mode: m });
    }
  }

  // Rewrites: relfilenode changed on a plain table.
  const rewritten = sorted(
    [...before.catalog.values()]
      .filter((r) => r.relkind === 'r' && after.catalog.has(r.oid) && after.catalog.get(r.oid)!.relfilenode !== r.relfilenode)
      .map((r) => r.name),
  );

  // Index builds: index storage that did not exist before.
  const oldIndexFiles = new Set([...before.catalog.values()].filter((r) => r.relkind === 'i').map((r) => r.relfilenode));
  const builtIndexes = [...after.catalog.values()].filter((r) => r.relkind === 'i' && !oldIndexFiles.has(r.relfilenode));
  const indexesBuilt = sorted(builtIndexes.map((r) => r.name));
  const indexTables = Object.fromEntries(builtIndexes.map((r) => [r.name, r.table ?? '']));

  const created = sorted([...after.catalog.values()].filter((r) => isTable(r) && !before.catalog.has(r.oid)).map((r) => r.name));

  // Sequential-scan deltas.
  const seqScans: Record<string, number> = {};
  const oids = new Set([...before.scans.keys(), ...after.scans.keys()]);
  for (const oid of oids) {
    const delta = (after.scans.get(oid) ?? 0) - (before.scans.get(oid) ?? 0);
    const rel = nameOf(oid);
    if (delta > 0 && rel) seqScans[rel.name] = delta;
  }

  // What the rewrites and index builds account for, from the DEBUG1 messages. Messages name
  // tables by relname only; a relname shared by several schemas is attributed to each of them.
  const tablesNamed = (relname: string) =>
    sorted([...before.catalog.values(), ...after.catalog.values()].filter((r) => isTable(r) && r.relname === relname).map((r) => r.name));
  const accounted = new Map<string, number>();
  const add = (table: string, n: number) => accounted.set(table, (accounted.get(table) ?? 0) + n);
  const verified = new Set<string>();
  for (const e of log.entries) {
    let m: RegExpMatchArray | null;
    if ((m = e.text.match(/^building index "(.+)" on table "(.+)"/))) {
      const concurrent = CONCURRENT_BUILD.test(sql[e.statement] ?? '');
      for (const t of tablesNamed(m[2]!)) add(t, concurrent ? 2 : 1);
    } else if ((m = e.text.match(/^verifying table "(.+)"$/))) {
      for (const t of tablesNamed(m[1]!)) verified.add(t);
    }
  }
  for (const t of rewritten) add(t, 1);
  const scanned = sorted([...Object.entries(seqScans).filter(([t, n]) => n > (accounted.get(t) ?? 0)).map(([t]) => t), ...verified]);

  return {
    transactional: args.transactional,
    locks,
    modes,
    lockEvidence: args.held ? 'held-at-commit' : 'sampled',
    releasedEarly: releasedEarly.sort((a, b) => a.table.localeCompare(b.table) || lockStrength(a.mode) - lockStrength(b.mode)),
    rewritten,
    scanned,
    indexesBuilt,
    indexTables,
    created,
    seqScans,
    messages: log.lines,
    samples: args.samples,
  };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {}); // a terminated blocker must not crash the run
  await client.connect();
  return client;
}

const STEP_SESSION_SETTINGS = [
  'SET max_parallel_maintenance_workers = 0',
  'SET max_parallel_workers_per_gather = 0',
  'SET client_min_messages = debug1',
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until no session but `observer` is connected to the database (at most `ms`). */
async function waitForOtherSessions(observer: pg.Client, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const { rows } = await observer.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    if (Number(rows[0]!.n) === 0) return;
    await sleep(10);
  }
}

/**
 * Cumulative counters once every other session's counters have reached them: waits until the
 * other sessions have exited (a backend flushes its counters when it exits; on PG15+ into shared
 * memory before it leaves pg_stat_activity). On PG<15 the counters travel to the stats collector
 * over UDP and readers accept a stats file up to 500 ms old, so the read is repeated until the
 * snapshot was written after that moment (pg_stat_get_snapshot_timestamp), ~0.5 s.
 */
async function settledSeqScans(observer: pg.Client, major: number): Promise<Map<number, number>> {
  await waitForOtherSessions(observer, 5000);
  if (major >= 15) return readSeqScans(observer, 'pg_stat_user_tables');
  const since = (await observer.query<{ t: Date }>('SELECT clock_timestamp() AS t')).rows[0]!.t;
  const deadline = Date.now() + 10_000;
  for (;;) {
    await observer.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await observer.query<{ fresh: boolean; scans: [string, string][] | null }>(
      `SELECT pg_stat_get_snapshot_timestamp() > $1 AS fresh,
              (SELECT json_agg(json_build_array(relid::bigint, coalesce(seq_scan, 0))) FROM pg_stat_user_tables) AS scans`,
      [since],
    );
    if (rows[0]!.fresh) return new Map((rows[0]!.scans ?? []).map(([relid, n]) => [Number(relid), Number(n)]));
    if (Date.now() > deadline) throw new Error('the statistics collector did not write a fresh snapshot within 10 s');
    await sleep(50);
  }
}

/**
 * Runs `step` against the database at `db.url` and reports what PostgreSQL did. The step is
 * executed for real: unless `rollback` is set (transactional steps only) its changes stay.
 */
export async function observeStep(
  db: { url: string },
  step: Pick<Step, 'sql' | 'transactional'>,
  options: ObserveOptions = {},
): Promise<Observation> {
  const { sql, transactional } = step;
  const sampling = !transactional || options.watch === true;
  const holdMs = options.holdMs ?? 50;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const observer = await connect(db.url);
  const blockers: { client: pg.Client; pid: number; waitingSince: number | null; released: boolean }[] = [];
  let stepClient: pg.Client | undefined;
  try {
    const major = Math.floor(Number((await observer.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]!.v) / 10000);
    const catalogBefore = await readCatalog(observer);
    const cumulativeBefore = transactional ? undefined : await settledSeqScans(observer, major);

    if (sampling) {
      // Blockers: open transactions holding a snapshot and (by default) ACCESS SHARE on one table each.
      const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
      const blockerSql =
        options.blockers ??
        [...catalogBefore.values()]
          .filter((r) => r.relkind === 'r' || r.relkind === 'p')
          .slice(0, 64)
          .map((r) => [`LOCK TABLE ONLY ${r.name.split('.').map(quote).join('.')} IN ACCESS SHARE MODE`, 'SELECT 1']);
      for (const statements of blockerSql) {
        const client = await connect(db.url);
        const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        blockers.push({ client, pid, waitingSince: null, released: false });
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        for (const s of statements) await client.query(s);
      }
    }

    const client = (stepClient = await connect(db.url));
    const log = new MessageLog();
    log.attach(client);
    for (const s of STEP_SESSION_SETTINGS) await client.query(s);
    const stepPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

    // The step. Transactional: BEGIN, statements, then its own locks, counters and catalog
    // (relfilenodes) read inside the transaction, then COMMIT or ROLLBACK.
    let inTransaction: { held: LockRow[]; scansBefore: Map<number, number>; scansAfter: Map<number, number>; catalog: Map<number, Relation> } | undefined;
    const runStatements = async () => {
      for (const [i, statement] of sql.entries()) {
        log.statement = i;
        await client.query(statement);
      }
      log.statement = -1;
    };
    const run = transactional
      ? async () => {
          await client.query('BEGIN');
          try {
            const scansBefore = await readSeqScans(client, 'pg_stat_xact_user_tables');
            await runStatements();
            const { rows } = await client.query<{ oid: string; mode: string }>(
              `SELECT relation::bigint AS oid, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'`,
            );
            const held = rows.map((r) => ({ oid: Number(r.oid), mode: r.mode }));
            inTransaction = { held, scansBefore, scansAfter: await readSeqScans(client, 'pg_stat_xact_user_tables'), catalog: await readCatalog(client) };
            await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => {});
            throw error;
          }
        }
      : runStatements;

    let finished = false;
    let failure: unknown;
    const running = run().then(
      () => void (finished = true),
      (error: unknown) => {
        failure = error;
        finished = true;
      },
    );

    // Sampling: the step's lock requests (granted or waiting), and releasing the blockers it waits on.
    const sampled: LockRow[] = [];
    const seen = new Set<string>();
    let samples = 0;
    const started = Date.now();
    const release = async (b: (typeof blockers)[number]) => {
      b.released = true;
      await b.client.query('COMMIT').catch(() => {});
    };
    while (sampling && !finished) {
      const { rows } = await observer.query<{ blocking: number[]; locks: [string, string, boolean][] }>(
        `SELECT pg_blocking_pids($1) AS blocking,
                coalesce((SELECT json_agg(json_build_array(relation::bigint, mode, granted)) FROM pg_locks
                          WHERE pid = $1 AND locktype = 'relation'), '[]') AS locks`,
        [stepPid],
      );
      samples++;
      for (const [oid, mode] of rows[0]!.locks) {
        const key = `${oid}/${mode}`;
        if (!seen.has(key)) {
          seen.add(key);
          sampled.push({ oid: Number(oid), mode });
        }
      }
      const blocking = new Set(rows[0]!.blocking);
      const now = Date.now();
      for (const b of blockers) {
        if (b.released || !blocking.has(b.pid)) continue;
        b.waitingSince ??= now;
        if (now - b.waitingSince >= holdMs) await release(b);
      }
      if (now - started > timeoutMs) {
        for (const b of blockers) if (!b.released) await release(b);
        await observer.query('SELECT pg_cancel_backend($1)', [stepPid]);
        await running;
        throw new Error(`step did not finish within ${timeoutMs} ms (blocked by ${[...blocking].join(', ') || 'nothing'}): ${sql.join('; ')}`);
      }
    }
    await running;
    for (const b of blockers) if (!b.released) await release(b);
    if (failure) throw failure;

    await client.end();
    stepClient = undefined;
    for (const b of blockers) await b.client.end();
    blockers.length = 0;

    if (inTransaction) {
      return summarise({
        transactional: true,
        before: { catalog: catalogBefore, scans: inTransaction.scansBefore },
        after: { catalog: inTransaction.catalog, scans: inTransaction.scansAfter },
        held: inTransaction.held,
        sampled,
        log,
        sql,
        samples,
      });
    }
    const after: Snapshot = { catalog: await readCatalog(observer), scans: await settledSeqScans(observer, major) };
    return summarise({ transactional: false, before: { catalog: catalogBefore, scans: cumulativeBefore! }, after, held: null, sampled, log, sql, samples });
  } finally {
    for (const b of blockers) {
      await b.client.query('ROLLBACK').catch(() => {});
      await b.client.end().catch(() => {});
    }
    await stepClient?.end().catch(() => {});
    await observer.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Claims vs observation

/**
 * Differences between what `step` claims and what was observed, one readable line each (empty
 * when the claims hold).
 *
 * - transactional: must equal how the step was observed.
 * - locks: `held-at-commit` observations must match exactly (same tables, same strongest mode in
 *   LOCK_MODES order); `sampled` observations are a lower bound: on every observed table the
 *   claimed mode must conflict with everything each observed mode conflicts with (`lockCovers`;
 *   so ACCESS EXCLUSIVE covers anything, but SHARE does not cover SHARE UPDATE EXCLUSIVE);
 *   claimed locks that were not seen are not reported. Tables are named as before the step (a
 *   renamed table by its old name); claims on tables the step creates are not compared (no
 *   other session can see them, so their locks block nobody).
 * - rewrite: true iff some table's relfilenode changed.
 * - indexBuild: true iff an index got new storage on a table that was neither rewritten (the
 *   index rebuilds of a rewrite are part of the rewrite) nor created by the step (an index on a
 *   new, empty table is not a build worth claiming). Tables the step creates are ignored for
 *   `scan` too.
 * - scan: must be true when a table was read in full beyond its rewrite or index builds
 *   (`scanned`); otherwise false, except that `scan: true` is accepted alongside an observed
 *   rewrite or index build (those read the table too).
 * - work: `catalog` = nothing observed; `rewrite` / `index-build` / `scan` = that was observed;
 *   `backfill` is not checked.
 */
/**
 * `emptyTables`: tables the plan created earlier, empty when created; reading them is not reading
 * data (PostgreSQL happily seq-scans an empty partition inside a batch of an index-range UPDATE).
 */
export function claimDiscrepancies(observation: Observation, step: Pick<Step, 'transactional' | 'locks' | 'rewrite' | 'scan' | 'indexBuild' | 'work'>, emptyTables: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const o = observation;
  if (step.transactional !== o.transactional) out.push(`transactional: claimed ${step.transactional}, observed ${o.transactional}`);

  const claimed = new Map<string, LockMode>();
  for (const l of step.locks) {
    const prev = claimed.get(l.table);
    if (!prev || lockStrength(l.mode) > lockStrength(prev)) claimed.set(l.table, l.mode);
  }
  const observed = new Map(o.locks.map((l) => [l.table, l.mode] as const));
  const created = new Set(o.created);
  for (const table of sorted([...claimed.keys(), ...observed.keys()]).filter((t) => !created.has(t))) {
    const c = claimed.get(table);
    const seen = observed.get(table);
    if (o.lockEvidence === 'held-at-commit') {
      if (c !== seen) out.push(`lock on ${table}: claimed ${c ?? 'none'}, observed ${seen ?? 'none'}`);
      else if (seen) {
        const uncovered = (o.modes[table] ?? []).filter((m) => !lockCovers(seen, m));
        if (uncovered.length) out.push(`lock on ${table}: ${seen} does not block everything the also-held ${uncovered.join(', ')} blocks`);
      }
    } else {
      // sampled: a lower bound; the claim must block at least what every observed mode blocks
      const uncovered = (o.modes[table] ?? []).filter((m) => !c || !lockCovers(c, m));
      if (uncovered.length) out.push(`lock on ${table}: claimed ${c ?? 'none'}, observed at least ${uncovered.join(' + ')} (sampled)`);
    }
  }

  const rewritten = o.rewritten.length > 0;
  if (step.rewrite !== rewritten) out.push(`rewrite: claimed ${step.rewrite}, observed ${rewritten}${rewritten ? ` (${o.rewritten.join(', ')})` : ''}`);

  const rewrittenSet = new Set(o.rewritten);
  const builds = o.indexesBuilt.filter((ix) => !rewrittenSet.has(o.indexTables[ix] ?? '') && !created.has(o.indexTables[ix] ?? ''));
  const indexBuilt = builds.length > 0;
  if (step.indexBuild !== indexBuilt) out.push(`indexBuild: claimed ${step.indexBuild}, observed ${indexBuilt}${indexBuilt ? ` (${builds.join(', ')})` : ''}`);

  const scannedTables = o.scanned.filter((t) => !created.has(t) && !emptyTables.has(t));
  const scanned = scannedTables.length > 0;
  // A read of an empty table the plan created neither proves nor disproves a scan claim.
  const readEmpty = o.scanned.some((t) => emptyTables.has(t));
  if (scanned && !step.scan) out.push(`scan: claimed false, observed full reads of ${scannedTables.join(', ')}`);
  if (!scanned && !readEmpty && step.scan && !rewritten && !indexBuilt) out.push('scan: claimed true, observed no full read');

  switch (step.work) {
    case 'catalog':
      if (rewritten || indexBuilt || scanned) out.push(`work: claimed catalog, observed ${[rewritten && 'rewrite', indexBuilt && 'index build', scanned && 'scan'].filter(Boolean).join(' + ')}`);
      break;
    case 'rewrite':
      if (!rewritten) out.push('work: claimed rewrite, observed no rewrite');
      break;
    case 'index-build':
      if (!indexBuilt) out.push('work: claimed index-build, observed no index build');
      break;
    case 'scan':
      if (!scanned && !readEmpty) out.push('work: claimed scan, observed no scan');
      break;
    case 'backfill':
      break;
  }
  return out;
}

/** Throws with a readable list of every claim of `step` the observation contradicts. */
export function expectClaimsHold(observation: Observation, step: Step): void {
  const problems = claimDiscrepancies(observation, step);
  if (problems.length === 0) return;
  const observed = {
    locks: observation.locks.map((l) => `${l.table} ${l.mode}`),
    lockEvidence: observation.lockEvidence,
    rewritten: observation.rewritten,
    scanned: observation.scanned,
    indexesBuilt: observation.indexesBuilt,
    seqScans: observation.seqScans,
  };
  throw new Error(
    [
      `step ${step.id} (${step.kind}) claims do not hold:`,
      ...problems.map((p) => `  - ${p}`),
      `  sql (${step.transactional ? 'transactional' : 'non-transactional'}):`,
      ...step.sql.map((s) => `    ${s}`),
      `  observed: ${JSON.stringify(observed)}`,
    ].join('\n'),
  );
}
