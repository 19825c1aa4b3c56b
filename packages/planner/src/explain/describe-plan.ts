// What the text and Markdown renderers say about a plan as a whole.
import type { Phase, Plan, Refusal, Step } from '../types.js';
import { PHASES } from '../types.js';
import type { StepFact } from './describe-step.js';
import { formatServerVersion } from './describe-step.js';
import { formatEstimate } from './format-estimate.js';

/** What a plan with nothing to do, refuse or warn about says. */
export const NO_CHANGES = 'No changes: the schemas are equivalent.';

/** Whether the plan has nothing to say beyond "no changes". */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.steps.length === 0 && plan.refused.length === 0 && plan.conflicts.length === 0 && plan.warnings.length === 0;
}

const shortHash = (hash: string | null): string => (hash === null ? 'empty database' : hash.slice(0, 12));

/** The plan's headline facts: server, risk, counts, time, schemas. */
export function describePlan(plan: Plan): StepFact[] {
  const { now, lowTraffic } = plan.totals;
  const facts: StepFact[] = [
    { label: 'PostgreSQL', values: [`${formatServerVersion(plan.pgVersion)} (major ${plan.pgMajor}, server_version_num ${plan.pgVersion})`] },
    { label: 'risk', values: [`${plan.riskScore}/100 (${plan.riskLevel})`] },
    { label: 'steps', values: [`${plan.steps.length}, refused: ${plan.refused.length}`] },
    { label: 'estimated time', values: [`now ${formatEstimate(now)}, low-traffic window ${formatEstimate(lowTraffic)}`] },
    { label: 'schemas', values: [`${shortHash(plan.fromHash)} -> ${shortHash(plan.toHash)}`] },
  ];
  if (plan.unsafe) facts.push({ label: 'mode', values: ['--unsafe: destructive steps included'] });
  return facts;
}

/** The plan's steps by phase, in the order phases run; phases without steps are left out. */
export function stepsByPhase(plan: Plan): Array<{ readonly phase: Phase; readonly steps: readonly Step[] }> {
  return PHASES.map((phase) => ({ phase, steps: plan.steps.filter((s) => s.phase === phase) })).filter((g) => g.steps.length > 0);
}

/** What a plan without steps says instead of them. */
export function noStepsLine(plan: Plan): string {
  return plan.refused.length > 0 ? 'No steps: every change was refused.' : 'No steps.';
}

/** Whether `--unsafe` changes anything for a refusal, in words. */
export function describeUnsafeAllows(refusal: Refusal): string {
  return refusal.unsafeAllows ? '--unsafe would include it' : 'not even --unsafe includes it';
}

/** `3 steps`, `1 step`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
