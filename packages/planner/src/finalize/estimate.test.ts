import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { estimateClass, estimateStep, UNKNOWN_SIZE_BYTES } from './estimate.js';
import { draft, factsWith, GIB, lock, NO_FACTS } from './test-fixtures.js';

const CALIBRATION_HEAP = 386 * 1024 * 1024; // the PG-LOCKS section 6 table

describe('catalog-only steps', () => {
  test('take 1-50 ms whatever the size, and say why', () => {
    const estimate = estimateStep(draft({ work: 'catalog' }), factsWith('public.t', 100 * GIB));
    expect(estimate).toMatchObject({ minSeconds: 0.001, maxSeconds: 0.05 });
    expect(estimate.basis).toMatch(/^catalog only: .*lock_timeout/);
  });

  test('include every step about no table, whatever its work', () => {
    expect(estimateClass(draft({ table: null, work: 'scan' }))).toBe('catalog');
    expect(estimateStep(draft({ table: null, work: 'rewrite' }), NO_FACTS).maxSeconds).toBe(0.05);
  });
});

describe('size-dependent steps', () => {
  test('a scan of the calibration table: 0.65 s/GB, 10x for the maximum', () => {
    const estimate = estimateStep(draft({ kind: 'validate-constraint', work: 'scan', constraintType: 'check' }), factsWith('public.t', CALIBRATION_HEAP));
    expect(estimate).toEqual({ minSeconds: 0.245, maxSeconds: 2.45, basis: '386 MB heap x 0.65-6.5 s/GB (scan)' });
  });

  test.each([
    ['index-build', true, 'create-parent-index', 4, 130, 'index build'],
    ['index-build', false, 'create-index-concurrently', 5.5, 169, 'concurrent index build'],
    ['rewrite', true, 'alter-column-type', 35, 350, 'rewrite'],
  ] as const)('%s (transactional %s, %s) of 1 GB: %s-%s s', (work, transactional, kind, min, max, label) => {
    const estimate = estimateStep(draft({ work, transactional, kind }), factsWith('public.t', GIB));
    expect(estimate.minSeconds).toBeCloseTo(min, 3);
    expect(estimate.maxSeconds).toBeCloseTo(max, 3);
    expect(estimate.basis).toBe(`1 GB heap x ${min}-${max} s/GB (${label})`);
  });

  test('foreign-key scans cost 2 s/GB: from constraintType, the kind, or a ROW SHARE claim on the referenced table', () => {
    const scan = { kind: 'validate-constraint', work: 'scan' } as const;
    const facts = factsWith('public.t', GIB);
    expect(estimateStep(draft({ ...scan, constraintType: 'foreign-key' }), facts).minSeconds).toBe(2);
    expect(estimateStep(draft({ kind: 'add-foreign-key', work: 'scan' }), facts).minSeconds).toBe(2);
    const inferred = draft({ ...scan, locks: [lock('public.t', 'SHARE UPDATE EXCLUSIVE'), lock('public.parent', 'ROW SHARE')] });
    expect(estimateStep(inferred, facts).basis).toBe('1 GB heap x 2-20 s/GB (foreign key scan)');
    const partitionedCheck = draft({ ...scan, locks: [lock('public.t', 'SHARE UPDATE EXCLUSIVE'), lock('public.t_p1', 'SHARE UPDATE EXCLUSIVE')] });
    expect(estimateClass(partitionedCheck)).toBe('scan');
    expect(estimateClass(draft({ ...scan, constraintType: 'check', locks: inferred.locks }))).toBe('scan');
  });

  test('a partitioned table is sized by its partitions', () => {
    const facts = { serverVersionNum: 160004, tables: { 'public.t': { rows: 0, bytes: 0, partitions: { 'public.t_1': { rows: 1, bytes: GIB }, 'public.t_2': { rows: 1, bytes: GIB } } } } };
    expect(estimateStep(draft({ work: 'scan' }), facts).minSeconds).toBe(1.3);
  });

  test('a tiny table still costs what a catalog-only statement does', () => {
    expect(estimateStep(draft({ work: 'scan' }), factsWith('public.t', 8192))).toMatchObject({ minSeconds: 0.001, maxSeconds: 0.05 });
  });
});

describe('backfills', () => {
  test('the calibration run: 4M rows at 32,000 rows/s, 10x slower for the maximum', () => {
    const estimate = estimateStep(draft({ kind: 'backfill-column', work: 'backfill' }), factsWith('public.t', CALIBRATION_HEAP, 4_000_000));
    expect(estimate).toEqual({ minSeconds: 125, maxSeconds: 1250, basis: '4,000,000 rows at 32,000-3,200 rows/s (backfill)' });
  });

  test('without a row count, rows come from the bytes at 100 B per row', () => {
    const estimate = estimateStep(draft({ work: 'backfill' }), factsWith('public.t', 400_000_000, 0));
    expect(estimate.minSeconds).toBe(125);
    expect(estimate.basis).toMatch(/^~4,000,000 \(381 MB \/ 100 B per row\) rows/);
  });
});

describe('unknown sizes', () => {
  test('range from the catalog minimum (the table may be empty) to a 10 GB table at the slow rate, and say how to supply sizes', () => {
    const estimate = estimateStep(draft({ work: 'scan' }), NO_FACTS);
    expect(estimate.minSeconds).toBe(0.001);
    expect(estimate.maxSeconds).toBe(65);
    expect(estimate.basis).toBe('size of public.t unknown, assumed up to 10 GB: 10 GB heap x 0.65-6.5 s/GB (scan); supply sizes with --stats or --database-url');
  });

  test('backfills of unknown size assume 10 GB of 100-byte rows', () => {
    const estimate = estimateStep(draft({ work: 'backfill' }), NO_FACTS);
    expect(estimate.maxSeconds).toBeCloseTo(UNKNOWN_SIZE_BYTES / 100 / 3200, 2);
    expect(estimate.basis).toContain('--stats');
  });
});

test('property: min <= max, and both grow with the table', () => {
  const works = fc.constantFrom('scan', 'rewrite', 'index-build', 'backfill' as const);
  fc.assert(
    fc.property(works, fc.boolean(), fc.nat(2 ** 45), fc.nat(2 ** 45), (work, transactional, a, b) => {
      const [small, large] = a <= b ? [a, b] : [b, a];
      const step = draft({ work, transactional });
      const x = estimateStep(step, factsWith('public.t', small));
      const y = estimateStep(step, factsWith('public.t', large));
      expect(x.minSeconds).toBeLessThanOrEqual(x.maxSeconds);
      expect(x.minSeconds).toBeLessThanOrEqual(y.minSeconds);
      expect(x.maxSeconds).toBeLessThanOrEqual(y.maxSeconds);
    }),
  );
});
