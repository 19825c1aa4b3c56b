// The runtime form of the plan contract in ../types.ts. The type checks at the bottom fail the
// build when the two drift apart; the key order of each object follows types.ts, and planToJson
// writes keys in this order.
import { z } from 'zod';
import { HAZARDS, LOCK_MODES, PHASES, PLAN_FORMAT_VERSION, RISK_LEVELS, STEP_KINDS } from '../types.js';
import type { BackfillSpec, Conflict, Estimate, HazardNote, LockClaim, Plan, PlanWarning, Refusal, RetryPolicy, ScheduleEntry, Step, VersionGate } from '../types.js';

/** The `$id` of the published JSON Schema (`@wesley/planner/plan.schema.json`). */
export const PLAN_SCHEMA_ID = 'https://wesley.dev/schemas/plan-v1.json';

// A registry of our own rather than zod's global one: named schemas become `$defs` entries, and
// two copies of this module (duplicate installs) cannot collide over an id.
const planRegistry = z.registry<{ id: string; description: string }>();

function named<T extends z.ZodType>(schema: T, id: string, description: string): T {
  planRegistry.add(schema, { id, description });
  return schema;
}

const seconds = z.number().min(0);
const milliseconds = z.int().min(0);
const serverVersionNum = z.int().positive();
const window = z.enum(['now', 'low-traffic']);

const lockClaimSchema = named(
  z.strictObject({ table: z.string().min(1), mode: z.enum(LOCK_MODES) }),
  'LockClaim',
  'A lock a step takes: the strongest mode on each relation it touches.',
);

const estimateSchema = named(
  z
    .strictObject({ minSeconds: seconds, maxSeconds: seconds, basis: z.string() })
    .refine((e) => e.minSeconds <= e.maxSeconds, { message: 'minSeconds must not exceed maxSeconds', path: ['minSeconds'] }),
  'Estimate',
  'A duration range in seconds (minSeconds <= maxSeconds) and how it was computed.',
);

const versionGateSchema = named(
  z.strictObject({ min: serverVersionNum.nullable(), below: serverVersionNum.nullable(), reason: z.string() }),
  'VersionGate',
  'The server_version_num range this form of the step is for: min inclusive, below exclusive.',
);

const rollbackSchema = named(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('sql'), sql: z.array(z.string()).readonly(), transactional: z.boolean() }),
    z.strictObject({ kind: z.literal('none'), reason: z.string() }),
    z.strictObject({ kind: z.literal('irreversible'), reason: z.string() }),
  ]),
  'Rollback',
  'How to undo the step: statements, nothing to undo, or impossible.',
);

const hazardNoteSchema = named(
  z.strictObject({ hazard: z.enum(HAZARDS), message: z.string() }),
  'HazardNote',
  'Something that can make the step fail, lose data or break running clients.',
);

const retryPolicySchema = named(
  z.strictObject({ attempts: z.int().min(1), initialDelayMs: milliseconds, maxDelayMs: milliseconds, jitter: z.literal(true) }),
  'RetryPolicy',
  'Retries of a step whose lock_timeout expires; attempts counts the first try.',
);

const backfillSpecSchema = named(
  z.strictObject({
    table: z.string().min(1),
    column: z.string().min(1),
    expression: z.string().min(1),
    keyColumns: z.array(z.string()).readonly(),
    firstBatchSql: z.string().min(1),
    batchSql: z.string().min(1),
    batchSize: z.int().min(1),
  }),
  'BackfillSpec',
  'What the executor runs in keyset batches for a backfill-column step.',
);

const stepSchema = named(
  z.strictObject({
    id: z.string().min(1),
    phase: z.enum(PHASES),
    kind: z.enum(STEP_KINDS),
    summary: z.string(),
    table: z.string().min(1).nullable(),
    sql: z.array(z.string()).readonly(),
    transactional: z.boolean(),
    locks: z.array(lockClaimSchema).readonly(),
    work: z.enum(['catalog', 'scan', 'rewrite', 'index-build', 'backfill']),
    rewrite: z.boolean(),
    scan: z.boolean(),
    indexBuild: z.boolean(),
    versionGate: versionGateSchema.nullable(),
    estimate: estimateSchema,
    risk: z.number().min(0).max(100),
    hazards: z.array(hazardNoteSchema).readonly(),
    requiresUnsafe: z.boolean(),
    window,
    lockTimeoutMs: milliseconds.nullable(),
    statementTimeoutMs: milliseconds,
    retry: retryPolicySchema.nullable(),
    rollback: rollbackSchema,
    dependsOn: z.array(z.string()).readonly(),
    backfill: backfillSpecSchema.optional(),
    constraintType: z.enum(['check', 'foreign-key', 'not-null', 'unique', 'primary-key']).optional(),
  }),
  'Step',
  'One migration step: its SQL, locks, estimate, risk and rollback.',
);

