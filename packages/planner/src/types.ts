// The plan: plain, readonly, JSON-serialisable data. Its JSON form is a versioned contract
// (docs/plan-format.md, packages/planner/plan.schema.json); bump PLAN_FORMAT_VERSION on any
// incompatible change.

/** Bumped whenever the JSON shape of a plan changes incompatibly. */
export const PLAN_FORMAT_VERSION = 1 as const;

/** The oldest PostgreSQL the planner plans for (server_version_num). */
export const MINIMUM_SERVER_VERSION = 110000;

/** Phases, in the order they run. */
export const PHASES = ['expand', 'backfill', 'validate', 'contract'] as const;
export type Phase = (typeof PHASES)[number];

/** PostgreSQL's table-level lock modes, weakest first, spelt as in the PostgreSQL docs. */
export const LOCK_MODES = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
] as const;
export type LockMode = (typeof LOCK_MODES)[number];

/**
 * The closed list of step kinds. Each has a documented recipe (docs/planner.md) and a lock-truth
 * test; adding one means adding both.
 */
export const STEP_KINDS = [
  'create-extension',
  'create-schema',
  'create-enum',
  'add-enum-value',
  'drop-enum',
  'create-function',
  'create-role',
  'create-table',
  'drop-table',
  'rename-table',
  'add-column',
  'drop-column',
  'rename-column',
  'set-column-default',
  'drop-column-default',
  'alter-column-type',
  'swap-column',
  'drop-not-null',
  'add-not-null-check',
  'validate-constraint',
  'set-not-null',
  'drop-constraint',
  'rename-constraint',
  'backfill-column',
  'create-index-concurrently',
  'create-parent-index',
  'attach-index',
  'drop-index',
  'drop-index-concurrently',
  'rename-index',
  'add-constraint-using-index',
  'add-primary-key-using-index',
  'add-check',
  'add-foreign-key',
  'create-partition',
  'detach-partition',
  'create-trigger',
  'replace-trigger',
  'drop-trigger',
  'enable-rls',
  'disable-rls',
  'force-rls',
  'no-force-rls',
  'create-policy',
  'replace-policy',
  'drop-policy',
  'comment',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** A lock a step takes: the strongest mode on each relation it touches. */
export interface LockClaim {
  /** The table, schema-qualified and unquoted (`public.users`); partitions are tables too. */
  readonly table: string;
  readonly mode: LockMode;
}

/** What the step makes PostgreSQL do to the table's data. */
export type TableWork = 'catalog' | 'scan' | 'rewrite' | 'index-build' | 'backfill';

export interface Estimate {
  readonly minSeconds: number;
  readonly maxSeconds: number;
  /** How it was computed (`472 MB x 0.65-13 s/GB (scan)`), or why it is size-independent. */
  readonly basis: string;
}

export interface VersionGate {
  /** server_version_num this form needs (inclusive), or null. */
  readonly min: number | null;
  /** server_version_num above which another form is used (exclusive), or null. */
  readonly below: number | null;
  readonly reason: string;
}

export type Rollback =
  | { readonly kind: 'sql'; readonly sql: readonly string[]; readonly transactional: boolean }
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'irreversible'; readonly reason: string };

/** A hard flag: something that can make the step fail, lose data or break running clients. */
export const HAZARDS = ['can-fail', 'data-loss', 'breaks-clients', 'security', 'blocks-reads', 'blocks-writes', 'long-lock'] as const;
export type Hazard = (typeof HAZARDS)[number];

export interface HazardNote {
  readonly hazard: Hazard;
  readonly message: string;
}

export interface RetryPolicy {
  /** Attempts in total (first try included). */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly jitter: true;
}

/** For `backfill-column` steps: what the executor runs in keyset batches. */
export interface BackfillSpec {
  readonly table: string;
  readonly column: string;
  /** The SQL expression each row gets. */
  readonly expression: string;
  /** Columns of the keyset (the primary key), or empty when the table has none (ctid batches). */
  readonly keyColumns: readonly string[];
  /**
   * The first batch, its own transaction: `$1` is the batch size. With key columns it returns the
   * batch's last key as one row (the cursor for `batchSql`), or no row when the table is empty.
   * Without key columns it is `batchSql`.
   */
  readonly firstBatchSql: string;
  /**
   * Every later batch, each its own transaction. With key columns: `$1`..`$k` are the previous
   * batch's last key, `$k+1` the batch size; it returns the batch's last key, or no row when done.
   * Without: `$1` is the batch size; it returns one row `{ updated }`, 0 when done. A batch run
   * again changes nothing (it only fills NULLs). Each batch reads its key range from the primary
   * key index, never the whole table.
   */
  readonly batchSql: string;
  readonly batchSize: number;
}

