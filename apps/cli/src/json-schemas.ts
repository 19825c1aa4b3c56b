// The schemas of every --json document the CLI prints, success and failure, in one place: the
// tests parse each command's output with them, and docs/cli/json.md shows them as JSON Schema
// (scripts/json-docs.ts). Strict objects, so that a field nobody announced fails a test.
// A failure document is `{ formatVersion, command, ok: false, errors }`, plus the context the
// command had gathered when it failed (optional: a usage error from main.ts carries none).
import { DRIFT_OBJECT_TYPES } from '@wesley/drift';
import { planSchema } from '@wesley/planner';
import { z } from 'zod';
import { GENERIC_FORMAT_VERSION, JSON_FORMATS, type JsonCommand } from './json-output.js';

/** Names for the parts many documents share: `$defs` entries in the JSON Schemas of docs/cli/json.md. */
export const JSON_SCHEMA_PARTS = z.registry<{ id: string; description: string }>();
function named<T extends z.ZodType>(schema: T, id: string, description: string): T {
  JSON_SCHEMA_PARTS.add(schema, { id, description });
  return schema;
}

const version = <C extends JsonCommand>(command: C) => z.literal(JSON_FORMATS[command].formatVersion as (typeof JSON_FORMATS)[C]['formatVersion']);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.int().nonnegative();
const ms = z.number().nonnegative();

export const locationSchema = named(z.strictObject({ file: z.string(), line: z.int().positive(), column: z.int().positive() }), 'Location', 'A position in a source file, 1-based.');

/** An error as data (WesleyErrorData of @wesley/ir). */
export const errorSchema = named(
  z.strictObject({
    code: z.string().regex(/^WESLEY_[A-Z0-9_]+$/),
    message: z.string(),
    hint: z.string().optional(),
    expected: z.string().optional(),
    location: locationSchema.optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  'Error',
  'An error: a stable code (docs/errors.md), a message, and where there is one a hint, what was expected, a location and details.',
);
const errors = z.array(errorSchema).min(1);

/** A compiler finding that is not fatal (Diagnostic of @wesley/ir). */
export const diagnosticSchema = named(
  z.strictObject({ severity: z.enum(['warning', 'info']), code: z.string(), message: z.string(), hint: z.string().optional(), location: locationSchema.optional() }),
  'Diagnostic',
  'A finding of the compiler that is not an error.',
);

/** Where the database of a command came from, never its URL; `embedded` describes the server in .wesley/. */
export const databaseSchema = named(
  z.strictObject({
    source: z.union([z.enum(['--database-url', 'WESLEY_DATABASE_URL', 'config database.url', 'embedded']), z.string().regex(/^config database\.urlEnv \([^)]+\)$/)]),
    embedded: z.strictObject({ dataDir: z.string(), serverVersion: z.string(), created: z.boolean(), reused: z.boolean() }).nullable(),
  }),
  'Database',
  'Where the database came from (never its URL); for the embedded PostgreSQL, its data folder and version, whether it was created now, and whether another command had it running.',
);

/** A failure document: the minimal form main.ts prints, plus the command's optional context. */
function failure<C extends JsonCommand, S extends z.core.$ZodLooseShape>(command: C, context: S) {
  return z.strictObject({ formatVersion: version(command), command: z.literal(command), ok: z.literal(false), errors, ...partial(context) });
}
const partial = <S extends z.core.$ZodLooseShape>(shape: S) => Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, (v as z.ZodType).optional()])) as { [K in keyof S]: z.ZodOptional<S[K]> };

// wesley generate
const generateContext = { files: z.array(z.string()), diagnostics: z.array(diagnosticSchema) };
export const generateSuccess = z.strictObject({
  formatVersion: version('generate'),
  command: z.literal('generate'),
  ok: z.literal(true),
  files: generateContext.files,
  hash,
  minimumServerVersion: z.int().positive(),
  summary: z.strictObject({ tables: count, columns: count, enums: count, indexes: count, foreignKeys: count, policies: count, partitions: count }),
  outputs: z.strictObject({ sql: z.string(), ir: z.string(), ts: z.array(z.string()).optional(), zod: z.array(z.string()).optional(), kysely: z.array(z.string()).optional() }),
  diagnostics: generateContext.diagnostics,
});
export const generateFailure = failure('generate', generateContext);