const refusalSchema = named(
  z.strictObject({ code: z.string().min(1), object: z.string(), reason: z.string(), hint: z.string(), unsafeAllows: z.boolean() }),
  'Refusal',
  'A change the plan did not include, and why.',
);

const conflictSchema = named(
  z.strictObject({ kind: z.enum(['same-table', 'long-lock']), table: z.string().min(1), steps: z.array(z.string()).readonly(), message: z.string() }),
  'Conflict',
  'Steps that contend for one table, or a step that holds a lock for long.',
);

const scheduleEntrySchema = named(
  z.strictObject({ order: z.int().min(1), window, phase: z.enum(PHASES), steps: z.array(z.string()).readonly(), estimate: estimateSchema }),
  'ScheduleEntry',
  'Steps run together; entries with the same order may run in parallel.',
);

const planWarningSchema = named(z.strictObject({ code: z.string().min(1), message: z.string() }), 'PlanWarning', 'A non-fatal finding about the plan.');

/** The zod schema of a plan's JSON form: exactly the `Plan` type, unknown keys rejected. */
export const planSchema = z.strictObject({
  formatVersion: z.literal(PLAN_FORMAT_VERSION),
  pgVersion: serverVersionNum,
  pgMajor: z.int().positive(),
  fromHash: z.string().nullable(),
  toHash: z.string(),
  unsafe: z.boolean(),
  riskScore: z.int().min(0).max(100),
  riskLevel: z.enum(RISK_LEVELS),
  steps: z.array(stepSchema).readonly(),
  refused: z.array(refusalSchema).readonly(),
  conflicts: z.array(conflictSchema).readonly(),
  schedule: z.array(scheduleEntrySchema).readonly(),
  totals: z.strictObject({ now: estimateSchema, lowTraffic: estimateSchema }),
  warnings: z.array(planWarningSchema).readonly(),
});

/** The JSON Schema (draft 2020-12) of a plan, as published in `plan.schema.json`. */
export function planJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(planSchema, {
    metadata: planRegistry,
    // `.readonly()` is there for the inferred type; in JSON Schema `readOnly` means "not sent by clients".
    override: ({ jsonSchema }) => {
      delete jsonSchema.readOnly;
    },
  });
  return {
    $schema,
    $id: PLAN_SCHEMA_ID,
    title: 'Wesley migration plan',
    description: `A migration plan from @wesley/planner, format version ${PLAN_FORMAT_VERSION} (docs/plan-format.md).`,
    ...rest,
  };
}

// Drift guards: compile errors when types.ts and the schema above disagree. Mutual assignability
// catches a differing type; equal key sets catch a field (optional ones included) on one side only.
type Assignable<A, B> = [A] extends [B] ? true : false;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Holds<T extends true> = T;
type Infer<S extends z.ZodType> = z.infer<S>;
export type PlanSchemaDriftChecks = [
  Holds<Assignable<Plan, Infer<typeof planSchema>>>,
  Holds<Assignable<Infer<typeof planSchema>, Plan>>,
  Holds<SameKeys<Plan, Infer<typeof planSchema>>>,
  Holds<SameKeys<Plan['totals'], Infer<typeof planSchema>['totals']>>,
  Holds<SameKeys<Step, Infer<typeof stepSchema>>>,
  Holds<SameKeys<LockClaim, Infer<typeof lockClaimSchema>>>,
  Holds<SameKeys<Estimate, Infer<typeof estimateSchema>>>,
  Holds<SameKeys<VersionGate, Infer<typeof versionGateSchema>>>,
  Holds<SameKeys<HazardNote, Infer<typeof hazardNoteSchema>>>,
  Holds<SameKeys<RetryPolicy, Infer<typeof retryPolicySchema>>>,
  Holds<SameKeys<BackfillSpec, Infer<typeof backfillSpecSchema>>>,
  Holds<SameKeys<Refusal, Infer<typeof refusalSchema>>>,
  Holds<SameKeys<Conflict, Infer<typeof conflictSchema>>>,
  Holds<SameKeys<ScheduleEntry, Infer<typeof scheduleEntrySchema>>>,
  Holds<SameKeys<PlanWarning, Infer<typeof planWarningSchema>>>,
];
