// The progress of `migrate execute` in a log (not a terminal, no --json) is quiet: migrations
// starting and ending, slow steps, and a long step's progress at most every 5 s.
import { expect, test } from 'vitest';
import type { CommandContext } from '../../src/command-context.js';
import { lineReporter, type RunEvent } from '../../src/commands/migrate-progress.js';

function reporter() {
  let stderr = '';
  let clock = 0;
  const ctx = { io: { stdout: () => {}, stderr: (t: string) => (stderr += t) } } as unknown as CommandContext;
  const report = lineReporter(ctx, (v) => v, () => clock);
  return { report, advance: (ms: number) => (clock += ms), lines: () => stderr.split('\n').filter(Boolean) };
}

const m = { migration: '20250301120000_initial' };
const step = (stepId: string, index: number) => ({ type: 'step-start', ...m, stepId, kind: 'add-column', summary: `Step ${stepId}`, index, total: 3, resumedBatches: 0 }) as const;
const batch = (n: number) => ({ type: 'batch', ...m, stepId: 's3', batch: n, rowsDone: n * 1000, rowsTotal: 10_000, rowsPerSecond: 1000, etaMs: 1000, cursor: null }) as const;

test('no step-start lines; step-done only for steps of 1 s or more; batches at most every 5 s', () => {
  const { report, advance, lines } = reporter();
  const events: Array<RunEvent | number> = [
    { type: 'migration-start', ...m, name: 'initial', steps: 3, resumed: false },
    step('s1', 1), { type: 'step-done', ...m, stepId: 's1', ms: 12 },
    step('s2', 2), { type: 'step-done', ...m, stepId: 's2', ms: 1500 },
    step('s3', 3), 1000, batch(1), 4500, batch(2), 600, batch(3), 1000, batch(4), 5000, batch(5),
    { type: 'step-done', ...m, stepId: 's3', ms: 12_100 },
    { type: 'migration-done', ...m, ms: 13_700 },
  ];
  for (const e of events) typeof e === 'number' ? advance(e) : report.event(e);
  expect(lines()).toEqual([
    '20250301120000_initial: starting (3 steps)',
    '20250301120000_initial: step s2 done in 1.5 s',
    // 5.5 s after the step started, then not before 10.5 s.
    '20250301120000_initial: step s3: batch 2, 2,000 / ~10,000 rows (20%), 1,000 rows/s, ETA 1.0 s',
    '20250301120000_initial: step s3: batch 5, 5,000 / ~10,000 rows (50%), 1,000 rows/s, ETA 1.0 s',
    '20250301120000_initial: step s3 done in 12.1 s',
    '20250301120000_initial: applied in 13.7 s',
  ]);
});

test('retries, waits and failures are always shown', () => {
  const { report, lines } = reporter();
  report.event({ type: 'step-retry', ...m, stepId: 's1', attempt: 2, attempts: 5, delayMs: 500, reason: 'lock timeout' });
  report.event({ type: 'migration-failed', ...m, stepId: 's1', error: { code: 'WESLEY_EXEC_STEP_FAILED', message: 'boom' } });
  expect(lines()).toEqual(['20250301120000_initial: step s1: attempt 2/5 in 500 ms (lock timeout)', '20250301120000_initial: failed at step s1: WESLEY_EXEC_STEP_FAILED']);
});
