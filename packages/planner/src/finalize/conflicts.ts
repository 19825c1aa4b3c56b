import type { Conflict, LockClaim, Step } from '../types.js';
import { formatSeconds } from './format.js';
import { blocksWrites, conflicts, LONG_LOCK_SECONDS } from './lock-conflicts.js';

/**
 * Lock contention in a plan: `same-table` for steps of one phase, with no dependency path between
 * them, that lock a table in conflicting modes (the schedule has to run them one after another);
 * `long-lock` for a step that holds a write-blocking lock for longer than LONG_LOCK_SECONDS at
 * its estimate's maximum.
 */
export function findConflicts(steps: readonly Step[]): Conflict[] {
  return [...sameTableConflicts(steps), ...longLocks(steps)];
}

function sameTableConflicts(steps: readonly Step[]): Conflict[] {
  const ordered = dependencyPaths(steps);
  const claimsByTable = new Map<string, { step: Step; claim: LockClaim }[]>();
  for (const step of steps) {
    for (const claim of step.locks) claimsByTable.set(claim.table, [...(claimsByTable.get(claim.table) ?? []), { step, claim }]);
  }
  const found: Conflict[] = [];
  for (const [table, claims] of claimsByTable) {
    const involved = new Map<string, LockClaim>();
    claims.forEach((a, i) => {
      for (const b of claims.slice(i + 1)) {
        if (a.step.phase !== b.step.phase || ordered(a.step.id, b.step.id) || !conflicts(a.claim.mode, b.claim.mode)) continue;
        involved.set(a.step.id, a.claim).set(b.step.id, b.claim);
      }
    });
    if (involved.size === 0) continue;
    const list = [...involved].map(([id, claim]) => `${id} (${claim.mode})`).join(', ');
    found.push({
      kind: 'same-table',
      table,
      steps: [...involved.keys()],
      message: `${list} lock ${table} in conflicting modes and nothing orders them; they run one after another, never in parallel`,
    });
  }
  return found;
}

function longLocks(steps: readonly Step[]): Conflict[] {
  return steps.flatMap((step) => {
    const blocking = step.locks.filter((claim) => blocksWrites(claim.mode));
    if (blocking.length === 0 || step.estimate.maxSeconds <= LONG_LOCK_SECONDS) return [];
    const table = step.table !== null && blocking.some((claim) => claim.table === step.table) ? step.table : blocking[0]!.table;
    const held = blocking.map((claim) => `${claim.mode} on ${claim.table}`).join(', ');
    return [
      {
        kind: 'long-lock' as const,
        table,
        steps: [step.id],
        message: `${step.id} may hold ${held} for up to ${formatSeconds(step.estimate.maxSeconds)} (over ${LONG_LOCK_SECONDS} s): traffic that needs the table waits that long`,
      },
    ];
  });
}

/** Whether one of two steps (transitively) depends on the other. */
function dependencyPaths(steps: readonly Step[]): (a: string, b: string) => boolean {
  const deps = new Map(steps.map((step) => [step.id, step.dependsOn]));
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (id: string): Set<string> => {
    const known = ancestors.get(id);
    if (known) return known;
    const result = new Set<string>();
    ancestors.set(id, result); // placed first so that a cycle ends the walk
    for (const dep of deps.get(id) ?? []) {
      result.add(dep);
      for (const a of ancestorsOf(dep)) result.add(a);
    }
    return result;
  };
  return (a, b) => ancestorsOf(a).has(b) || ancestorsOf(b).has(a);
}
