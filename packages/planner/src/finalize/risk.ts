import type { DraftStep, Estimate, Hazard, HazardNote, LockMode, RiskLevel, ServerFacts, Step } from '../types.js';
import { estimateClass } from './estimate.js';
import { lockHazards } from './lock-hazards.js';
import { tableSize } from './table-size.js';

/** How much of the application a lock mode stops (docs/risk-scoring.md, "Lock severity"). */
export const LOCK_SEVERITY: Readonly<Record<LockMode, number>> = {
  'ACCESS SHARE': 0,
  'ROW SHARE': 0,
  'ROW EXCLUSIVE': 1,
  'SHARE UPDATE EXCLUSIVE': 2,
  SHARE: 8,
  'SHARE ROW EXCLUSIVE': 8,
  EXCLUSIVE: 9,
  'ACCESS EXCLUSIVE': 10,
};

/** Duration classes by the estimate's maximum (upper bounds inclusive, seconds). */
export const DURATION_CLASSES = [
  { name: 'instant', upToSeconds: 1, weight: 1 },
  { name: 'seconds', upToSeconds: 60, weight: 4 },
  { name: 'minutes', upToSeconds: 3600, weight: 7 },
  { name: 'hours', upToSeconds: Infinity, weight: 10 },
] as const;
/** A step that reads a table of unknown size counts as taking minutes. */
export const UNKNOWN_DURATION = { name: 'unknown', weight: 7 } as const;
export type DurationClass = (typeof DURATION_CLASSES)[number]['name'] | typeof UNKNOWN_DURATION.name;

/** Semantic hazards set a floor under the step's risk, whatever its locks. */
export const HAZARD_FLOORS: Readonly<Partial<Record<Hazard, number>>> = {
  'can-fail': 25,
  'breaks-clients': 50,
  security: 50,
  'data-loss': 75,
};

/** The lowest score of each level above LOW. */
export const RISK_THRESHOLDS = { MEDIUM: 25, HIGH: 50, CRITICAL: 75 } as const;
/** Plan score: +2 for each further step at MEDIUM or above, at most +10. */
export const MANY_RISKY_STEPS = { minimumRisk: RISK_THRESHOLDS.MEDIUM, bumpPerStep: 2, maxBump: 10 } as const;

/** The duration class of a step, `unknown` when it depends on a size the facts lack. */
export function durationClass(step: DraftStep, estimate: Estimate, facts: ServerFacts): DurationClass {
  if (estimateClass(step) !== 'catalog' && step.table !== null && tableSize(facts, step.table) === null) return UNKNOWN_DURATION.name;
  return DURATION_CLASSES.find((c) => estimate.maxSeconds <= c.upToSeconds)!.name;
}

/** 1 for one table, +0.25 for each further table locked, at most 2. */
export function fanOut(tables: number): number {
  return Math.min(2, 1 + 0.25 * Math.max(0, tables - 1));
}

/** A step's risk (0-100) and its hazards: the draft's own plus the lock-derived ones. */
export function stepRisk(step: DraftStep, estimate: Estimate, facts: ServerFacts): { risk: number; hazards: HazardNote[] } {
  const hazards = [...step.hazards, ...lockHazards(step, estimate)];
  const severity = Math.max(0, ...step.locks.map((claim) => LOCK_SEVERITY[claim.mode]));
  const tables = new Set(step.locks.filter((claim) => LOCK_SEVERITY[claim.mode] > 0).map((claim) => claim.table)).size;
  const cls = durationClass(step, estimate, facts);
  const weight = cls === UNKNOWN_DURATION.name ? UNKNOWN_DURATION.weight : DURATION_CLASSES.find((c) => c.name === cls)!.weight;
  const floor = Math.max(0, ...hazards.map((note) => HAZARD_FLOORS[note.hazard] ?? 0));
  const risk = Math.min(100, Math.round(Math.max(severity * weight * fanOut(tables), floor)));
  return { risk, hazards };
}

/** The level a score falls in. */
export function riskLevel(score: number): RiskLevel {
  if (score >= RISK_THRESHOLDS.CRITICAL) return 'CRITICAL';
  if (score >= RISK_THRESHOLDS.HIGH) return 'HIGH';
  if (score >= RISK_THRESHOLDS.MEDIUM) return 'MEDIUM';
  return 'LOW';
}

/** The plan's score: its riskiest step, bumped a little when many steps are MEDIUM or worse. */
export function planRisk(steps: readonly Pick<Step, 'risk'>[]): { riskScore: number; riskLevel: RiskLevel } {
  const highest = Math.max(0, ...steps.map((step) => step.risk));
  const risky = steps.filter((step) => step.risk >= MANY_RISKY_STEPS.minimumRisk).length;
  const bump = Math.min(MANY_RISKY_STEPS.maxBump, MANY_RISKY_STEPS.bumpPerStep * Math.max(0, risky - 1));
  const riskScore = Math.min(100, highest + bump);
  return { riskScore, riskLevel: riskLevel(riskScore) };
}
