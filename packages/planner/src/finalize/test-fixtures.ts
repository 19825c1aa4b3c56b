// Builders for the finalize tests: a draft or a finished step with plain defaults.
import type { DraftStep, LockClaim, LockMode, ServerFacts, Step } from '../types.js';

export const GIB = 1024 ** 3;

/** A catalog-only draft on `public.t` with no locks, overridden as given. */
export function draft(overrides: Partial<DraftStep> = {}): DraftStep {
  return {
    id: '01-add-column-public.t.c',
    phase: 'expand',
    kind: 'add-column',
    summary: 'a step',
    table: 'public.t',
    sql: ['SELECT 1'],
    transactional: true,
    locks: [],
    work: 'catalog',
    rewrite: false,
    scan: false,
    indexBuild: false,
    versionGate: null,
    hazards: [],
    requiresUnsafe: false,
    rollback: { kind: 'none', reason: 'test' },
    dependsOn: [],
    ...overrides,
  };
}

/** A finished step (instant, now, no timeouts), overridden as given. */
export function step(overrides: Partial<Step> = {}): Step {
  return {
    ...draft(),
    estimate: { minSeconds: 0.001, maxSeconds: 0.05, basis: 'test' },
    risk: 0,
    window: 'now',
    lockTimeoutMs: null,
    statementTimeoutMs: 60_000,
    retry: null,
    ...overrides,
  };
}

/** One claim. */
export function lock(table: string, mode: LockMode): LockClaim {
  return { table, mode };
}

/** Facts that know one table's size. */
export function factsWith(table: string, bytes: number, rows = Math.round(bytes / 100)): ServerFacts {
  return { serverVersionNum: 160004, tables: { [table]: { bytes, rows } } };
}

export const NO_FACTS: ServerFacts = { serverVersionNum: 160004 };
