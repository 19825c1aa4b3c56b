// The lock reference, checked against real servers: for each DDL form the planner emits, the
// locks (strongest mode per table), rewrites, full scans and index builds PostgreSQL actually
// performs, per major. The cases read like the table in /work/shared/docs/PG-LOCKS.md (section
// 4); where the server disagrees with that document the case asserts what the server does and
// says so in `differs` (the planner must claim what is true, not what the document says).
//
// All cases of one server share one database. Each case starts from a fresh fixture in schema
// `lockref` (dropped and rebuilt before every case, ~0.1 s; a database per case would cost a
// CREATE DATABASE, ~0.3 s on PG11); every session runs with search_path = lockref.
// Transactional steps are observed with `watch` (sampled from outside as well), so a lock taken
// and released before commit would show up in `releasedEarly`: none does, on PG 11-18.
import { createDatabase, withClient, type TestDatabase } from '@wesley/testkit';
import { testServers } from '@wesley/testkit/vitest';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LockMode, Step } from '../../src/types.js';
import { claimDiscrepancies, expectClaimsHold, observeStep, type Observation, type ObserveOptions } from './observe-step.js';

const SCHEMA = 'lockref';

const AS: LockMode = 'ACCESS SHARE';
const RS: LockMode = 'ROW SHARE';
const SUE: LockMode = 'SHARE UPDATE EXCLUSIVE';
const S: LockMode = 'SHARE';
const SRE: LockMode = 'SHARE ROW EXCLUSIVE';
const AE: LockMode = 'ACCESS EXCLUSIVE';

/** What the server does for one form on one major. Table and index names are in schema `lockref`. */
interface Expected {
  /** Strongest mode per table; tables not listed must not be locked. */
  readonly locks?: Readonly<Record<string, LockMode>>;
  readonly rewritten?: readonly string[];
  readonly scanned?: readonly string[];
  readonly indexesBuilt?: readonly string[];
  readonly created?: readonly string[];
  /** Raw sequential-scan counter increases, checked only when given (documents what the counter sees). */
  readonly seqScans?: Readonly<Record<string, number>>;
  /** The step fails with this message. */
  readonly error?: RegExp;
}

interface Case {
  readonly name: string;
  /** The PG-LOCKS.md row it checks (lock / work as the document states them). */
  readonly doc: string;
  /** Where the server disagrees with PG-LOCKS.md (reported; the expectation follows the server). */
  readonly differs?: string;
  readonly setup?: string;
  readonly step: Pick<Step, 'sql' | 'transactional'>;
  /** By first major it applies to (`{ 11: a, 12: b }`: a on 11, b on 12+); majors below the lowest key skip the case. */
  readonly expect: Readonly<Record<number, Expected>>;
  readonly options?: ObserveOptions;
  /** Extra facts read from the catalog after the step (same database). */
  readonly check?: (client: pg.Client, major: number) => Promise<void>;
}

const FIXTURE = `
  CREATE TABLE ref (id int PRIMARY KEY, name text NOT NULL);
  INSERT INTO ref SELECT g, 'r' || g FROM generate_series(1, 100) g;

  CREATE TABLE t (
    id int PRIMARY KEY,
    ref_id int NOT NULL,
    a int,            -- nullable, never NULL, unique
    n int NOT NULL,
    v varchar(10),
    vc varchar(50),
    num numeric(10,2),
    ts timestamp(3),
    i int,
    note text
  );
  INSERT INTO t
    SELECT g, g % 100 + 1, g, g, 'v' || (g % 1000), 'vc' || g, g / 7.0, timestamp '2024-01-01' + g * interval '1 minute', g, 'note'
    FROM generate_series(1, 20000) g;
  CREATE INDEX t_i_idx ON t (i);
  CREATE INDEX t_v_idx ON t (v);
  CREATE INDEX t_num_idx ON t (num);
  CREATE INDEX t_ts_idx ON t (ts);

  CREATE TYPE mood AS ENUM ('happy', 'sad');

  -- range-partitioned, one partition list-partitioned again
  CREATE TABLE events (id int NOT NULL, at date NOT NULL, kind text NOT NULL, ref_id int) PARTITION BY RANGE (at);
  CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
  CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (kind);
  CREATE TABLE events_2025_a PARTITION OF events_2025 FOR VALUES IN ('a');
  CREATE TABLE events_2025_b PARTITION OF events_2025 FOR VALUES IN ('b');
  INSERT INTO events
    SELECT g, date '2024-01-01' + (g % 700), CASE WHEN g % 2 = 0 THEN 'a' ELSE 'b' END, g % 100 + 1
    FROM generate_series(1, 3000) g;

  CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
  ANALYZE ref, t, events;
`;

const T_INDEXES = ['t_i_idx', 't_num_idx', 't_pkey', 't_ts_idx', 't_v_idx'];

/** A table outside the range-partitioned `events`, loaded with 2026 rows, ready to attach. */
const EVENTS_2026 = `
  CREATE TABLE events_2026 (id int NOT NULL, at date NOT NULL, kind text NOT NULL, ref_id int);
  INSERT INTO events_2026 SELECT g, date '2026-01-01' + (g % 300), 'a', 1 FROM generate_series(1, 2000) g;
`;

/** A DEFAULT partition holding rows outside every range (2030). */
const EVENTS_DEFAULT = `
  CREATE TABLE events_default PARTITION OF events DEFAULT;
  INSERT INTO events SELECT g, date '2030-01-01' + (g % 300), 'a', 1 FROM generate_series(1, 1000) g;
`;