export interface Step {
  /** Stable within a plan: `NN-kind` plus the object (`03-add-column-public.users.email`). */
  readonly id: string;
  readonly phase: Phase;
  readonly kind: StepKind;
  /** One line for humans. */
  readonly summary: string;
  /** The table the step is about (qualified, unquoted), or null (enums, schemas, ...). */
  readonly table: string | null;
  /** Statements without trailing semicolons, run in order. */
  readonly sql: readonly string[];
  /** Whether the statements run inside a transaction (the executor wraps them). */
  readonly transactional: boolean;
  readonly locks: readonly LockClaim[];
  readonly work: TableWork;
  readonly rewrite: boolean;
  readonly scan: boolean;
  readonly indexBuild: boolean;
  readonly versionGate: VersionGate | null;
  readonly estimate: Estimate;
  /** 0-100: this step's contribution (docs/risk-scoring.md). */
  readonly risk: number;
  readonly hazards: readonly HazardNote[];
  readonly requiresUnsafe: boolean;
  /** Run in the configured low-traffic window rather than now. */
  readonly window: 'now' | 'low-traffic';
  /** `SET lock_timeout` for the step, ms; null when it takes no table lock worth bounding. */
  readonly lockTimeoutMs: number | null;
  /** `SET statement_timeout`, ms, from the estimate (0 = none, for backfills run in batches). */
  readonly statementTimeoutMs: number;
  readonly retry: RetryPolicy | null;
  readonly rollback: Rollback;
  /** Ids of steps that must finish first. */
  readonly dependsOn: readonly string[];
  readonly backfill?: BackfillSpec;
  /** For constraint steps (add-check, validate-constraint, ...): what kind of constraint. */
  readonly constraintType?: 'check' | 'foreign-key' | 'not-null' | 'unique' | 'primary-key';
}

/** A change the plan did not include, and why. */
export interface Refusal {
  readonly code: string;
  /** The object (`public.users.email`). */
  readonly object: string;
  readonly reason: string;
  readonly hint: string;
  /** Whether `--unsafe` would include it. */
  readonly unsafeAllows: boolean;
}

export interface Conflict {
  readonly kind: 'same-table' | 'long-lock';
  readonly table: string;
  readonly steps: readonly string[];
  readonly message: string;
}

export interface ScheduleEntry {
  /** 1-based; entries with the same `order` may run in parallel. */
  readonly order: number;
  readonly window: 'now' | 'low-traffic';
  readonly phase: Phase;
  readonly steps: readonly string[];
  readonly estimate: Estimate;
}

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface PlanWarning {
  readonly code: string;
  readonly message: string;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  /** server_version_num the plan is for. */
  readonly pgVersion: number;
  readonly pgMajor: number;
  readonly fromHash: string | null;
  readonly toHash: string;
  readonly unsafe: boolean;
  readonly riskScore: number;
  readonly riskLevel: RiskLevel;
  readonly steps: readonly Step[];
  readonly refused: readonly Refusal[];
  readonly conflicts: readonly Conflict[];
  readonly schedule: readonly ScheduleEntry[];
  readonly totals: { readonly now: Estimate; readonly lowTraffic: Estimate };
  readonly warnings: readonly PlanWarning[];
}

/** Sizes of one table (or partition) as the server reports them. */
export interface TableFacts {
  readonly rows: number;
  /** Heap + TOAST bytes (pg_table_size). */
  readonly bytes: number;
  /** Index bytes (pg_indexes_size), when known. */
  readonly indexBytes?: number;
  /** For a partitioned table: its partitions by qualified name. */
  readonly partitions?: Readonly<Record<string, TableFacts>>;
}

/** An index left INVALID by a failed concurrent build. */
export interface InvalidIndexFact {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
}

/** What the planner knows about the server: plain data the executor or CLI fetched. */
export interface ServerFacts {
  readonly serverVersionNum: number;
  /** Keyed by qualified, unquoted table name (`public.users`). A missing table counts as unknown size. */
  readonly tables?: Readonly<Record<string, TableFacts>>;
  readonly invalidIndexes?: readonly InvalidIndexFact[];
}

export interface PlanOptions {
  /** Include destructive steps (drops, rewriting type changes). */
  readonly unsafe?: boolean;
  /** lock_timeout for locking steps, ms (default 3000). */
  readonly lockTimeoutMs?: number;
  /** Attempts for a locking step that times out (default 5). */
  readonly lockRetries?: number;
  /** Rows per backfill batch (default 5000). */
  readonly batchSize?: number;
  /**
   * Steps whose estimated maximum exceeds this many seconds, or that validate constraints, wait for the
   * low-traffic window (default 60).
   */
  readonly lowTrafficThresholdSeconds?: number;
}

/**
 * What a recipe produces. `finalizeSteps` adds what follows from the facts and options: the
 * estimate, risk, window, timeouts, retry policy, and the lock-derived hazards (blocks-reads,
 * blocks-writes, long-lock); recipes set the semantic hazards (can-fail, data-loss,
 * breaks-clients, security).
 */
export type DraftStep = Omit<Step, 'estimate' | 'risk' | 'window' | 'lockTimeoutMs' | 'statementTimeoutMs' | 'retry'>;

/** PlanOptions with every default filled in. */
export type ResolvedPlanOptions = Required<PlanOptions>;

export const DEFAULT_PLAN_OPTIONS: ResolvedPlanOptions = {
  unsafe: false,
  lockTimeoutMs: 3000,
  lockRetries: 5,
  batchSize: 5000,
  lowTrafficThresholdSeconds: 60,
};
