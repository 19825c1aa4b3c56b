// The documented output of `wesley migrate execute | resume | status | rollback` (docs/cli/migrate-execute.md),
// strict: a field that is not announced fails the tests.
import { z } from 'zod';

export const errorData = z.strictObject({
  code: z.string().startsWith('WESLEY_'),
  message: z.string(),
  hint: z.string().optional(),
  expected: z.string().optional(),
  location: z.unknown().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const m = { migration: z.string() };
const step = { ...m, stepId: z.string() };
/** Every event line of --json before the result line. */
export const eventLine = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('lock-wait'), holder: z.strictObject({ pid: z.number().int(), applicationName: z.string(), user: z.string().nullable(), since: z.string().nullable(), state: z.string().nullable(), query: z.string().nullable() }).nullable(), waitedMs: z.number().nonnegative() }),
  z.strictObject({ type: z.literal('migration-start'), ...m, name: z.string(), steps: z.number().int().nonnegative(), resumed: z.boolean() }),
  z.strictObject({ type: z.literal('waiting-for-session'), ...m, pid: z.number().int().nullable(), query: z.string().nullable(), waitedMs: z.number().nonnegative() }),
  z.strictObject({ type: z.literal('replanned'), ...m, reason: z.string() }),
  z.strictObject({ type: z.literal('migration-skip'), ...m, reason: z.string() }),
  z.strictObject({ type: z.literal('step-start'), ...step, kind: z.string(), summary: z.string(), index: z.number().int().positive(), total: z.number().int().positive(), resumedBatches: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('step-skip'), ...step, reason: z.string() }),
  z.strictObject({ type: z.literal('step-retry'), ...step, attempt: z.number().int(), attempts: z.number().int(), delayMs: z.number(), reason: z.string() }),
  z.strictObject({ type: z.literal('invalid-index-dropped'), ...step, index: z.string() }),
  z.strictObject({
    type: z.literal('batch'), ...step, batch: z.number().int().positive(), rowsDone: z.number().int().nonnegative(), rowsTotal: z.number().int().nullable(),
    rowsPerSecond: z.number().nonnegative(), etaMs: z.number().nonnegative().nullable(), cursor: z.array(z.string()).nullable(),
  }),
  z.strictObject({ type: z.literal('index-progress'), ...step, phase: z.string(), percent: z.number().min(0).max(100), waitingForPid: z.number().int().nullable() }),
  z.strictObject({ type: z.literal('step-done'), ...step, ms: z.number().nonnegative() }),
  z.strictObject({ type: z.literal('migration-done'), ...m, ms: z.number().nonnegative() }),
  z.strictObject({ type: z.literal('migration-failed'), ...step, error: errorData }),
]);

const outcome = z.strictObject({
  id: z.string(),
  status: z.enum(['applied', 'already-applied', 'failed']),
  completed: z.array(z.string()),
  skipped: z.array(z.string()),
  stoppedAt: z.strictObject({ stepId: z.string(), batches: z.number().int().optional(), cursor: z.array(z.string()).nullable().optional() }).nullable(),
  error: errorData.nullable(),
  ms: z.number().nonnegative(),
});
const head = { type: z.literal('result'), formatVersion: z.literal(1) };

/** The last line of execute / resume --json. */
export const resultLine = z.union([
  z.strictObject({ ...head, ok: z.boolean(), complete: z.boolean(), outcomes: z.array(outcome), serverVersionNum: z.number().int().min(110000), lockWaitedMs: z.number().nonnegative(), errors: z.array(errorData).min(1).optional() }),
  z.strictObject({ ...head, ok: z.literal(true), mode: z.enum(['explain', 'dry-run']), migrations: z.array(z.strictObject({ id: z.string(), name: z.string(), state: z.enum(['pending', 'interrupted']), stepsDone: z.number().int().nonnegative(), text: z.string() })) }),
  z.strictObject({ ...head, ok: z.literal(false), errors: z.array(errorData).min(1) }),
]);

/** Every line of an NDJSON stream, the events checked, the result line returned. */
export function parseNdjson(stdout: string) {
  const lines = stdout.split('\n');
  expectTrailingNewline(lines);
  const objects = lines.slice(0, -1).map((line) => JSON.parse(line) as unknown);
  const events = objects.slice(0, -1).map((o) => eventLine.parse(o));
  return { events, result: resultLine.parse(objects.at(-1)) };
}

function expectTrailingNewline(lines: string[]): void {
  if (lines.at(-1) !== '' || lines.length < 2) throw new Error(`not NDJSON ending in a newline: ${JSON.stringify(lines.slice(-2))}`);
}

const milestone = z.strictObject({ name: z.enum(['p25', 'p50', 'p75']), percent: z.number(), at: z.string(), completedSteps: z.array(z.string()) });
const checkpoint = z.strictObject({
  formatVersion: z.literal(1), migration: z.string(), planHash: z.string().regex(/^[0-9a-f]{64}$/), status: z.enum(['running', 'failed']), updatedAt: z.string(),
  percent: z.number().min(0).max(100), completedSteps: z.array(z.string()),
  current: z.strictObject({ stepId: z.string(), batches: z.number().int(), cursor: z.array(z.string()).nullable() }).nullable(),
  milestones: z.array(milestone),
});
const state = z.strictObject({
  id: z.string(), name: z.string(), state: z.enum(['applied', 'pending', 'interrupted', 'rolled back', 'missing from the folder']),
  appliedAt: z.string().nullable(), steps: z.number().int().nullable(), stepsDone: z.number().int().nullable(), error: z.string().nullable(), checkpoint: checkpoint.nullable(),
});
const holder = z.strictObject({ pid: z.number().int(), applicationName: z.string(), user: z.string().nullable(), since: z.string().nullable(), state: z.string().nullable(), query: z.string().nullable() });

/** `wesley migrate status --json`. */
export const statusJson = z.discriminatedUnion('ok', [
  z.strictObject({ formatVersion: z.literal(1), command: z.literal('migrate status'), ok: z.literal(true), migrations: z.array(state), lockHolder: holder.nullable() }),
  z.strictObject({ formatVersion: z.literal(1), command: z.literal('migrate status'), ok: z.literal(false), errors: z.array(errorData).min(1) }),
]);

const rolledStep = z.strictObject({ stepId: z.string(), action: z.enum(['undone', 'nothing-to-undo']) });
/** `wesley migrate rollback --json`. */
export const rollbackJson = z.discriminatedUnion('ok', [
  z.strictObject({
    formatVersion: z.literal(1), command: z.literal('migrate rollback'), ok: z.literal(true), migration: z.string(), complete: z.boolean(), to: z.enum(['p25', 'p50', 'p75']).nullable(), steps: z.array(rolledStep),
    /** Irreversible steps left as they are (--unsafe). */
    kept: z.array(z.string()),
    // --explain / --dry-run: what would be undone, last first; nothing ran.
    mode: z.enum(['explain', 'dry-run']).optional(),
    planned: z.array(z.strictObject({ stepId: z.string(), summary: z.string(), rollback: z.record(z.string(), z.unknown()) })).optional(),
  }),
  z.strictObject({ formatVersion: z.literal(1), command: z.literal('migrate rollback'), ok: z.literal(false), steps: z.array(rolledStep), errors: z.array(errorData).min(1) }),
]);
