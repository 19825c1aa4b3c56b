// Hand-built plans for the renderers' tests. Their shapes are realistic, but the recipes are the
// source of truth for SQL and locks: these only exercise every branch of the renderers.
import type { Estimate, Phase, Plan, RetryPolicy, ScheduleEntry, Step } from '../types.js';

const retry: RetryPolicy = { attempts: 5, initialDelayMs: 250, maxDelayMs: 5000, jitter: true };
const catalogOnly: Estimate = { minSeconds: 0, maxSeconds: 0.1, basis: 'catalog only: size-independent' };

/** A schedule entry; its estimate is its steps' sum, or catalog-only time. */
function entry(order: number, window: ScheduleEntry['window'], phase: Phase, steps: string[], seconds?: readonly [number, number]): ScheduleEntry {
  const estimate = seconds === undefined ? catalogOnly : { minSeconds: seconds[0], maxSeconds: seconds[1], basis: 'sum of its steps' };
  return { order, window, phase, steps, estimate };
}

/** A step with the defaults of a quick, transactional, catalog-only change; `fields` sets the rest. */
function sampleStep(fields: Pick<Step, 'id' | 'phase' | 'kind' | 'summary' | 'table' | 'sql' | 'locks' | 'rollback'> & Partial<Step>): Step {
  return {
    transactional: true,
    work: 'catalog',
    rewrite: false,
    scan: false,
    indexBuild: false,
    versionGate: null,
    estimate: catalogOnly,
    risk: 2,
    hazards: [],
    requiresUnsafe: false,
    window: 'now',
    lockTimeoutMs: 3000,
    statementTimeoutMs: 10_000,
    retry,
    dependsOn: [],
    ...fields,
  };
}

/** Two schemas with nothing to do. */
export const emptyPlan: Plan = {
  formatVersion: 1,
  pgVersion: 110022,
  pgMajor: 11,
  fromHash: '5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592',
  toHash: '5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592',
  unsafe: false,
  riskScore: 0,
  riskLevel: 'LOW',
  steps: [],
  refused: [],
  conflicts: [],
  schedule: [],
  totals: { now: { minSeconds: 0, maxSeconds: 0, basis: 'no steps' }, lowTraffic: { minSeconds: 0, maxSeconds: 0, basis: 'no steps' } },
  warnings: [],
};

const backfillBatch = (after: string | null, limit: string) =>
  `WITH batch AS (SELECT id FROM public.users${after === null ? '' : ` WHERE id > ${after}`} ORDER BY id LIMIT ${limit}),\n` +
  '  updated AS (UPDATE public.users SET email_lower = (lower(email)) WHERE id >= (SELECT id FROM batch ORDER BY id LIMIT 1)' +
  ' AND id <= (SELECT id FROM batch ORDER BY id DESC LIMIT 1) AND email_lower IS NULL)\n';

