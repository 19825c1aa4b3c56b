// The plan as one SQL script for psql and for `--dry-run`: each step wrapped the way the executor
// runs it (transaction, lock_timeout, statement_timeout), without its retries and checkpoints.
import type { Plan, Step } from '../types.js';
import { describePlan, describeUnsafeAllows, isEmptyPlan, NO_CHANGES, stepsByPhase } from './describe-plan.js';
import { describeLocks } from './describe-step.js';
import { formatEstimate } from './format-estimate.js';

/** `-- ` before every line, so that no line of the text can escape the comment. */
function comment(text: string): string[] {
  return text.split(/\r?\n/).map((line) => `-- ${line}`.trimEnd());
}

/** A statement with its `;`, on a line of its own when the last line could end in a `--` comment. */
export function terminateStatement(sql: string): string {
  const lastLine = sql.slice(sql.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${sql}\n;` : `${sql};`;
}

const HEADER_NOTES = [
  'Run it with: psql -v ON_ERROR_STOP=1 -f <this file>',
  '',
  'The Wesley executor adds what this script leaves out: lock retries, checkpoints (a failed run',
  'resumes at its step) and batching. Here each step runs once, in order; a step whose lock_timeout',
  "expires fails, and can be run again. A backfill step's SQL runs its batches itself, committing each.",
  'Steps for the low-traffic window are marked; this script does not wait for the window.',
];

function header(plan: Plan): string[] {
  const facts = describePlan(plan).map((f) => `${f.label}: ${f.values.join('; ')}`);
  const warnings = plan.warnings.map((w) => `warning ${w.code}: ${w.message}`);
  return ['Wesley migration plan', ...facts, ...warnings, '', ...HEADER_NOTES].flatMap(comment);
}

function timeouts(step: Step, scope: 'LOCAL ' | ''): string[] {
  const statement = step.statementTimeoutMs === 0 ? '0' : `'${step.statementTimeoutMs}ms'`;
  return [
    ...(step.lockTimeoutMs === null ? [] : [`SET ${scope}lock_timeout = '${step.lockTimeoutMs}ms';`]),
    `SET ${scope}statement_timeout = ${statement};`,
  ];
}

function stepBlock(step: Step): string[] {
  const notes = [
    `Step ${step.id}`,
    step.summary,
    `Locks: ${describeLocks(step.locks)}`,
    `Estimate: ${formatEstimate(step.estimate)} (${step.estimate.basis})`,
    ...(step.window === 'low-traffic' ? ['Window: low-traffic window'] : []),
    ...(step.requiresUnsafe ? ['Included by --unsafe'] : []),
    ...(step.transactional ? [] : ['Runs outside a transaction.']),
  ];
  const statements = step.sql.map(terminateStatement);
  const body = step.transactional
    ? ['BEGIN;', ...timeouts(step, 'LOCAL '), ...statements, 'COMMIT;']
    : [...timeouts(step, ''), ...statements, 'RESET statement_timeout;', ...(step.lockTimeoutMs === null ? [] : ['RESET lock_timeout;'])];
  return [...notes.flatMap(comment), ...body, ''];
}

function refusedBlock(plan: Plan): string[] {
  if (plan.refused.length === 0) return [];
  const lines = [`Refused: not in this script (${plan.refused.length})`];
  for (const r of plan.refused) {
    lines.push(`  ${r.object} (${r.code}): ${r.reason}`, `    hint: ${r.hint}`, `    ${describeUnsafeAllows(r)}`);
  }
  return [...lines.flatMap(comment), ''];
}

/** The whole plan as a psql script: phase by phase, each step wrapped with its timeouts; refused changes as comments at the end. */
export function planScript(plan: Plan): string {
  if (isEmptyPlan(plan)) return `${comment(NO_CHANGES).join('\n')}\n`;
  const lines = [...header(plan), ''];
  for (const { phase, steps } of stepsByPhase(plan)) {
    lines.push(`-- Phase: ${phase}`, '', ...steps.flatMap(stepBlock));
  }
  lines.push(...refusedBlock(plan));
  return `${lines.join('\n').trimEnd()}\n`;
}