// wesley init
export const initSuccess = z.strictObject({
  formatVersion: version('init'),
  command: z.literal('init'),
  ok: z.literal(true),
  files: z.array(z.strictObject({ path: z.string(), action: z.enum(['created', 'overwritten', 'updated']) })),
  nextSteps: z.array(z.string()),
});
export const initFailure = failure('init', {});

// wesley completion
export const completionSuccess = z.strictObject({ formatVersion: version('completion'), command: z.literal('completion'), ok: z.literal(true), shell: z.enum(['bash', 'zsh']), script: z.string() });
export const completionFailure = failure('completion', {});

// wesley migrate plan
const planContext = {
  files: z.strictObject({ from: z.array(z.string()), to: z.array(z.string()) }),
  notes: z.array(z.strictObject({ code: z.string().regex(/^WESLEY_CLI_[A-Z0-9_]+$/), message: z.string() })),
  diagnostics: z.array(diagnosticSchema),
};
export const migratePlanSuccess = z.strictObject({
  formatVersion: version('migrate plan'),
  command: z.literal('migrate plan'),
  ok: z.literal(true),
  complete: z.boolean(),
  factsSource: z.enum(['database', 'stats', 'pg-version', 'default']),
  plan: planSchema,
  ...planContext,
});
export const migratePlanFailure = failure('migrate plan', planContext);

// wesley migrate generate
const migrationSummary = z.strictObject({
  id: z.string().regex(/^\d{14}_[a-z0-9_]+$/),
  name: z.string(),
  path: z.string(),
  createdAt: z.iso.datetime(),
  fromHash: hash.nullable(),
  toHash: hash,
  pgVersion: z.int().positive(),
  unsafe: z.boolean(),
  steps: count,
  riskScore: z.number(),
  riskLevel: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
  irreversibleSteps: z.array(z.string()),
});
const generateMigrationContext = { check: z.boolean(), dir: z.string(), files: z.array(z.string()), diagnostics: z.array(diagnosticSchema) };
export const migrateGenerateSuccess = z.strictObject({
  formatVersion: version('migrate generate'),
  command: z.literal('migrate generate'),
  ok: z.literal(true),
  status: z.enum(['created', 'no-changes', 'up-to-date', 'missing']),
  toHash: hash,
  latest: migrationSummary.nullable(),
  migration: migrationSummary.nullable(),
  suggestedCommand: z.string().nullable(),
  ...generateMigrationContext,
});
export const migrateGenerateFailure = failure('migrate generate', generateMigrationContext);

// wesley migrate execute | resume: NDJSON, one line per event, then one `result` line
const lockHolder = named(
  z.strictObject({ pid: z.int(), applicationName: z.string(), user: z.string().nullable(), since: z.string().nullable(), state: z.string().nullable(), query: z.string().nullable() }),
  'LockHolder',
  'The session holding the migration lock (pg_stat_activity).',
);
const m = { migration: z.string() };
const step = { ...m, stepId: z.string() };
/** Every line of execute / resume --json before the result line. */
export const migrateRunEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('lock-wait'), holder: lockHolder.nullable(), waitedMs: ms }),
  z.strictObject({ type: z.literal('migration-start'), ...m, name: z.string(), steps: count, resumed: z.boolean() }),
  z.strictObject({ type: z.literal('waiting-for-session'), ...m, pid: z.int().nullable(), query: z.string().nullable(), waitedMs: ms }),
  z.strictObject({ type: z.literal('replanned'), ...m, reason: z.string() }),
  z.strictObject({ type: z.literal('migration-skip'), ...m, reason: z.string() }),
  z.strictObject({ type: z.literal('step-start'), ...step, kind: z.string(), summary: z.string(), index: z.int().positive(), total: z.int().positive(), resumedBatches: count }),
  z.strictObject({ type: z.literal('step-skip'), ...step, reason: z.string() }),
  z.strictObject({ type: z.literal('step-retry'), ...step, attempt: z.int(), attempts: z.int(), delayMs: z.number(), reason: z.string() }),
  z.strictObject({ type: z.literal('invalid-index-dropped'), ...step, index: z.string() }),
  z.strictObject({
    type: z.literal('batch'), ...step, batch: z.int().positive(), rowsDone: count, rowsTotal: z.int().nullable(),
    rowsPerSecond: z.number().nonnegative(), etaMs: ms.nullable(), cursor: z.array(z.string()).nullable(),
  }),
  z.strictObject({ type: z.literal('index-progress'), ...step, phase: z.string(), percent: z.number().min(0).max(100), waitingForPid: z.int().nullable() }),
  z.strictObject({ type: z.literal('step-done'), ...step, ms }),
  z.strictObject({ type: z.literal('migration-done'), ...m, ms }),
  z.strictObject({ type: z.literal('migration-failed'), ...step, error: errorSchema }),
]);