const ALL_EVENTS = ['events', 'events_2024', 'events_2025', 'events_2025_a', 'events_2025_b'];
const EVENT_LEAVES = ['events_2024', 'events_2025_a', 'events_2025_b'];
const each = (tables: readonly string[], mode: LockMode) => Object.fromEntries(tables.map((t) => [t, mode]));

/** A table without a primary key, with unique indexes on a NOT NULL and on a nullable column. */
const NO_PK = `
  CREATE TABLE k (id int NOT NULL, x int);
  INSERT INTO k SELECT g, g FROM generate_series(1, 20000) g;
  CREATE UNIQUE INDEX k_id_key ON k (id);
  CREATE UNIQUE INDEX k_x_key ON k (x);
`;

const one = <T>(client: pg.Client, sql: string) => client.query(sql).then((r) => r.rows[0] as T);

const CASES: readonly Case[] = [
  // ---- 4.1 columns -------------------------------------------------------------------------
  { name: 'ADD COLUMN nullable', doc: 'ACCESS EXCLUSIVE, catalog only', step: { sql: ['ALTER TABLE t ADD COLUMN c int'], transactional: true }, expect: { 11: { locks: { t: AE } } } },
  {
    name: 'ADD COLUMN NOT NULL DEFAULT constant',
    doc: 'ACCESS EXCLUSIVE, catalog only (PG11+)',
    step: { sql: ['ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 7'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'ADD COLUMN DEFAULT now() (stable)',
    doc: 'ACCESS EXCLUSIVE, catalog only (PG11+)',
    step: { sql: ['ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now()'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'ADD COLUMN DEFAULT clock_timestamp() (volatile)',
    doc: 'ACCESS EXCLUSIVE, full rewrite of table + all indexes',
    step: { sql: ['ALTER TABLE t ADD COLUMN c timestamptz DEFAULT clock_timestamp()'], transactional: true },
    // the copy, then one build per index: all part of the rewrite, so not a "scan"
    expect: { 11: { locks: { t: AE }, rewritten: ['t'], indexesBuilt: T_INDEXES, seqScans: { t: 6 } } },
  },
  {
    name: 'ADD COLUMN DEFAULT random() (volatile)',
    doc: 'ACCESS EXCLUSIVE, full rewrite of table + all indexes',
    step: { sql: ['ALTER TABLE t ADD COLUMN c float8 DEFAULT random()'], transactional: true },
    expect: { 11: { locks: { t: AE }, rewritten: ['t'], indexesBuilt: T_INDEXES } },
  },
  { name: 'SET DEFAULT', doc: 'ACCESS EXCLUSIVE, catalog only', step: { sql: ['ALTER TABLE t ALTER COLUMN a SET DEFAULT 0'], transactional: true }, expect: { 11: { locks: { t: AE } } } },
  {
    name: 'DROP DEFAULT',
    doc: 'ACCESS EXCLUSIVE, catalog only',
    setup: 'ALTER TABLE t ALTER COLUMN a SET DEFAULT 0',
    step: { sql: ['ALTER TABLE t ALTER COLUMN a DROP DEFAULT'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  { name: 'DROP COLUMN', doc: 'ACCESS EXCLUSIVE, catalog only', step: { sql: ['ALTER TABLE t DROP COLUMN note'], transactional: true }, expect: { 11: { locks: { t: AE } } } },
  { name: 'RENAME COLUMN', doc: 'ACCESS EXCLUSIVE, catalog only', step: { sql: ['ALTER TABLE t RENAME COLUMN note TO remark'], transactional: true }, expect: { 11: { locks: { t: AE } } } },
  { name: 'RENAME TABLE', doc: 'ACCESS EXCLUSIVE, catalog only', step: { sql: ['ALTER TABLE t RENAME TO t_renamed'], transactional: true }, expect: { 11: { locks: { t: AE } } } },
  {
    name: 'SET NOT NULL without a proof',
    doc: 'ACCESS EXCLUSIVE, full scan',
    step: { sql: ['ALTER TABLE t ALTER COLUMN a SET NOT NULL'], transactional: true },
    expect: { 11: { locks: { t: AE }, scanned: ['t'], seqScans: { t: 1 } } },
  },
  {
    name: 'SET NOT NULL with a validated CHECK (a IS NOT NULL)',
    doc: 'ACCESS EXCLUSIVE; PG12+: scan skipped if a validated CHECK proves NOT NULL',
    setup: 'ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL)',
    step: { sql: ['ALTER TABLE t ALTER COLUMN a SET NOT NULL'], transactional: true },
    expect: { 11: { locks: { t: AE }, scanned: ['t'] }, 12: { locks: { t: AE } } },
  },
  { name: 'DROP NOT NULL', doc: 'ACCESS EXCLUSIVE, catalog only', step: { sql: ['ALTER TABLE t ALTER COLUMN n DROP NOT NULL'], transactional: true }, expect: { 11: { locks: { t: AE } } } },

  // ---- 4.3 ALTER COLUMN TYPE (all on indexed columns but vc) -------------------------------
  {
    name: 'ALTER TYPE varchar(10) -> varchar(20) (indexed)',
    doc: 'ACCESS EXCLUSIVE; no rewrite, no index rebuild',
    step: { sql: ['ALTER TABLE t ALTER COLUMN v TYPE varchar(20)'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  { name: 'ALTER TYPE varchar(50) -> text', doc: 'ACCESS EXCLUSIVE; no rewrite', step: { sql: ['ALTER TABLE t ALTER COLUMN vc TYPE text'], transactional: true }, expect: { 11: { locks: { t: AE } } } },
  {
    name: 'ALTER TYPE numeric(10,2) -> numeric(12,2) (indexed)',
    doc: 'ACCESS EXCLUSIVE; no rewrite, no index rebuild',
    step: { sql: ['ALTER TABLE t ALTER COLUMN num TYPE numeric(12,2)'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'ALTER TYPE timestamp(3) -> timestamp(6) (indexed)',
    doc: 'ACCESS EXCLUSIVE; no rewrite (binary coercible, wider typmod)',
    step: { sql: ['ALTER TABLE t ALTER COLUMN ts TYPE timestamp(6)'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'ALTER TYPE int -> bigint (indexed)',
    doc: 'ACCESS EXCLUSIVE; rewrite, indexes rebuilt',
    step: { sql: ['ALTER TABLE t ALTER COLUMN i TYPE bigint'], transactional: true },
    expect: { 11: { locks: { t: AE }, rewritten: ['t'], indexesBuilt: T_INDEXES, seqScans: { t: 6 } } },
  },

  // ---- 4.2 constraints ---------------------------------------------------------------------
  {
    name: 'ADD CHECK (validated)',
    doc: 'ACCESS EXCLUSIVE, full scan',
    step: { sql: ['ALTER TABLE t ADD CONSTRAINT t_a_pos CHECK (a > 0)'], transactional: true },
    expect: { 11: { locks: { t: AE }, scanned: ['t'], seqScans: { t: 1 } } },
  },
  {
    name: 'ADD CHECK NOT VALID',
    doc: 'ACCESS EXCLUSIVE (ms), no scan',
    step: { sql: ['ALTER TABLE t ADD CONSTRAINT t_a_pos CHECK (a > 0) NOT VALID'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'VALIDATE CONSTRAINT (CHECK)',
    doc: 'SHARE UPDATE EXCLUSIVE, full scan',
    setup: 'ALTER TABLE t ADD CONSTRAINT t_a_pos CHECK (a > 0) NOT VALID',
    step: { sql: ['ALTER TABLE t VALIDATE CONSTRAINT t_a_pos'], transactional: true },
    expect: { 11: { locks: { t: SUE }, scanned: ['t'], seqScans: { t: 1 } } },
  },
  {
    name: 'ADD CHECK NOT VALID + VALIDATE in one transaction',
    doc: "keeps the ADD's lock (ACCESS EXCLUSIVE) during the scan",
    step: { sql: ['ALTER TABLE t ADD CONSTRAINT t_a_pos CHECK (a > 0) NOT VALID', 'ALTER TABLE t VALIDATE CONSTRAINT t_a_pos'], transactional: true },
    expect: { 11: { locks: { t: AE }, scanned: ['t'] } },
  },
  {
    name: 'ADD FOREIGN KEY NOT VALID',
    doc: 'SHARE ROW EXCLUSIVE on both tables, no scan',
    step: { sql: ['ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref NOT VALID'], transactional: true },
    expect: { 11: { locks: { t: SRE, ref: SRE } } },
  },
  {
    name: 'VALIDATE CONSTRAINT (FOREIGN KEY)',
    doc: 'SHARE UPDATE EXCLUSIVE on table, ROW SHARE on referenced; scan (of the referencing table)',
    differs: 'the referenced table is read in full too (the validation query is an anti-join; both sides are seq-scanned here)',
    setup: 'ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref NOT VALID',
    step: { sql: ['ALTER TABLE t VALIDATE CONSTRAINT t_ref_fk'], transactional: true },
    expect: { 11: { locks: { t: SUE, ref: RS }, scanned: ['ref', 't'], seqScans: { ref: 1, t: 1 } } },
  },
  {
    name: 'ADD FOREIGN KEY NOT VALID on a partitioned referencing table',
    doc: 'ERROR on PG11-17, allowed on PG18',
    step: { sql: ['ALTER TABLE events ADD CONSTRAINT events_ref_fk FOREIGN KEY (ref_id) REFERENCES ref NOT VALID'], transactional: true },
    expect: {
      11: { error: /cannot add NOT VALID foreign key on partitioned table/ },
      18: { locks: { events: SRE, events_2024: SRE, events_2025: SRE, events_2025_a: SRE, events_2025_b: SRE, ref: SRE } },
    },
  },
  {
    name: 'ADD CONSTRAINT UNIQUE USING INDEX',
    doc: 'ACCESS EXCLUSIVE (ms), none',
    setup: 'CREATE UNIQUE INDEX t_a_key ON t (a)',
    step: { sql: ['ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_key'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'ADD PRIMARY KEY USING INDEX on a NOT NULL column',
    doc: 'ACCESS EXCLUSIVE (ms), none',
    setup: NO_PK,
    step: { sql: ['ALTER TABLE k ADD PRIMARY KEY USING INDEX k_id_key'], transactional: true },
    expect: { 11: { locks: { k: AE } } },
  },
  {
    name: 'ADD PRIMARY KEY USING INDEX on a nullable column',
    doc: 'ACCESS EXCLUSIVE, full scan (implicit SET NOT NULL)',
    setup: NO_PK,
    step: { sql: ['ALTER TABLE k ADD PRIMARY KEY USING INDEX k_x_key'], transactional: true },
    expect: { 11: { locks: { k: AE }, scanned: ['k'], seqScans: { k: 1 } } },
  },
  {
    name: 'DROP CONSTRAINT (FOREIGN KEY)',
    doc: 'ACCESS EXCLUSIVE on both tables (ms)',
    setup: 'ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref',
    step: { sql: ['ALTER TABLE t DROP CONSTRAINT t_ref_fk'], transactional: true },
    expect: { 11: { locks: { t: AE, ref: AE } } },
  },

  // ---- 4.4 indexes -------------------------------------------------------------------------
  {
    name: 'CREATE INDEX',
    doc: 'SHARE for the whole build',
    step: { sql: ['CREATE INDEX t_a_idx ON t (a)'], transactional: true },
    expect: { 11: { locks: { t: S }, indexesBuilt: ['t_a_idx'], seqScans: { t: 1 } } },
  },
  {
    name: 'CREATE INDEX CONCURRENTLY',
    doc: 'SHARE UPDATE EXCLUSIVE, not in a transaction',
    step: { sql: ['CREATE INDEX CONCURRENTLY t_a_idx ON t (a)'], transactional: false },
    // build + validate: two reads of the table, both part of the index build
    expect: { 11: { locks: { t: SUE }, indexesBuilt: ['t_a_idx'], seqScans: { t: 2 } } },
  },
  {
    name: 'CREATE INDEX on a partitioned parent',
    doc: 'SHARE on parent and every partition',
    step: { sql: ['CREATE INDEX events_kind_idx ON events (kind)'], transactional: true },
    expect: {
      11: {
        locks: { events: S, events_2024: S, events_2025: S, events_2025_a: S, events_2025_b: S },
        indexesBuilt: ['events_2024_kind_idx', 'events_2025_a_kind_idx', 'events_2025_b_kind_idx'],
      },
    },
  },
  {
    name: 'CREATE INDEX ON ONLY parent',
    doc: 'SHARE on parent, no partition touched, parent index INVALID',
    step: { sql: ['CREATE INDEX events_kind_idx ON ONLY events (kind)'], transactional: true },
    expect: { 11: { locks: { events: S } } },
    check: async (client) => {
      expect(await one(client, `SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_kind_idx'::regclass`)).toEqual({ indisvalid: false });
    },
  },
  {
    name: 'ALTER INDEX parent_idx ATTACH PARTITION child_idx',
    doc: 'ACCESS SHARE on tables (SHARE UPDATE EXCLUSIVE on parent index, ACCESS EXCLUSIVE on child index)',
    setup: 'CREATE INDEX events_kind_idx ON ONLY events (kind); CREATE INDEX events_2024_kind_idx ON events_2024 (kind)',
    step: { sql: ['ALTER INDEX events_kind_idx ATTACH PARTITION events_2024_kind_idx'], transactional: true },
    expect: { 11: { locks: { events: AS, events_2024: AS } } },
  },
  {
    name: 'DROP INDEX',
    doc: 'ACCESS EXCLUSIVE on the table',
    step: { sql: ['DROP INDEX t_i_idx'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'DROP INDEX CONCURRENTLY',
    doc: 'SHARE UPDATE EXCLUSIVE on table and index, not in a transaction',
    setup: 'CREATE INDEX t_a_idx ON t (a)',
    step: { sql: ['DROP INDEX CONCURRENTLY t_a_idx'], transactional: false },
    expect: { 11: { locks: { t: SUE } } },
  },

  // ---- 4.5 partitions, enums, RLS, triggers ------------------------------------------------
  {
    name: 'ATTACH PARTITION (no CHECK)',
    doc: 'SHARE UPDATE EXCLUSIVE on parent (PG12+; ACCESS EXCLUSIVE before), ACCESS EXCLUSIVE on the attached table; scans it',
    setup: EVENTS_2026,
    step: { sql: [`ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')`], transactional: true },
    expect: {
      11: { locks: { events: AE, events_2026: AE }, scanned: ['events_2026'], seqScans: { events_2026: 1 } },
      12: { locks: { events: SUE, events_2026: AE }, scanned: ['events_2026'], seqScans: { events_2026: 1 } },
    },
  },
  {
    name: 'ATTACH PARTITION with a validated CHECK implying the bounds',
    doc: 'as above, no scan of the attached table',
    setup: `${EVENTS_2026} ALTER TABLE events_2026 ADD CONSTRAINT events_2026_bounds CHECK (at >= '2026-01-01' AND at < '2027-01-01');`,
    step: { sql: [`ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')`], transactional: true },
    expect: {
      11: { locks: { events: AE, events_2026: AE } },
      12: { locks: { events: SUE, events_2026: AE } },
    },
  },
  {
    name: 'CREATE TABLE ... PARTITION OF',
    doc: 'ACCESS EXCLUSIVE on the parent',
    step: { sql: [`CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')`], transactional: true },
    expect: { 11: { locks: { events: AE }, created: ['events_2026'] } },
  },
  {
    name: 'DETACH PARTITION',
    doc: 'ACCESS EXCLUSIVE on parent and partition (all versions)',
    differs: 'PG11-13 take only SHARE UPDATE EXCLUSIVE on the partition; ACCESS EXCLUSIVE on it from PG14',
    step: { sql: ['ALTER TABLE events DETACH PARTITION events_2024'], transactional: true },
    expect: { 11: { locks: { events: AE, events_2024: SUE } }, 14: { locks: { events: AE, events_2024: AE } } },
  },
  {
    name: 'DETACH PARTITION CONCURRENTLY',
    doc: 'PG14+, not in a transaction: SHARE UPDATE EXCLUSIVE on parent, ACCESS EXCLUSIVE on the partition (phase 2)',
    step: { sql: ['ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY'], transactional: false },
    expect: { 14: { locks: { events: SUE, events_2024: AE } } },
  },
  {
    name: 'ALTER TYPE ... ADD VALUE (outside a transaction)',
    doc: 'no table lock',
    step: { sql: [`ALTER TYPE mood ADD VALUE 'calm'`], transactional: false },
    expect: { 11: { locks: {} } },
  },
  {
    name: 'ALTER TYPE ... ADD VALUE in a transaction',
    doc: 'ERROR in a transaction block on PG<=11, allowed PG12+; no table lock',
    step: { sql: [`ALTER TYPE mood ADD VALUE 'calm'`], transactional: true },
    expect: { 11: { error: /cannot run inside a transaction block/ }, 12: { locks: {} } },
  },
  { name: 'ENABLE ROW LEVEL SECURITY', doc: 'ACCESS EXCLUSIVE (ms)', step: { sql: ['ALTER TABLE t ENABLE ROW LEVEL SECURITY'], transactional: true }, expect: { 11: { locks: { t: AE } } } },
  {
    name: 'CREATE POLICY',
    doc: 'ACCESS EXCLUSIVE (ms)',
    step: { sql: ['CREATE POLICY t_read ON t FOR SELECT USING (n > 0)'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'CREATE TRIGGER',
    doc: 'SHARE ROW EXCLUSIVE',
    step: { sql: ['CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()'], transactional: true },
    expect: { 11: { locks: { t: SRE } } },
  },
  {
    name: 'DO block with COMMIT (two keyset batches)',
    doc: 'ROW EXCLUSIVE per batch; not in a transaction (PG11+ transaction control in DO)',
    step: { sql: [`DO $$BEGIN UPDATE t SET note = 'b1' WHERE id BETWEEN 1 AND 100; COMMIT; UPDATE t SET note = 'b2' WHERE id BETWEEN 101 AND 200; COMMIT; END$$`], transactional: false },
    // ROW EXCLUSIVE does not wait for the default ACCESS SHARE blockers; a SHARE holder makes the
    // first batch wait, so the sample is certain to see it.
    options: { blockers: [['LOCK TABLE ONLY t IN SHARE MODE']] },
    expect: { 11: { locks: { t: 'ROW EXCLUSIVE' }, seqScans: {} } },
  },

  // ---- PG18 NOT NULL constraints -----------------------------------------------------------
  {
    name: 'ADD CONSTRAINT n NOT NULL c NOT VALID',
    doc: 'PG18+: ACCESS EXCLUSIVE (ms), no scan',
    step: { sql: ['ALTER TABLE t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID'], transactional: true },
    expect: { 18: { locks: { t: AE } } },
    check: async (client) => {
      // attnotnull is already true while the constraint is not validated: the catalog flag alone
      // does not prove the column has no NULLs; pg_constraint.convalidated does.
      expect(await one(client, `SELECT attnotnull FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'a'`)).toEqual({ attnotnull: true });
      expect(await one(client, `SELECT contype, convalidated FROM pg_constraint WHERE conname = 't_a_nn'`)).toEqual({ contype: 'n', convalidated: false });
    },
  },
  {
    name: 'VALIDATE CONSTRAINT (NOT NULL)',
    doc: 'PG18+: SHARE UPDATE EXCLUSIVE, full scan',
    setup: 'ALTER TABLE t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID',
    step: { sql: ['ALTER TABLE t VALIDATE CONSTRAINT t_a_nn'], transactional: true },
    expect: { 18: { locks: { t: SUE }, scanned: ['t'] } },
    check: async (client) => {
      expect(await one(client, `SELECT attnotnull FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'a'`)).toEqual({ attnotnull: true });
      expect(await one(client, `SELECT convalidated FROM pg_constraint WHERE conname = 't_a_nn'`)).toEqual({ convalidated: true });
    },
  },

  // ---- forms the planner's step kinds use, beyond the list above ----------------------------
  { name: 'COMMENT ON TABLE', doc: 'SHARE UPDATE EXCLUSIVE', step: { sql: [`COMMENT ON TABLE t IS 'x'`], transactional: true }, expect: { 11: { locks: { t: SUE } } } },
  { name: 'COMMENT ON COLUMN', doc: 'SHARE UPDATE EXCLUSIVE', step: { sql: [`COMMENT ON COLUMN t.a IS 'x'`], transactional: true }, expect: { 11: { locks: { t: SUE } } } },
  {
    name: 'RENAME CONSTRAINT',
    doc: '(not in PG-LOCKS; planner: AE)',
    setup: 'ALTER TABLE t ADD CONSTRAINT t_a_pos CHECK (a > 0) NOT VALID',
    step: { sql: ['ALTER TABLE t RENAME CONSTRAINT t_a_pos TO t_a_positive'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'ALTER INDEX ... RENAME',
    doc: 'SHARE UPDATE EXCLUSIVE on the index (PG-LOCKS: verified PG15); no table lock',
    step: { sql: ['ALTER INDEX t_i_idx RENAME TO t_i_index'], transactional: true },
    expect: { 11: { locks: {} } },
  },
  {
    name: 'ALTER TRIGGER ... RENAME',
    doc: '(not in PG-LOCKS; planner: AE)',
    setup: 'CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()',
    step: { sql: ['ALTER TRIGGER t_touch ON t RENAME TO t_touched'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'DROP TRIGGER',
    doc: '(not in PG-LOCKS; planner: AE)',
    setup: 'CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()',
    step: { sql: ['DROP TRIGGER t_touch ON t'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'DISABLE / FORCE ROW LEVEL SECURITY, DROP POLICY',
    doc: 'ACCESS EXCLUSIVE (ms)',
    setup: 'ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY t_read ON t FOR SELECT USING (n > 0)',
    step: { sql: ['ALTER TABLE t FORCE ROW LEVEL SECURITY', 'DROP POLICY t_read ON t', 'ALTER TABLE t DISABLE ROW LEVEL SECURITY'], transactional: true },
    expect: { 11: { locks: { t: AE } } },
  },
  {
    name: 'DROP TABLE with a foreign key',
    doc: 'ACCESS EXCLUSIVE (planner: also on the tables its foreign keys reference)',
    setup: 'ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref',
    step: { sql: ['DROP TABLE t'], transactional: true },
    expect: { 11: { locks: { t: AE, ref: AE } } },
  },
  { name: 'DROP TYPE (enum)', doc: 'no table lock', step: { sql: ['DROP TYPE mood'], transactional: true }, expect: { 11: { locks: {} } } },
  {
    name: 'CREATE TABLE with REFERENCES',
    doc: 'SHARE ROW EXCLUSIVE on the referenced table (as ADD FOREIGN KEY)',
    step: { sql: ['CREATE TABLE fresh (id int PRIMARY KEY, ref_id int REFERENCES ref)'], transactional: true },
    expect: { 11: { locks: { ref: SRE }, created: ['fresh'], indexesBuilt: ['fresh_pkey'] } },
  },
  {
    name: 'ADD FOREIGN KEY on a partitioned table whose leaf partitions have the key validated',
    doc: 'PG<=17 route: the parent key adopts the validated children without scanning; briefly took ACCESS EXCLUSIVE on the referenced table (PG15)',
    setup: EVENT_LEAVES.map(
      (leaf) => `ALTER TABLE ${leaf} ADD CONSTRAINT ${leaf}_ref_fk FOREIGN KEY (ref_id) REFERENCES ref NOT VALID; ALTER TABLE ${leaf} VALIDATE CONSTRAINT ${leaf}_ref_fk;`,
    ).join(' '),
    differs:
      'ACCESS EXCLUSIVE on the referenced table on every major, held to commit (not momentary); PG11 also takes ACCESS EXCLUSIVE on the leaves of the sub-partitioned partition',
    step: { sql: ['ALTER TABLE events ADD CONSTRAINT events_ref_fk FOREIGN KEY (ref_id) REFERENCES ref'], transactional: true },
    expect: {
      11: { locks: { ...each(ALL_EVENTS, SRE), events_2025_a: AE, events_2025_b: AE, ref: AE } },
      12: { locks: { ...each(ALL_EVENTS, SRE), ref: AE } },
    },
  },
  {
    name: 'ADD COLUMN on a partitioned table',
    doc: 'ACCESS EXCLUSIVE on the parent and every partition',
    step: { sql: ['ALTER TABLE events ADD COLUMN c int'], transactional: true },
    expect: { 11: { locks: each(ALL_EVENTS, AE) } },
  },
  {
    name: 'ADD CHECK NOT VALID on a partitioned table',
    doc: 'ACCESS EXCLUSIVE on the parent and every partition, no scan',
    step: { sql: ['ALTER TABLE events ADD CONSTRAINT events_id_pos CHECK (id > 0) NOT VALID'], transactional: true },
    expect: { 11: { locks: each(ALL_EVENTS, AE) } },
  },
  {
    name: 'VALIDATE CONSTRAINT on a partitioned table',
    doc: 'SHARE UPDATE EXCLUSIVE on the parent and every partition, scans every leaf',
    setup: 'ALTER TABLE events ADD CONSTRAINT events_id_pos CHECK (id > 0) NOT VALID',
    step: { sql: ['ALTER TABLE events VALIDATE CONSTRAINT events_id_pos'], transactional: true },
    expect: { 11: { locks: each(ALL_EVENTS, SUE), scanned: EVENT_LEAVES } },
  },
  {
    name: 'SET NOT NULL on a partitioned table',
    doc: 'ACCESS EXCLUSIVE on parent and every partition; scans every partition',
    step: { sql: ['ALTER TABLE events ALTER COLUMN ref_id SET NOT NULL'], transactional: true },
    expect: { 11: { locks: each(ALL_EVENTS, AE), scanned: EVENT_LEAVES } },
  },
  {
    name: 'ADD UNIQUE on a partitioned table (no USING INDEX form)',
    doc: 'ACCESS EXCLUSIVE (on the altered table); index build on every partition',
    differs: 'the partitions get only SHARE on PG11-17 (the index builds); ACCESS EXCLUSIVE on every partition from PG18',
    step: { sql: ['ALTER TABLE events ADD CONSTRAINT events_id_at_key UNIQUE (id, at, kind)'], transactional: true },
    expect: {
      11: { locks: { ...each(ALL_EVENTS, S), events: AE }, indexesBuilt: ['events_2024_id_at_kind_key', 'events_2025_a_id_at_kind_key', 'events_2025_b_id_at_kind_key'] },
      18: { locks: each(ALL_EVENTS, AE), indexesBuilt: ['events_2024_id_at_kind_key', 'events_2025_a_id_at_kind_key', 'events_2025_b_id_at_kind_key'] },
    },
  },
  {
    name: 'DROP INDEX of a partitioned index',
    doc: 'ACCESS EXCLUSIVE on the parent and every partition',
    setup: 'CREATE INDEX events_kind_idx ON events (kind)',
    step: { sql: ['DROP INDEX events_kind_idx'], transactional: true },
    expect: { 11: { locks: each(ALL_EVENTS, AE) } },
  },
  {
    name: 'DROP INDEX CONCURRENTLY of a partitioned index',
    doc: 'refused: "cannot drop partitioned index ... concurrently"',
    setup: 'CREATE INDEX events_kind_idx ON events (kind)',
    step: { sql: ['DROP INDEX CONCURRENTLY events_kind_idx'], transactional: false },
    expect: { 11: { error: /cannot drop partitioned index "events_kind_idx" concurrently/ } },
  },
  {
    name: 'CREATE TABLE ... PARTITION OF when a DEFAULT partition exists',
    doc: 'ACCESS EXCLUSIVE on the parent and the DEFAULT partition, which it scans',
    setup: EVENTS_DEFAULT,
    step: { sql: [`CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')`], transactional: true },
    expect: { 11: { locks: { events: AE, events_default: AE }, created: ['events_2026'], scanned: ['events_default'] } },
  },
  {
    name: 'ATTACH PARTITION when a DEFAULT partition exists',
    doc: 'additionally ACCESS EXCLUSIVE on the DEFAULT partition, which it scans',
    setup: `${EVENTS_2026} ${EVENTS_DEFAULT}`,
    step: { sql: [`ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')`], transactional: true },
    expect: {
      11: { locks: { events: AE, events_2026: AE, events_default: AE }, scanned: ['events_2026', 'events_default'] },
      12: { locks: { events: SUE, events_2026: AE, events_default: AE }, scanned: ['events_2026', 'events_default'] },
    },
  },
  {
    name: 'DETACH PARTITION CONCURRENTLY when a DEFAULT partition exists',
    doc: 'refused: "cannot detach partitions concurrently when a default partition exists"',
    setup: EVENTS_DEFAULT,
    step: { sql: ['ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY'], transactional: false },
    expect: { 14: { error: /cannot detach partitions concurrently when a default partition exists/ } },
  },
];

// ---------------------------------------------------------------------------------------------

function expectedFor(c: Case, major: number): Expected | undefined {
  const key = Object.keys(c.expect)
    .map(Number)
    .filter((k) => k <= major)
    .sort((a, b) => b - a)[0];
  return key === undefined ? undefined : c.expect[key];
}

const qualify = (names: readonly string[] | undefined) => [...(names ?? [])].map((n) => `${SCHEMA}.${n}`).sort();

/** The observation in the shape of an Expected (qualified names), for one toEqual with a readable diff. */
const shapeOf = (o: Observation, e: Expected) => ({
  ...(e.seqScans ? { seqScans: o.seqScans } : {}),
  releasedEarly: o.releasedEarly,
  locks: Object.fromEntries(o.locks.map((l) => [l.table, l.mode])),
  rewritten: o.rewritten,
  scanned: o.scanned,
  indexesBuilt: o.indexesBuilt,
  created: o.created,
});
const shapeOfExpected = (e: Expected) => ({
  ...(e.seqScans ? { seqScans: Object.fromEntries(Object.entries(e.seqScans).map(([t, n]) => [`${SCHEMA}.${t}`, n])) } : {}),
  releasedEarly: [], // no form takes a lock it releases before commit
  locks: Object.fromEntries(Object.entries(e.locks ?? {}).map(([t, m]) => [`${SCHEMA}.${t}`, m])),
  rewritten: qualify(e.rewritten),
  scanned: qualify(e.scanned),
  indexesBuilt: qualify(e.indexesBuilt),
  created: qualify(e.created),
});

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (major, server) => {
  let database: TestDatabase;
  let url: string;

  beforeAll(async () => {
    database = await createDatabase(server, 'wlr');
    const u = new URL(database.url);
    u.searchParams.set('options', `-c search_path=${SCHEMA}`);
    url = u.toString();
  });
  afterAll(() => database?.drop());

  /** Runs `fn` on a fresh fixture with `setup` applied (both committed). */
  async function withFixture<T>(setup: string | undefined, fn: (db: { url: string }) => Promise<T>): Promise<T> {
    await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}; ${FIXTURE}; ${setup ?? ''}`));
    return fn({ url });
  }

  for (const c of CASES) {
    const expected = expectedFor(c, major);
    test.skipIf(!expected)(`${c.name}: ${c.doc}`, async () => {
      await withFixture(c.setup, async (db) => {
        const { step } = c;
        // watch: transactional steps are sampled from outside too, so a lock released before
        // commit would show up in releasedEarly
        const options = { watch: true, ...c.options };
        if (expected!.error) {
          await expect(observeStep(db, step, options)).rejects.toThrow(expected!.error);
          return;
        }
        const observation = await observeStep(db, step, options);
        expect(shapeOf(observation, expected!), observation.messages.join('\n')).toEqual(shapeOfExpected(expected!));
        if (c.check) await withClient(db.url, (client) => c.check!(client, major));
      });
    });
  }

  test.skipIf(major < 18)('PG18 names a column NOT NULL constraint <table>_<column>_not_null (truncated like other names)', async () => {
    await withFixture(undefined, (db) =>
      withClient(db.url, async (client) => {
        await client.query('CREATE TABLE nn (id int PRIMARY KEY, b int NOT NULL, c int CONSTRAINT own_name NOT NULL)');
        await client.query(`CREATE TABLE ${'x'.repeat(40)} (${'y'.repeat(40)} int NOT NULL)`);
        const { rows } = await client.query<{ conname: string }>(
          `SELECT conname FROM pg_constraint WHERE contype = 'n' AND conrelid IN ('nn'::regclass, '${'x'.repeat(40)}'::regclass) ORDER BY 1`,
        );
        expect(rows.map((r) => r.conname)).toEqual(['nn_b_not_null', 'nn_id_not_null', 'own_name', `${'x'.repeat(27)}_${'y'.repeat(26)}_not_null`]);
      }),
    );
  });

  test('watch: a lock released before commit (rolled-back subtransaction) is reported in releasedEarly', async () => {
    await withFixture(undefined, async (db) => {
      const sql = [
        `DO $$BEGIN
           BEGIN LOCK TABLE ref IN ACCESS EXCLUSIVE MODE; RAISE EXCEPTION 'undo'; EXCEPTION WHEN raise_exception THEN NULL; END;
         END$$`,
        'ALTER TABLE t ADD COLUMN c int',
      ];
      const unwatched = await observeStep(db, { sql, transactional: true }, { rollback: true });
      expect(unwatched.locks).toEqual([{ table: `${SCHEMA}.t`, mode: AE }]);
      const watched = await observeStep(db, { sql, transactional: true }, { rollback: true, watch: true });
      expect(watched.releasedEarly).toEqual([{ table: `${SCHEMA}.ref`, mode: AE }]);
      expect(watched.locks).toEqual([
        { table: `${SCHEMA}.ref`, mode: AE },
        { table: `${SCHEMA}.t`, mode: AE },
      ]);
    });
  });

  test('expectClaimsHold: passes on true claims, lists every false one', async () => {
    await withFixture('ALTER TABLE t ADD CONSTRAINT t_ref_fk FOREIGN KEY (ref_id) REFERENCES ref NOT VALID', async (db) => {
      const sql = ['ALTER TABLE t VALIDATE CONSTRAINT t_ref_fk'];
      const observation = await observeStep(db, { sql, transactional: true }, { rollback: true });
      const truth = fakeStep({ sql, locks: [{ table: `${SCHEMA}.t`, mode: SUE }, { table: `${SCHEMA}.ref`, mode: RS }], scan: true, work: 'scan' });
      expect(() => expectClaimsHold(observation, truth)).not.toThrow();

      const wrong = fakeStep({ sql, locks: [{ table: `${SCHEMA}.t`, mode: AE }], scan: false, work: 'catalog' });
      expect(claimDiscrepancies(observation, wrong)).toEqual([
        'lock on lockref.ref: claimed none, observed ROW SHARE',
        'lock on lockref.t: claimed ACCESS EXCLUSIVE, observed SHARE UPDATE EXCLUSIVE',
        'scan: claimed false, observed full reads of lockref.ref, lockref.t',
        'work: claimed catalog, observed scan',
      ]);
      expect(() => expectClaimsHold(observation, wrong)).toThrow(/step 01-test \(validate-constraint\) claims do not hold:\n {2}- lock on lockref\.ref/);
    });
  });

  test('expectClaimsHold: tables the step creates (and their indexes) are not compared', async () => {
    await withFixture(undefined, async (db) => {
      const sql = ['CREATE TABLE fresh (id int PRIMARY KEY, ref_id int REFERENCES ref)'];
      const observation = await observeStep(db, { sql, transactional: true }, { rollback: true });
      expect(observation.created).toEqual([`${SCHEMA}.fresh`]);
      expect(observation.indexesBuilt).toEqual([`${SCHEMA}.fresh_pkey`]);
      const claims = { sql, kind: 'create-table' as const, locks: [{ table: `${SCHEMA}.ref`, mode: SRE }] };
      expect(claimDiscrepancies(observation, fakeStep(claims))).toEqual([]);
      expect(claimDiscrepancies(observation, fakeStep({ ...claims, locks: [...claims.locks, { table: `${SCHEMA}.fresh`, mode: AE }] }))).toEqual([]);
    });
  });

  test('expectClaimsHold: sampled locks are a lower bound', async () => {
    await withFixture(undefined, async (db) => {
      const sql = ['CREATE INDEX CONCURRENTLY t_a_idx ON t (a)'];
      const observation = await observeStep(db, { sql, transactional: false });
      expect(observation.lockEvidence).toBe('sampled');
      const claims = { sql, transactional: false, indexBuild: true, work: 'index-build' as const };
      expect(claimDiscrepancies(observation, fakeStep({ ...claims, locks: [{ table: `${SCHEMA}.t`, mode: SUE }] }))).toEqual([]);
      // claiming more than was seen is not flagged (a momentary lock may have been missed) ...
      expect(claimDiscrepancies(observation, fakeStep({ ...claims, locks: [{ table: `${SCHEMA}.t`, mode: AE }, { table: `${SCHEMA}.ref`, mode: AS }] }))).toEqual([]);
      // ... claiming less is
      expect(claimDiscrepancies(observation, fakeStep({ ...claims, locks: [{ table: `${SCHEMA}.t`, mode: S }] }))).toEqual([
        'lock on lockref.t: claimed SHARE, observed at least SHARE UPDATE EXCLUSIVE (sampled)',
      ]);
      expect(claimDiscrepancies(observation, fakeStep({ ...claims, transactional: true, indexBuild: false, locks: [{ table: `${SCHEMA}.t`, mode: SUE }] }))).toEqual([
        'transactional: claimed true, observed false',
        'indexBuild: claimed false, observed true (lockref.t_a_idx)',
      ]);
    });
  });
});

/** A Step with the given claims; the fields the harness does not check are placeholders. */
function fakeStep(claims: Partial<Step> & Pick<Step, 'sql' | 'locks'>): Step {
  return {
    id: '01-test',
    phase: 'expand',
    kind: 'validate-constraint',
    summary: 'test',
    table: `${SCHEMA}.t`,
    transactional: true,
    work: 'catalog',
    rewrite: false,
    scan: false,
    indexBuild: false,
    versionGate: null,
    estimate: { minSeconds: 0, maxSeconds: 0, basis: 'test' },
    risk: 0,
    hazards: [],
    requiresUnsafe: false,
    window: 'now',
    lockTimeoutMs: null,
    statementTimeoutMs: 0,
    retry: null,
    rollback: { kind: 'none', reason: 'test' },
    dependsOn: [],
    ...claims,
  };
}
