// The plan for a terminal: plain text, no colours, the same output for the same plan.
import type { Plan, Step } from '../types.js';
import { count, describePlan, describeUnsafeAllows, isEmptyPlan, NO_CHANGES, noStepsLine, stepsByPhase } from './describe-plan.js';
import type { StepFact } from './describe-step.js';
import { describeRollback, describeStep } from './describe-step.js';
import { formatEstimate } from './format-estimate.js';

export interface ExplainTextOptions {
  /** Reserved: the output is always plain (no ANSI colours). */
  readonly color?: false;
}

const indent = (text: string, by: string): string => text.replace(/^(?=.)/gm, by);

// `label:` padded to the longest label, further values aligned under the first.
function factLines(facts: readonly StepFact[], by: string): string[] {
  const width = Math.max(...facts.map((f) => f.label.length)) + 2;
  return facts.flatMap((f) => f.values.map((v, i) => `${by}${(i === 0 ? `${f.label}:` : '').padEnd(width)}${v}`));
}

const sqlLines = (sql: readonly string[], by: string): string[] => sql.map((s) => indent(`${s};`, by));

function stepLines(step: Step): string[] {
  const rollback = describeRollback(step.rollback);
  return [
    `  ${step.id}`,
    `    ${step.summary}`,
    ...factLines(describeStep(step), '    '),
    rollback.sql.length === 0 ? `    rollback: ${rollback.note}` : `    rollback${rollback.note === null ? '' : ` (${rollback.note})`}:`,
    ...sqlLines(rollback.sql, '      '),
    '    sql:',
    ...sqlLines(step.sql, '      '),
    '',
  ];
}

// Left-aligned columns: every cell padded to its column's widest, the last one left as is.
function table(rows: ReadonlyArray<readonly string[]>, by: string): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `${by}${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 2))).join('')}`);
}

function sectionLines(plan: Plan): string[] {
  const lines: string[] = [];
  if (plan.refused.length > 0) {
    lines.push(`Refused (${plan.refused.length})`, '');
    for (const r of plan.refused) {
      lines.push(`  ${r.object} (${r.code})`, ...factLines([{ label: 'reason', values: [r.reason] }, { label: 'hint', values: [r.hint] }], '    '));
      lines.push(`    ${describeUnsafeAllows(r)}`, '');
    }
  }
  if (plan.conflicts.length > 0) {
    lines.push(`Conflicts (${plan.conflicts.length})`, '');
    for (const c of plan.conflicts) lines.push(`  ${c.kind} on ${c.table}: ${c.steps.join(', ')}`, `    ${c.message}`, '');
  }
  if (plan.schedule.length > 0) {
    lines.push('Schedule (entries with the same order may run in parallel)', '');
    const rows = plan.schedule.map((e) => [String(e.order), e.window, e.phase, formatEstimate(e.estimate), e.steps.join(', ')]);
    lines.push(...table([['order', 'window', 'phase', 'estimate', 'steps'], ...rows], '  '), '');
  }
  if (plan.warnings.length > 0) {
    lines.push(`Warnings (${plan.warnings.length})`, '');
    lines.push(...plan.warnings.map((w) => `  ${w.code}: ${w.message}`), '');
  }
  return lines;
}

/** The plan as plain text for a terminal: header, steps by phase, refused, conflicts, schedule, warnings. */
export function explainText(plan: Plan, options?: ExplainTextOptions): string {
  if (isEmptyPlan(plan)) return `${NO_CHANGES}\n`;
  const lines = ['Migration plan', ...factLines(describePlan(plan), '  '), ''];
  if (plan.steps.length === 0) lines.push(noStepsLine(plan), '');
  for (const { phase, steps } of stepsByPhase(plan)) {
    lines.push(`Phase: ${phase} (${count(steps.length, 'step')})`, '', ...steps.flatMap(stepLines));
  }
  lines.push(...sectionLines(plan));
  return `${lines.join('\n').trimEnd()}\n`;
}