/** An enum value, a column with its index and backfill, and a foreign key added NOT VALID then validated; one drop refused. */
export const typicalPlan: Plan = {
  formatVersion: 1,
  pgVersion: 160004,
  pgMajor: 16,
  fromHash: '9a0364b9e99bb480dd25e1f0284c8555f9a0364b9e99bb480dd25e1f0284c855',
  toHash: 'c3499c2729730a7f807efb8676a92dcb6f8a3f8fc3499c2729730a7f807efb86',
  unsafe: false,
  riskScore: 42,
  riskLevel: 'MEDIUM',
  steps: [
    sampleStep({
      id: '01-add-enum-value-public.order_status.refunded',
      phase: 'expand',
      kind: 'add-enum-value',
      summary: "Add value 'refunded' to enum public.order_status",
      table: null,
      sql: ["ALTER TYPE public.order_status ADD VALUE IF NOT EXISTS 'refunded'"],
      locks: [],
      lockTimeoutMs: null,
      retry: null,
      rollback: { kind: 'irreversible', reason: 'PostgreSQL cannot drop a value from an enum' },
    }),
    sampleStep({
      id: '02-add-column-public.users.email_lower',
      phase: 'expand',
      kind: 'add-column',
      summary: 'Add column public.users.email_lower (text, nullable)',
      table: 'public.users',
      sql: ['ALTER TABLE public.users ADD COLUMN IF NOT EXISTS email_lower text'],
      locks: [{ table: 'public.users', mode: 'ACCESS EXCLUSIVE' }],
      risk: 8,
      hazards: [{ hazard: 'blocks-reads', message: 'ACCESS EXCLUSIVE on public.users blocks reads and writes while it waits and while it holds' }],
      rollback: { kind: 'sql', sql: ['ALTER TABLE public.users DROP COLUMN IF EXISTS email_lower'], transactional: true },
    }),
    sampleStep({
      id: '03-create-index-concurrently-public.users_email_lower_idx',
      phase: 'expand',
      kind: 'create-index-concurrently',
      summary: 'Build index public.users_email_lower_idx on public.users (email_lower) without blocking writes',
      table: 'public.users',
      sql: ['CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_idx ON public.users (email_lower)'],
      transactional: false,
      locks: [{ table: 'public.users', mode: 'SHARE UPDATE EXCLUSIVE' }],
      work: 'index-build',
      scan: true,
      indexBuild: true,
      estimate: { minSeconds: 2, maxSeconds: 20, basis: '472 MB x 4-40 s/GB (index build)' },
      risk: 12,
      hazards: [{ hazard: 'can-fail', message: 'a failed concurrent build leaves an INVALID index behind; the executor drops it before retrying' }],
      statementTimeoutMs: 60_000,
      rollback: { kind: 'sql', sql: ['DROP INDEX CONCURRENTLY IF EXISTS public.users_email_lower_idx'], transactional: false },
      dependsOn: ['02-add-column-public.users.email_lower'],
    }),
    sampleStep({
      id: '04-add-foreign-key-public.orders.orders_user_id_fkey',
      phase: 'expand',
      kind: 'add-foreign-key',
      summary: 'Add foreign key public.orders.orders_user_id_fkey (user_id) -> public.users (id), NOT VALID',
      table: 'public.orders',
      sql: ['ALTER TABLE public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (id) NOT VALID'],
      locks: [
        { table: 'public.orders', mode: 'SHARE ROW EXCLUSIVE' },
        { table: 'public.users', mode: 'SHARE ROW EXCLUSIVE' },
      ],
      risk: 6,
      hazards: [{ hazard: 'blocks-writes', message: 'SHARE ROW EXCLUSIVE blocks writes to public.orders and public.users while held' }],
      rollback: { kind: 'sql', sql: ['ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_user_id_fkey'], transactional: true },
      constraintType: 'foreign-key',
    }),
    sampleStep({
      id: '05-backfill-column-public.users.email_lower',
      phase: 'backfill',
      kind: 'backfill-column',
      summary: 'Backfill public.users.email_lower = lower(email) in batches of 5000 rows',
      table: 'public.users',
      sql: [
        'DO $body$\nDECLARE\n  last_0 bigint;\nBEGIN\n  LOOP\n' +
          `    ${backfillBatch('last_0', '5000').replace(/\n(?=.)/g, '\n    ')}` +
          '    SELECT id INTO last_0 FROM batch ORDER BY id DESC LIMIT 1;\n    EXIT WHEN NOT FOUND;\n    COMMIT;\n  END LOOP;\nEND\n$body$',
      ],
      transactional: false,
      locks: [{ table: 'public.users', mode: 'ROW EXCLUSIVE' }],
      work: 'backfill',
      estimate: { minSeconds: 30, maxSeconds: 360, basis: '1200000 rows in 240 batches x 0.125-1.5 s' },
      risk: 10,
      statementTimeoutMs: 0,
      rollback: { kind: 'none', reason: "the column is new: step 02's rollback drops it with its values" },
      dependsOn: ['02-add-column-public.users.email_lower'],
      backfill: {
        table: 'public.users',
        column: 'email_lower',
        expression: 'lower(email)',
        keyColumns: ['id'],
        firstBatchSql: `${backfillBatch(null, '$1')}SELECT id FROM batch ORDER BY id DESC LIMIT 1`,
        batchSql: `${backfillBatch('$1::bigint', '$2')}SELECT id FROM batch ORDER BY id DESC LIMIT 1`,
        batchSize: 5000,
      },
    }),
    sampleStep({
      id: '06-validate-constraint-public.orders.orders_user_id_fkey',
      phase: 'validate',
      kind: 'validate-constraint',
      summary: 'Validate foreign key public.orders.orders_user_id_fkey against existing rows',
      table: 'public.orders',
      sql: ['ALTER TABLE public.orders VALIDATE CONSTRAINT orders_user_id_fkey'],
      locks: [
        { table: 'public.orders', mode: 'SHARE UPDATE EXCLUSIVE' },
        { table: 'public.users', mode: 'ROW SHARE' },
      ],
      work: 'scan',
      scan: true,
      estimate: { minSeconds: 240, maxSeconds: 2400, basis: '8.1 GB x 30-300 s/GB (scan)' },
      risk: 20,
      hazards: [{ hazard: 'can-fail', message: 'fails if an order has a user_id with no matching user' }],
      window: 'low-traffic',
      statementTimeoutMs: 2_880_000,
      rollback: { kind: 'none', reason: "validating changes nothing; step 04's rollback drops the constraint" },
      dependsOn: ['04-add-foreign-key-public.orders.orders_user_id_fkey'],
      constraintType: 'foreign-key',
    }),
  ],
  refused: [
    {
      code: 'WESLEY_PLAN_DESTRUCTIVE',
      object: 'public.users.legacy_name',
      reason: 'dropping the column loses its values, and clients that still read it break',
      hint: 'Run with --unsafe once no client reads public.users.legacy_name',
      unsafeAllows: true,
    },
  ],
  conflicts: [
    {
      kind: 'same-table',
      table: 'public.users',
      steps: ['02-add-column-public.users.email_lower', '03-create-index-concurrently-public.users_email_lower_idx', '04-add-foreign-key-public.orders.orders_user_id_fkey'],
      message: 'three steps lock public.users; they run one after another',
    },
  ],
  schedule: [
    entry(1, 'now', 'expand', ['01-add-enum-value-public.order_status.refunded']),
    entry(1, 'now', 'expand', ['02-add-column-public.users.email_lower', '03-create-index-concurrently-public.users_email_lower_idx'], [2, 20.1]),
    entry(2, 'now', 'expand', ['04-add-foreign-key-public.orders.orders_user_id_fkey']),
    entry(3, 'now', 'backfill', ['05-backfill-column-public.users.email_lower'], [30, 360]),
    entry(4, 'low-traffic', 'validate', ['06-validate-constraint-public.orders.orders_user_id_fkey'], [240, 2400]),
  ],
  totals: {
    now: { minSeconds: 32, maxSeconds: 380.2, basis: 'entries run now; parallel entries count their longest' },
    lowTraffic: { minSeconds: 240, maxSeconds: 2400, basis: 'entries run in the low-traffic window' },
  },
  warnings: [],
};

