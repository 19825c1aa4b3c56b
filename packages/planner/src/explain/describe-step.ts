// What the text and Markdown renderers say about a step, so that the two say the same things.
import type { LockClaim, Rollback, Step, TableWork, VersionGate } from '../types.js';
import { formatEstimate } from './format-estimate.js';

/** One labelled fact; a fact with several values (hazards) lists each on its own line. */
export interface StepFact {
  readonly label: string;
  readonly values: readonly string[];
}

const WORK_LABELS: Readonly<Record<TableWork, string>> = {
  catalog: 'catalog only',
  scan: 'scans the table',
  rewrite: 'rewrites the table',
  'index-build': 'builds an index',
  backfill: 'batched backfill',
};

/** `16.4` for 160004, `11` for 110000. */
export function formatServerVersion(versionNum: number): string {
  const major = Math.floor(versionNum / 10000);
  const minor = versionNum % 10000;
  return minor === 0 ? String(major) : `${major}.${minor}`;
}

/** `ACCESS EXCLUSIVE on public.users, SHARE on public.orders`, or `none`. */
export function describeLocks(locks: readonly LockClaim[]): string {
  return locks.length === 0 ? 'none' : locks.map((l) => `${l.mode} on ${l.table}`).join(', ');
}

/** `catalog only`, `scans the table`, `rewrites the table`, `builds an index`, `batched backfill`. */
export function describeWork(work: TableWork): string {
  return WORK_LABELS[work];
}

/** The object a step is about, from its id (`NN-kind-object`), else its table. */
export function stepObject(step: Step): string {
  const prefix = /^\d+-/.exec(step.id)?.[0];
  const rest = prefix === undefined ? undefined : step.id.slice(prefix.length);
  if (rest?.startsWith(`${step.kind}-`)) return rest.slice(step.kind.length + 1);
  return step.table ?? step.id;
}

function describeVersionGate(gate: VersionGate): string {
  const range = [gate.min === null ? null : `>= ${formatServerVersion(gate.min)}`, gate.below === null ? null : `< ${formatServerVersion(gate.below)}`];
  const bounds = range.filter((r) => r !== null).join(', ');
  return bounds === '' ? gate.reason : `PostgreSQL ${bounds}: ${gate.reason}`;
}

function describeTimeouts(step: Step): StepFact[] {
  const retry = step.retry === null ? 'no retries' : `up to ${step.retry.attempts} attempts (backoff ${step.retry.initialDelayMs}-${step.retry.maxDelayMs} ms, jitter)`;
  const lock = step.lockTimeoutMs !== null ? `${step.lockTimeoutMs} ms, ${retry}`
    : step.locks.length === 0 ? 'none (no table lock)'
    : 'none (its lock lets reads and writes pass; a timeout would cut a concurrent build halfway)';
  const statement = step.statementTimeoutMs !== 0 ? `${step.statementTimeoutMs} ms`
    : step.work === 'backfill' ? 'none (each batch commits on its own)'
    : 'none (cancelling a CONCURRENTLY statement leaves it half done)';
  return [
    { label: 'lock_timeout', values: [lock] },
    { label: 'statement_timeout', values: [statement] },
  ];
}

/** The labelled facts about a step, in the order both renderers show them (the SQL and rollback aside). */
export function describeStep(step: Step): StepFact[] {
  const facts: StepFact[] = [
    { label: 'kind', values: [step.kind] },
    ...(step.constraintType === undefined ? [] : [{ label: 'constraint', values: [step.constraintType] }]),
    { label: 'locks', values: [describeLocks(step.locks)] },
    { label: 'work', values: [describeWork(step.work)] },
    { label: 'transaction', values: [step.transactional ? 'yes' : 'no: runs outside a transaction'] },
  ];
  if (step.versionGate !== null) facts.push({ label: 'version gate', values: [describeVersionGate(step.versionGate)] });
  facts.push(
    { label: 'estimate', values: [`${formatEstimate(step.estimate)} (${step.estimate.basis})`] },
    { label: 'window', values: [step.window === 'now' ? 'now' : 'low-traffic window'] },
    { label: 'risk', values: [`${step.risk}/100`] },
  );
  if (step.hazards.length > 0) facts.push({ label: 'hazards', values: step.hazards.map((h) => `${h.hazard}: ${h.message}`) });
  if (step.requiresUnsafe) facts.push({ label: 'unsafe', values: ['included only with --unsafe'] });
  facts.push(...describeTimeouts(step));
  if (step.backfill !== undefined) {
    const { column, expression, batchSize, keyColumns } = step.backfill;
    const keyset = keyColumns.length === 0 ? 'by ctid (no primary key)' : `by keyset (${keyColumns.join(', ')})`;
    facts.push({ label: 'backfill', values: [`${column} = ${expression}, batches of ${batchSize} rows ${keyset}`] });
  }
  if (step.dependsOn.length > 0) facts.push({ label: 'after', values: [step.dependsOn.join(', ')] });
  return facts;
}

/** A rollback as a note (`irreversible: ...`, `outside a transaction`) and its statements (none unless `kind` is `sql`). */
export function describeRollback(rollback: Rollback): { readonly note: string | null; readonly sql: readonly string[] } {
  if (rollback.kind === 'sql') return { note: rollback.transactional ? null : 'outside a transaction', sql: rollback.sql };
  return { note: `${rollback.kind === 'none' ? 'nothing to undo' : 'irreversible'}: ${rollback.reason}`, sql: [] };
}
