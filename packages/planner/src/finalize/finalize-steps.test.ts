import { describe, expect, test } from 'vitest';
import type { DraftStep } from '../types.js';
import { DEFAULT_PLAN_OPTIONS } from '../types.js';
import { finalizeSteps, statementTimeoutFor } from './finalize-steps.js';
import { draft, factsWith, GIB, lock, NO_FACTS } from './test-fixtures.js';

const options = DEFAULT_PLAN_OPTIONS;
const finalize = (step: DraftStep, facts = factsWith('public.t', GIB)) => finalizeSteps([step], facts, options)[0]!;

describe('window', () => {
  test('catalog-only steps run now', () => expect(finalize(draft({ locks: [lock('public.t', 'ACCESS EXCLUSIVE')] })).window).toBe('now'));
  test('validations and backfills wait for low traffic, however short', () => {
    expect(finalize(draft({ kind: 'validate-constraint', work: 'scan' }), factsWith('public.t', 1000)).window).toBe('low-traffic');
    expect(finalize(draft({ kind: 'backfill-column', work: 'backfill' }), factsWith('public.t', 1000)).window).toBe('low-traffic');
  });
  test('so does anything whose maximum passes the threshold', () => {
    const rewrite = draft({ work: 'rewrite' });
    expect(finalize(rewrite, factsWith('public.t', 0.01 * GIB)).window).toBe('now'); // max 3.5 s
    expect(finalize(rewrite).window).toBe('low-traffic'); // max 350 s
    expect(finalizeSteps([rewrite], factsWith('public.t', GIB), { ...options, lowTrafficThresholdSeconds: 400 })[0]!.window).toBe('now');
  });
});

describe('lock timeout and retries', () => {
  test('steps that block writes get lock_timeout and bounded retries with backoff', () => {
    for (const mode of ['SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'] as const) {
      const step = finalize(draft({ locks: [lock('public.t', 'ROW SHARE'), lock('public.u', mode)] }));
      expect(step.lockTimeoutMs).toBe(3000);
      expect(step.retry).toEqual({ attempts: 5, initialDelayMs: 500, maxDelayMs: 10_000, jitter: true });
    }
  });
  test('every transactional step that locks a table gets one, whatever the mode', () => {
    for (const locks of [[lock('public.t', 'SHARE UPDATE EXCLUSIVE')], [lock('public.t', 'ROW EXCLUSIVE')]]) {
      expect(finalize(draft({ locks, transactional: true })).lockTimeoutMs).toBe(3000);
    }
  });
  test('no lock at all, or a CONCURRENTLY step that lets writes pass: none', () => {
    for (const step of [draft({ locks: [] }), draft({ locks: [lock('public.t', 'SHARE UPDATE EXCLUSIVE')], transactional: false, work: 'index-build' })]) {
      expect([finalize(step).lockTimeoutMs, finalize(step).retry]).toEqual([null, null]);
    }
  });
  test('the options decide the numbers', () => {
    const step = finalizeSteps([draft({ locks: [lock('public.t', 'ACCESS EXCLUSIVE')] })], NO_FACTS, { ...options, lockTimeoutMs: 1500, lockRetries: 0 })[0]!;
    expect([step.lockTimeoutMs, step.retry?.attempts]).toEqual([1500, 1]);
  });
});

describe('statement timeout', () => {
  const estimate = (maxSeconds: number) => ({ minSeconds: 0, maxSeconds, basis: '' });
  test('max(60 s, 3 x the maximum, rounded up to the second), plus the lock timeout', () => {
    expect(statementTimeoutFor(draft(), estimate(0.05), null)).toBe(60_000);
    expect(statementTimeoutFor(draft(), estimate(0.05), 3000)).toBe(63_000);
    expect(statementTimeoutFor(draft(), estimate(350), null)).toBe(1_050_000);
    expect(statementTimeoutFor(draft(), estimate(100.1), null)).toBe(301_000);
  });
  test('none for backfills and non-transactional steps (a cancelled CIC leaves an INVALID index)', () => {
    expect(statementTimeoutFor(draft({ work: 'backfill' }), estimate(1000), null)).toBe(0);
    expect(statementTimeoutFor(draft({ kind: 'create-index-concurrently', work: 'index-build', transactional: false }), estimate(1000), null)).toBe(0);
  });
});

test('the draft passes through unchanged beside the new fields', () => {
  const backfill = { table: 'public.t', column: 'c', expression: '1', keyColumns: ['id'], firstBatchSql: 'SELECT 1', batchSql: 'SELECT 1', batchSize: 5000 };
  const input = draft({ kind: 'validate-constraint', work: 'scan', constraintType: 'check', backfill, hazards: [{ hazard: 'can-fail', message: 'dirty rows' }] });
  const step = finalize(input);
  const { hazards, ...rest } = input;
  expect(step).toMatchObject(rest);
  expect(step.hazards).toEqual(hazards);
  expect(step.estimate.basis).toBe('1 GB heap x 0.65-6.5 s/GB (scan)');
  expect(step.risk).toBe(25);
  expect(finalizeSteps([], NO_FACTS, options)).toEqual([]);
});