const outcome = z.strictObject({
  id: z.string(),
  status: z.enum(['applied', 'already-applied', 'failed']),
  completed: z.array(z.string()),
  skipped: z.array(z.string()),
  stoppedAt: z.strictObject({ stepId: z.string(), batches: z.int().optional(), cursor: z.array(z.string()).nullable().optional() }).nullable(),
  error: errorSchema.nullable(),
  ms,
});
/** What a run did, in the result line: on success, and (optional) on a failure after the run started. */
const runContext = { complete: z.boolean(), outcomes: z.array(outcome), serverVersionNum: z.int().min(110000), lockWaitedMs: ms, database: databaseSchema.nullable() };

function runResults<C extends 'migrate execute' | 'migrate resume'>(command: C) {
  const head = { type: z.literal('result'), formatVersion: version(command), command: z.literal(command) };
  const success = z.union([
    z.strictObject({ ...head, ok: z.literal(true), ...runContext, database: databaseSchema }),
    // --explain / --dry-run: what would run; nothing ran.
    z.strictObject({
      ...head, ok: z.literal(true), mode: z.enum(['explain', 'dry-run']),
      migrations: z.array(z.strictObject({ id: z.string(), name: z.string(), state: z.enum(['pending', 'interrupted']), stepsDone: count, text: z.string() })),
      database: databaseSchema,
    }),
  ]);
  const failure = z.strictObject({ ...head, ok: z.literal(false), errors, ...partial(runContext) });
  return { success, failure, result: z.union([success, failure]) };
}
export const migrateExecuteResult = runResults('migrate execute');
export const migrateResumeResult = runResults('migrate resume');

// wesley migrate status
const checkpoint = z.strictObject({
  formatVersion: z.literal(1), migration: z.string(), planHash: hash, status: z.enum(['running', 'failed']), updatedAt: z.string(),
  percent: z.number().min(0).max(100), completedSteps: z.array(z.string()),
  current: z.strictObject({ stepId: z.string(), batches: z.int(), cursor: z.array(z.string()).nullable() }).nullable(),
  milestones: z.array(z.strictObject({ name: z.enum(['p25', 'p50', 'p75']), percent: z.number(), at: z.string(), completedSteps: z.array(z.string()) })),
});
const migrationState = z.strictObject({
  id: z.string(), name: z.string(), state: z.enum(['applied', 'pending', 'interrupted', 'rolled back', 'missing from the folder']),
  appliedAt: z.string().nullable(), steps: z.int().nullable(), stepsDone: z.int().nullable(), error: z.string().nullable(), checkpoint: checkpoint.nullable(),
});
export const migrateStatusSuccess = z.strictObject({
  formatVersion: version('migrate status'), command: z.literal('migrate status'), ok: z.literal(true),
  migrations: z.array(migrationState), lockHolder: lockHolder.nullable(), database: databaseSchema,
});
export const migrateStatusFailure = failure('migrate status', { database: databaseSchema.nullable() });