const eventsIndexBuild = (order: number, partition: string, estimate: Estimate, window: Step['window'], statementTimeoutMs: number): Step =>
  sampleStep({
    id: `0${order}-create-index-concurrently-public.events_${partition}_created_at_idx`,
    phase: 'expand',
    kind: 'create-index-concurrently',
    summary: `Build index public.events_${partition}_created_at_idx on partition public.events_${partition} (created_at)`,
    table: `public.events_${partition}`,
    sql: [`CREATE INDEX CONCURRENTLY IF NOT EXISTS events_${partition}_created_at_idx ON public.events_${partition} (created_at)`],
    transactional: false,
    locks: [{ table: `public.events_${partition}`, mode: 'SHARE UPDATE EXCLUSIVE' }],
    work: 'index-build',
    scan: true,
    indexBuild: true,
    estimate,
    risk: window === 'now' ? 6 : 18,
    hazards: [{ hazard: 'can-fail', message: 'a failed concurrent build leaves an INVALID index behind; the executor drops it before retrying' }],
    window,
    statementTimeoutMs,
    rollback: { kind: 'sql', sql: [`DROP INDEX CONCURRENTLY IF EXISTS public.events_${partition}_created_at_idx`], transactional: false },
  });

const attachEventsIndex = (order: number, partition: string): Step =>
  sampleStep({
    id: `0${order}-attach-index-public.events_${partition}_created_at_idx`,
    phase: 'expand',
    kind: 'attach-index',
    summary: `Attach index public.events_${partition}_created_at_idx to public.events_created_at_idx`,
    table: 'public.events',
    sql: [`ALTER INDEX public.events_created_at_idx ATTACH PARTITION public.events_${partition}_created_at_idx`],
    locks: [
      { table: 'public.events', mode: 'SHARE UPDATE EXCLUSIVE' },
      { table: `public.events_${partition}`, mode: 'SHARE UPDATE EXCLUSIVE' },
    ],
    rollback: { kind: 'none', reason: "step 01's rollback drops the parent index, and the attached indexes with it" },
    dependsOn: ['01-create-parent-index-public.events_created_at_idx', `0${order - 2}-create-index-concurrently-public.events_${partition}_created_at_idx`],
  });

