// The plan as Markdown (pull-request comments, CI summaries): the same content as explainText.
import type { Plan, Step } from '../types.js';
import { count, describePlan, describeUnsafeAllows, isEmptyPlan, NO_CHANGES, noStepsLine, stepsByPhase } from './describe-plan.js';
import type { StepFact } from './describe-step.js';
import { describeLocks, describeRollback, describeStep, describeWork, stepObject } from './describe-step.js';
import { formatEstimate } from './format-estimate.js';

/** A table cell: backslashes and pipes escaped, line breaks as `<br>`. */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line), ''];
}

// A fence longer than any run of backticks in the SQL, so no statement can close it early.
function sqlBlock(sql: readonly string[]): string[] {
  const text = sql.map((s) => `${s};`).join('\n');
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}sql`, text, fence, ''];
}

const factItems = (facts: readonly StepFact[]): string[] => facts.map((f) => `- **${f.label}:** ${f.values.join('; ')}`);

function stepSection(step: Step): string[] {
  const rollback = describeRollback(step.rollback);
  const lines = [`### \`${step.id}\``, '', step.summary, '', ...factItems(describeStep(step)), '', ...sqlBlock(step.sql)];
  if (rollback.sql.length === 0) return [...lines, `**Rollback:** ${rollback.note}`, ''];
  return [...lines, `**Rollback${rollback.note === null ? '' : ` (${rollback.note})`}:**`, '', ...sqlBlock(rollback.sql)];
}

function summaryTable(plan: Plan): string[] {
  const rows = plan.steps.map((s, i) => [
    String(i + 1),
    s.phase,
    s.kind,
    stepObject(s),
    describeLocks(s.locks),
    describeWork(s.work),
    formatEstimate(s.estimate),
    String(s.risk),
  ]);
  return ['## Steps', '', ...table(['#', 'phase', 'kind', 'object', 'locks', 'work', 'estimate', 'risk'], rows)];
}

function trailingSections(plan: Plan): string[] {
  const lines: string[] = [];
  if (plan.refused.length > 0) {
    const rows = plan.refused.map((r) => [r.object, r.code, r.reason, r.hint, describeUnsafeAllows(r)]);
    lines.push('## Refused', '', ...table(['object', 'code', 'reason', 'hint', '--unsafe'], rows));
  }
  if (plan.conflicts.length > 0) {
    const rows = plan.conflicts.map((c) => [c.kind, c.table, c.steps.join(', '), c.message]);
    lines.push('## Conflicts', '', ...table(['kind', 'table', 'steps', 'message'], rows));
  }
  if (plan.schedule.length > 0) {
    const rows = plan.schedule.map((e) => [String(e.order), e.window, e.phase, e.steps.join(', '), formatEstimate(e.estimate)]);
    lines.push('## Schedule', '', 'Entries with the same order may run in parallel.', '', ...table(['order', 'window', 'phase', 'steps', 'estimate'], rows));
  }
  if (plan.warnings.length > 0) {
    lines.push('## Warnings', '', ...table(['code', 'message'], plan.warnings.map((w) => [w.code, w.message])));
  }
  return lines;
}

/** The plan as Markdown: a summary table of steps, a section per step with its SQL, then refused, conflicts, schedule, warnings. */
export function explainMarkdown(plan: Plan): string {
  const lines = ['# Migration plan', ''];
  if (isEmptyPlan(plan)) return `${[...lines, NO_CHANGES].join('\n')}\n`;
  lines.push(...factItems(describePlan(plan)), '');
  lines.push(...(plan.steps.length > 0 ? summaryTable(plan) : [noStepsLine(plan), '']));
  for (const { phase, steps } of stepsByPhase(plan)) {
    lines.push(`## Phase: ${phase} (${count(steps.length, 'step')})`, '', ...steps.flatMap(stepSection));
  }
  lines.push(...trailingSections(plan));
  return `${lines.join('\n').trimEnd()}\n`;
}