// wesley migrate rollback
const rolledStep = z.strictObject({ stepId: z.string(), action: z.enum(['undone', 'nothing-to-undo']) });
const stepRollback = planSchema.shape.steps.unwrap().element.shape.rollback;
export const migrateRollbackSuccess = z.strictObject({
  formatVersion: version('migrate rollback'), command: z.literal('migrate rollback'), ok: z.literal(true),
  migration: z.string(), complete: z.boolean(), to: z.enum(['p25', 'p50', 'p75']).nullable(), steps: z.array(rolledStep),
  /** Irreversible steps left as they are (--unsafe). */
  kept: z.array(z.string()),
  // --explain / --dry-run: what would be undone, last first; nothing ran.
  mode: z.enum(['explain', 'dry-run']).optional(),
  planned: z.array(z.strictObject({ stepId: z.string(), summary: z.string(), rollback: stepRollback })).optional(),
  /** Tables and columns the undo drops, and whether they hold data (without --unsafe a rollback refuses those that do). */
  dataAtRisk: z.array(z.strictObject({ stepId: z.string(), object: z.string(), kind: z.enum(['table', 'column']), hasData: z.boolean().nullable() })).optional(),
  database: databaseSchema,
});
export const migrateRollbackFailure = failure('migrate rollback', { steps: z.array(rolledStep), database: databaseSchema.nullable() });

// wesley drift check
const difference = z.strictObject({
  kind: z.enum(['missing', 'extra', 'changed']),
  object: z.enum(DRIFT_OBJECT_TYPES),
  path: z.string(),
  field: z.string().optional(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  message: z.string(),
});
const driftContext = { files: z.array(z.string()), diagnostics: z.array(diagnosticSchema), database: databaseSchema.nullable() };
export const driftCheckSuccess = z.strictObject({
  formatVersion: version('drift check'), command: z.literal('drift check'), ok: z.literal(true),
  clean: z.boolean(),
  serverVersionNum: z.int().min(110000),
  schemas: z.array(z.string()),
  expectedHash: hash,
  actualHash: hash,
  queries: z.int().positive(),
  ignored: count,
  differences: z.array(difference),
  fix: z.strictObject({ complete: z.boolean(), command: z.string(), refused: planSchema.shape.refused, uncovered: z.array(z.string()), sql: z.string(), plan: planSchema }).nullable(),
  fixError: errorSchema.nullable(),
  ...driftContext,
  database: databaseSchema,
});
export const driftCheckFailure = failure('drift check', driftContext);

/** What `wesley --json` prints when no command is named (an unknown command, none at all). */
export const genericFailure = z.strictObject({ formatVersion: z.literal(GENERIC_FORMAT_VERSION), command: z.null(), ok: z.literal(false), errors });

/** Every command's schemas, keyed as JSON_FORMATS; `event` for the NDJSON commands' lines before the result. */
export const JSON_SCHEMAS = {
  generate: { success: generateSuccess, failure: generateFailure },
  init: { success: initSuccess, failure: initFailure },
  completion: { success: completionSuccess, failure: completionFailure },
  'migrate plan': { success: migratePlanSuccess, failure: migratePlanFailure },
  'migrate generate': { success: migrateGenerateSuccess, failure: migrateGenerateFailure },
  'migrate execute': { success: migrateExecuteResult.success, failure: migrateExecuteResult.failure, event: migrateRunEvent },
  'migrate resume': { success: migrateResumeResult.success, failure: migrateResumeResult.failure, event: migrateRunEvent },
  'migrate status': { success: migrateStatusSuccess, failure: migrateStatusFailure },
  'migrate rollback': { success: migrateRollbackSuccess, failure: migrateRollbackFailure },
  'drift check': { success: driftCheckSuccess, failure: driftCheckFailure },
  generic: { success: null, failure: genericFailure },
} as const satisfies Record<JsonCommand | 'generic', { success: z.ZodType | null; failure: z.ZodType; event?: z.ZodType }>;

/** Each command's document, success or failure (for the NDJSON commands: the result line). */
export const JSON_DOCUMENTS = {
  generate: z.union([generateSuccess, generateFailure]),
  init: z.union([initSuccess, initFailure]),
  completion: z.union([completionSuccess, completionFailure]),
  'migrate plan': z.union([migratePlanSuccess, migratePlanFailure]),
  'migrate generate': z.union([migrateGenerateSuccess, migrateGenerateFailure]),
  'migrate execute': migrateExecuteResult.result,
  'migrate resume': migrateResumeResult.result,
  'migrate status': z.union([migrateStatusSuccess, migrateStatusFailure]),
  'migrate rollback': z.union([migrateRollbackSuccess, migrateRollbackFailure]),
  'drift check': z.union([driftCheckSuccess, driftCheckFailure]),
} as const satisfies Record<JsonCommand, z.ZodType>;
