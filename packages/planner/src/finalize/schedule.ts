import type { Estimate, Phase, ScheduleEntry, Step } from '../types.js';
import { PHASES } from '../types.js';
import { roundSeconds } from './format.js';
import { lockedTables } from './lock-conflicts.js';

type Window = Step['window'];

/**
 * The order the steps run in: phase by phase; within a phase, each entry is the steps whose
 * dependencies have all run, taken in plan order, as long as they share the window, lock
 * different tables, and include at most one concurrent (non-transactional) index build. One entry
 * per `order`. Throws on a dependency that is unknown, in a later phase, or circular: the planner
 * never produces one.
 */
export function buildSchedule(steps: readonly Step[]): ScheduleEntry[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  for (const step of steps) {
    for (const dep of step.dependsOn) {
      const target = byId.get(dep);
      if (target === undefined) throw new Error(`step ${step.id} depends on ${dep}, which is not in the plan`);
      if (PHASES.indexOf(target.phase) > PHASES.indexOf(step.phase)) throw new Error(`step ${step.id} (${step.phase}) depends on ${dep} of the later phase ${target.phase}`);
    }
  }
  const position = new Map(steps.map((step, i) => [step.id, i]));
  const locked = new Map(steps.map((step) => [step.id, lockedTables(step)]));
  const entries: ScheduleEntry[] = [];
  for (const phase of PHASES) {
    const inPhase = steps.filter((step) => step.phase === phase);
    // Dependencies on earlier phases have run by now; count the ones left within this phase.
    const waiting = new Map(inPhase.map((step) => [step.id, step.dependsOn.filter((dep) => byId.get(dep)!.phase === phase).length]));
    const dependents = new Map<string, Step[]>();
    for (const step of inPhase) {
      for (const dep of step.dependsOn) if (waiting.has(dep)) dependents.set(dep, [...(dependents.get(dep) ?? []), step]);
    }
    let ready = inPhase.filter((step) => waiting.get(step.id) === 0);
    let scheduled = 0;
    while (ready.length > 0) {
      const { group, rest } = parallelGroup(ready, locked);
      const added: Step[] = [];
      for (const step of group) {
        for (const next of dependents.get(step.id) ?? []) {
          const left = waiting.get(next.id)! - 1;
          waiting.set(next.id, left);
          if (left === 0) added.push(next);
        }
      }
      ready = added.length ? mergeByPosition(rest, added, position) : rest;
      scheduled += group.length;
      entries.push(entry(entries.length + 1, phase, group));
    }
    if (scheduled < inPhase.length) {
      throw new Error(`circular dependencies among ${inPhase.filter((step) => waiting.get(step.id)! > 0).map((step) => step.id).join(', ')}`);
    }
  }
  return entries;
}

/** Two lists of steps merged in plan order; `rest` is already in plan order, `added` is small. */
function mergeByPosition(rest: readonly Step[], added: readonly Step[], position: ReadonlyMap<string, number>): Step[] {
  const at = (step: Step) => position.get(step.id)!;
  const extra = [...added].sort((a, b) => at(a) - at(b));
  const out: Step[] = [];
  let j = 0;
  for (const step of rest) {
    while (j < extra.length && at(extra[j]!) < at(step)) out.push(extra[j++]!);
    out.push(step);
  }
  while (j < extra.length) out.push(extra[j++]!);
  return out;
}

/**
 * The first ready step, then every later ready one that may run beside those taken; and the ready
 * steps left. Concurrent index builds go one per entry: once one is taken, the others are passed
 * over before their tables are looked at.
 */
function parallelGroup(ready: readonly Step[], locked: ReadonlyMap<string, readonly string[]>): { group: Step[]; rest: Step[] } {
  const first = ready[0]!;
  const group = [first];
  const rest: Step[] = [];
  const tables = new Set(locked.get(first.id));
  let concurrentBuild = isConcurrentIndexBuild(first);
  for (let i = 1; i < ready.length; i++) {
    const step = ready[i]!;
    if (step.window !== first.window || (concurrentBuild && isConcurrentIndexBuild(step))) {
      rest.push(step);
      continue;
    }
    const own = locked.get(step.id)!;
    if (own.some((table) => tables.has(table))) {
      rest.push(step);
      continue;
    }
    group.push(step);
    for (const table of own) tables.add(table);
    concurrentBuild ||= isConcurrentIndexBuild(step);
  }
  return { group, rest };
}

function isConcurrentIndexBuild(step: Step): boolean {
  return step.work === 'index-build' && (!step.transactional || step.kind === 'create-index-concurrently');
}

function entry(order: number, phase: Phase, group: readonly Step[]): ScheduleEntry {
  const estimate: Estimate =
    group.length === 1
      ? group[0]!.estimate
      : {
          minSeconds: Math.max(...group.map((step) => step.estimate.minSeconds)),
          maxSeconds: Math.max(...group.map((step) => step.estimate.maxSeconds)),
          basis: `${group.length} steps in parallel: the longest of them`,
        };
  return { order, window: group[0]!.window, phase, steps: group.map((step) => step.id), estimate };
}

/** Time in each window: the sum of its entries' estimates. */
export function planTotals(schedule: readonly ScheduleEntry[]): { now: Estimate; lowTraffic: Estimate } {
  return { now: total(schedule, 'now'), lowTraffic: total(schedule, 'low-traffic') };
}

function total(schedule: readonly ScheduleEntry[], window: Window): Estimate {
  const entries = schedule.filter((e) => e.window === window);
  return {
    minSeconds: roundSeconds(entries.reduce((sum, e) => sum + e.estimate.minSeconds, 0)),
    maxSeconds: roundSeconds(entries.reduce((sum, e) => sum + e.estimate.maxSeconds, 0)),
    basis: entries.length === 0 ? `no steps in the ${window} window` : `sum of ${entries.length} schedule ${entries.length === 1 ? 'entry' : 'entries'} in the ${window} window`,
  };
}
