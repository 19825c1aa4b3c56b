import type { DraftStep, Estimate, ServerFacts } from '../types.js';
import { formatBytes, formatNumber, GB, roundSeconds } from './format.js';
import { tableSize } from './table-size.js';

/**
 * How much slower than the calibration run production may be: cold cache, I/O-bound disks,
 * concurrent load. An assumption (PG-LOCKS section 6 guesses 5-20x), not a measurement.
 */
export const PESSIMISM_FACTOR = 10;

/**
 * Seconds per GB of heap measured on PG 15.18, 2 vCPU, warm cache, idle (PG-LOCKS section 6):
 * `fast` is the optimistic end, `slow` the slowest measured variant (times PESSIMISM_FACTOR for
 * the estimate's maximum).
 */
export const SECONDS_PER_GB = {
  scan: { fast: 0.65, slow: 0.65, label: 'scan' },
  'foreign-key-scan': { fast: 2, slow: 2, label: 'foreign key scan' },
  'index-build': { fast: 4, slow: 13, label: 'index build' },
  'concurrent-index-build': { fast: 5.5, slow: 13 * 1.3, label: 'concurrent index build' },
  rewrite: { fast: 35, slow: 35, label: 'rewrite' },
} as const;
export type SizedWork = keyof typeof SECONDS_PER_GB;

/** Batched backfill rate measured in PG-LOCKS section 6 (4M rows, 50k-row batches, 126 s). */
export const BACKFILL_ROWS_PER_SECOND = 32_000;
/** Heap bytes per row in the calibration table (386 MB / 4M rows): rows when only bytes are known. */
export const BYTES_PER_ROW = 100;
/** A catalog-only statement: 1-2 ms measured; the ceiling leaves room for a busy catalog. */
export const CATALOG_SECONDS = { min: 0.001, max: 0.05 } as const;
/** The size assumed for a table the facts do not know: the maximum covers tables up to this. */
export const UNKNOWN_SIZE_BYTES = 10 * GB;

const SUPPLY_SIZES = 'supply sizes with --stats or --database-url';

/** How the step's time is computed. */
export type EstimateClass = 'catalog' | 'backfill' | SizedWork;

/** The work class of a step; steps about no table are catalog-only. */
export function estimateClass(step: DraftStep): EstimateClass {
  if (step.table === null || step.work === 'catalog') return 'catalog';
  if (step.work === 'backfill' || step.work === 'rewrite') return step.work;
  if (step.work === 'index-build') return step.transactional && step.kind !== 'create-index-concurrently' ? 'index-build' : 'concurrent-index-build';
  return isForeignKeyScan(step) ? 'foreign-key-scan' : 'scan';
}

/**
 * Foreign-key checks cost ~3x a plain scan (an anti-join). Without `constraintType`, a ROW SHARE
 * claim on another table (the referenced one, PG-LOCKS 4.2) gives a validation away.
 */
function isForeignKeyScan(step: DraftStep): boolean {
  if (step.constraintType !== undefined) return step.constraintType === 'foreign-key';
  if (step.kind === 'add-foreign-key') return true;
  return step.locks.some((claim) => claim.table !== step.table && claim.mode === 'ROW SHARE');
}

/** The step's duration range from the table's size and its work class. */
export function estimateStep(step: DraftStep, facts: ServerFacts): Estimate {
  const work = estimateClass(step);
  if (work === 'catalog' || step.table === null) return catalogEstimate();
  const size = tableSize(facts, step.table);
  const unknown = size === null;
  const bytes = size?.bytes ?? UNKNOWN_SIZE_BYTES;
  const prefix = unknown ? `size of ${step.table} unknown, assumed up to ${formatBytes(bytes)}: ` : '';
  const suffix = unknown ? `; ${SUPPLY_SIZES}` : '';
  if (work === 'backfill') {
    const rows = size !== null && size.rows > 0 ? size.rows : bytes / BYTES_PER_ROW;
    const rowsText = size !== null && size.rows > 0 ? formatNumber(rows) : `~${formatNumber(rows)} (${formatBytes(bytes)} / ${BYTES_PER_ROW} B per row)`;
    const slowRate = BACKFILL_ROWS_PER_SECOND / PESSIMISM_FACTOR;
    const basis = `${prefix}${rowsText} rows at ${formatNumber(BACKFILL_ROWS_PER_SECOND)}-${formatNumber(slowRate)} rows/s (backfill)${suffix}`;
    return sizedEstimate(unknown ? 0 : rows / BACKFILL_ROWS_PER_SECOND, rows / slowRate, basis);
  }
  const rate = SECONDS_PER_GB[work];
  const slow = rate.slow * PESSIMISM_FACTOR;
  const basis = `${prefix}${formatBytes(bytes)} heap x ${formatNumber(rate.fast)}-${formatNumber(slow)} s/GB (${rate.label})${suffix}`;
  return sizedEstimate(unknown ? 0 : (bytes / GB) * rate.fast, (bytes / GB) * slow, basis);
}

/** Catalog-only: the time does not depend on size; waiting for the lock is lock_timeout's business. */
function catalogEstimate(): Estimate {
  return CATALOG_ESTIMATE;
}

// One frozen object for every catalog-only step: plans have thousands of them.
const CATALOG_ESTIMATE: Estimate = Object.freeze({
  minSeconds: CATALOG_SECONDS.min,
  maxSeconds: CATALOG_SECONDS.max,
  basis: `catalog only: ${CATALOG_SECONDS.min}-${CATALOG_SECONDS.max} s whatever the size (waiting for the lock is bounded by lock_timeout)`,
});

/** No statement is faster than a catalog-only one. */
function sizedEstimate(min: number, max: number, basis: string): Estimate {
  return { minSeconds: roundSeconds(Math.max(CATALOG_SECONDS.min, min)), maxSeconds: roundSeconds(Math.max(CATALOG_SECONDS.max, max)), basis };
}