/** An index on a partitioned table (parent ON ONLY, each partition concurrently, then attached), and an unsafe drop. */
export const partitionedIndexPlan: Plan = {
  formatVersion: 1,
  pgVersion: 130012,
  pgMajor: 13,
  fromHash: null,
  toHash: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
  unsafe: true,
  riskScore: 71,
  riskLevel: 'HIGH',
  steps: [
    sampleStep({
      id: '01-create-parent-index-public.events_created_at_idx',
      phase: 'expand',
      kind: 'create-parent-index',
      summary: 'Create index public.events_created_at_idx on the partitioned table only (invalid until every partition is attached)',
      table: 'public.events',
      sql: ['CREATE INDEX IF NOT EXISTS events_created_at_idx ON ONLY public.events (created_at)'],
      locks: [{ table: 'public.events', mode: 'SHARE' }],
      versionGate: { min: 110000, below: null, reason: 'CREATE INDEX ... ON ONLY needs PostgreSQL 11' },
      risk: 4,
      hazards: [{ hazard: 'blocks-writes', message: 'SHARE on public.events blocks writes while held' }],
      rollback: { kind: 'sql', sql: ['DROP INDEX IF EXISTS public.events_created_at_idx'], transactional: true },
    }),
    eventsIndexBuild(2, '2024', { minSeconds: 240, maxSeconds: 2400, basis: '6.3 GB x 38-380 s/GB (index build)' }, 'low-traffic', 2_880_000),
    eventsIndexBuild(3, '2025', { minSeconds: 2, maxSeconds: 20, basis: 'unknown size: assumed 1 GB x 2-20 s/GB (index build)' }, 'now', 60_000),
    attachEventsIndex(4, '2024'),
    attachEventsIndex(5, '2025'),
    sampleStep({
      id: '06-drop-column-public.events.legacy_payload',
      phase: 'contract',
      kind: 'drop-column',
      summary: 'Drop column public.events.legacy_payload (jsonb)',
      table: 'public.events',
      sql: ['ALTER TABLE public.events DROP COLUMN IF EXISTS legacy_payload'],
      locks: [
        { table: 'public.events', mode: 'ACCESS EXCLUSIVE' },
        { table: 'public.events_2024', mode: 'ACCESS EXCLUSIVE' },
        { table: 'public.events_2025', mode: 'ACCESS EXCLUSIVE' },
      ],
      risk: 30,
      hazards: [
        { hazard: 'data-loss', message: "the column's values are gone" },
        { hazard: 'breaks-clients', message: 'clients that still select legacy_payload fail' },
        { hazard: 'blocks-reads', message: 'ACCESS EXCLUSIVE on public.events and its partitions blocks reads and writes while held' },
      ],
      requiresUnsafe: true,
      window: 'low-traffic',
      rollback: { kind: 'irreversible', reason: 'the dropped values cannot be restored; adding the column back leaves it empty' },
    }),
  ],
  refused: [
    {
      code: 'WESLEY_PLAN_UNSUPPORTED_CHANGE',
      object: 'public.events',
      reason: 'changing the partition key of a partitioned table needs a new table',
      hint: 'Create a new partitioned table and copy the rows (INSERT INTO ... SELECT, or pg_dump | psql); Wesley does not plan this',
      unsafeAllows: false,
    },
  ],
  conflicts: [
    {
      kind: 'long-lock',
      table: 'public.events_2024',
      steps: ['02-create-index-concurrently-public.events_2024_created_at_idx'],
      message: 'the index build holds SHARE UPDATE EXCLUSIVE on public.events_2024 for up to 40 min: autovacuum and DDL on it wait',
    },
  ],
  schedule: [
    entry(1, 'now', 'expand', ['01-create-parent-index-public.events_created_at_idx']),
    entry(2, 'now', 'expand', ['03-create-index-concurrently-public.events_2025_created_at_idx', '05-attach-index-public.events_2025_created_at_idx'], [2, 20.1]),
    entry(3, 'low-traffic', 'expand', ['02-create-index-concurrently-public.events_2024_created_at_idx', '04-attach-index-public.events_2024_created_at_idx'], [240, 2400.1]),
    entry(4, 'low-traffic', 'contract', ['06-drop-column-public.events.legacy_payload']),
  ],
  totals: {
    now: { minSeconds: 2, maxSeconds: 20.2, basis: 'entries run now' },
    lowTraffic: { minSeconds: 240, maxSeconds: 2400.2, basis: 'entries run in the low-traffic window' },
  },
  warnings: [{ code: 'WESLEY_PLAN_UNKNOWN_SIZE', message: 'No size facts for public.events_2025: its estimates assume 1 GB' }],
};

/** Every sample, by name. */
export const SAMPLE_PLANS = { empty: emptyPlan, typical: typicalPlan, partitionedIndex: partitionedIndexPlan } as const;
