import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DraftStep, ServerFacts } from '../types.js';
import { LOCK_MODES } from '../types.js';
import { estimateStep } from './estimate.js';
import { blocksWrites } from './lock-conflicts.js';
import { durationClass, fanOut, LOCK_SEVERITY, planRisk, riskLevel, stepRisk } from './risk.js';
import { draft, factsWith, GIB, lock, NO_FACTS } from './test-fixtures.js';

const riskOf = (step: DraftStep, facts: ServerFacts) => stepRisk(step, estimateStep(step, facts), facts);
const hazardsOf = (step: DraftStep, facts: ServerFacts) => riskOf(step, facts).hazards.map((note) => note.hazard);

test('severity follows what the mode blocks: reads > writes > DDL only > nothing', () => {
  for (const mode of LOCK_MODES) {
    if (mode === 'ACCESS EXCLUSIVE') expect(LOCK_SEVERITY[mode]).toBe(10);
    else if (blocksWrites(mode)) expect(LOCK_SEVERITY[mode]).toBeGreaterThanOrEqual(8);
    else expect(LOCK_SEVERITY[mode]).toBeLessThanOrEqual(2);
  }
});

describe('stepRisk', () => {
  test('an instant ACCESS EXCLUSIVE step is LOW but says it blocks reads', () => {
    const step = draft({ locks: [lock('public.t', 'ACCESS EXCLUSIVE')] });
    expect(riskOf(step, factsWith('public.t', 100 * GIB)).risk).toBe(10);
    expect(hazardsOf(step, NO_FACTS)).toEqual(['blocks-reads']);
  });

  test('a scan under ACCESS EXCLUSIVE grows with the table, with a long-lock past 5 s', () => {
    const step = draft({ kind: 'set-not-null', work: 'scan', locks: [lock('public.t', 'ACCESS EXCLUSIVE')] });
    expect(riskOf(step, factsWith('public.t', 0.1 * GIB)).risk).toBe(10); // max 0.65 s: instant
    expect(riskOf(step, factsWith('public.t', GIB)).risk).toBe(40); // max 6.5 s: seconds
    expect(hazardsOf(step, factsWith('public.t', GIB))).toEqual(['blocks-reads', 'long-lock']);
    expect(riskOf(step, factsWith('public.t', 100 * GIB)).risk).toBe(70); // max 650 s: minutes
    expect(riskOf(step, factsWith('public.t', 1000 * GIB)).risk).toBe(100); // hours
  });

  test('SHARE (plain CREATE INDEX) blocks writes only', () => {
    const step = draft({ kind: 'create-parent-index', work: 'index-build', locks: [lock('public.t', 'SHARE')] });
    expect(hazardsOf(step, factsWith('public.t', GIB))).toEqual(['blocks-writes', 'long-lock']);
    expect(riskOf(step, factsWith('public.t', GIB)).risk).toBe(8 * 7);
  });

  test('a concurrent index build stays LOW on its locks and raises no lock hazard', () => {
    const step = draft({ kind: 'create-index-concurrently', work: 'index-build', transactional: false, locks: [lock('public.t', 'SHARE UPDATE EXCLUSIVE')] });
    const { risk, hazards } = riskOf(step, factsWith('public.t', 100 * GIB));
    expect(risk).toBe(2 * 10);
    expect(hazards).toEqual([]);
  });

  test('unknown sizes count as minutes', () => {
    const step = draft({ work: 'scan', locks: [lock('public.t', 'ACCESS EXCLUSIVE')] });
    expect(durationClass(step, estimateStep(step, NO_FACTS), NO_FACTS)).toBe('unknown');
    expect(riskOf(step, NO_FACTS).risk).toBe(70);
    expect(durationClass(draft(), estimateStep(draft(), NO_FACTS), NO_FACTS)).toBe('instant');
  });

  test('fan-out: +25% a further blocking table, at most 2x; ROW SHARE and ACCESS SHARE do not count', () => {
    expect([0, 1, 2, 5, 40].map(fanOut)).toEqual([1, 1, 1.25, 2, 2]);
    const fk = draft({ kind: 'add-foreign-key', locks: [lock('public.t', 'SHARE ROW EXCLUSIVE'), lock('public.p', 'SHARE ROW EXCLUSIVE')] });
    expect(riskOf(fk, NO_FACTS).risk).toBe(10);
    const validate = draft({ kind: 'validate-constraint', work: 'scan', locks: [lock('public.t', 'SHARE UPDATE EXCLUSIVE'), lock('public.p', 'ROW SHARE')] });
    expect(riskOf(validate, factsWith('public.t', GIB)).risk).toBe(2 * 4);
  });

  test('semantic hazards raise the floor', () => {
    const withHazard = (hazard: 'can-fail' | 'breaks-clients' | 'security' | 'data-loss') => draft({ hazards: [{ hazard, message: 'm' }] });
    expect(riskOf(withHazard('can-fail'), NO_FACTS).risk).toBe(25);
    expect(riskOf(withHazard('breaks-clients'), NO_FACTS).risk).toBe(50);
    expect(riskOf(withHazard('security'), NO_FACTS).risk).toBe(50);
    expect(riskOf(withHazard('data-loss'), NO_FACTS).risk).toBe(75);
  });

  test('the draft hazards come first and a lock hazard the draft has is not repeated', () => {
    const own = { hazard: 'blocks-reads', message: 'recipe says so' } as const;
    const step = draft({ hazards: [{ hazard: 'can-fail', message: 'm' }, own], locks: [lock('public.t', 'ACCESS EXCLUSIVE')] });
    expect(riskOf(step, NO_FACTS).hazards).toEqual([{ hazard: 'can-fail', message: 'm' }, own]);
  });

  test('property: an integer 0-100 that never falls as the table grows', () => {
    const works = fc.constantFrom('catalog', 'scan', 'rewrite', 'index-build', 'backfill' as const);
    fc.assert(
      fc.property(works, fc.constantFrom(...LOCK_MODES), fc.nat(2 ** 46), fc.nat(2 ** 46), (work, mode, a, b) => {
        const step = draft({ work, locks: [lock('public.t', mode)] });
        const [small, large] = [riskOf(step, factsWith('public.t', Math.min(a, b))).risk, riskOf(step, factsWith('public.t', Math.max(a, b))).risk];
        expect(Number.isInteger(small) && small >= 0 && large <= 100).toBe(true);
        expect(small).toBeLessThanOrEqual(large);
      }),
    );
  });
});

describe('planRisk', () => {
  test('levels at 25, 50 and 75', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 100].map(riskLevel)).toEqual(['LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH', 'CRITICAL', 'CRITICAL']);
  });

  test('the riskiest step, +2 for each further step at MEDIUM or above (at most +10), at most 100', () => {
    expect(planRisk([])).toEqual({ riskScore: 0, riskLevel: 'LOW' });
    expect(planRisk([{ risk: 10 }, { risk: 24 }])).toEqual({ riskScore: 24, riskLevel: 'LOW' });
    expect(planRisk([{ risk: 30 }, { risk: 25 }, { risk: 10 }])).toEqual({ riskScore: 32, riskLevel: 'MEDIUM' });
    expect(planRisk(Array.from({ length: 20 }, () => ({ risk: 40 }))).riskScore).toBe(50);
    expect(planRisk([{ risk: 100 }, { risk: 90 }]).riskScore).toBe(100);
  });
});
