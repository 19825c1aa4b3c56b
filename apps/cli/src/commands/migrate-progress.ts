// How `wesley migrate execute` shows a run: NDJSON on stdout with --json, a progress display on a
// terminal (cli-progress: the overall migration and the step in progress, with rows, rate and
// ETA for backfills), and one line per event on stderr otherwise (CI logs, pipes).
import type { ExecutorEvent, LockHolder } from '@wesley/executor';
import { describeHolder } from '@wesley/executor';
import cliProgress from 'cli-progress';
import type { CommandContext } from '../command-context.js';
import { formatMs } from './migrate-session.js';

/** What the run reports: the executor's events, and the CLI's own wait for the migration lock. */
export type RunEvent = ExecutorEvent | { readonly type: 'lock-wait'; readonly holder: LockHolder | null; readonly waitedMs: number };

export interface Reporter {
  event(event: RunEvent): void;
  /** Ends the display (idempotent); call it before printing the outcome. */
  stop(): void;
}

const rows = (n: number) => n.toLocaleString('en-US');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The batch's progress: `1,000 / 4,000 rows (25%), 12,000 rows/s, ETA 0.3 s`. */
function describeBatch(e: Extract<RunEvent, { type: 'batch' }>): string {
  const pct = e.rowsTotal ? ` (${Math.min(100, Math.round((e.rowsDone / e.rowsTotal) * 100))}%)` : '';
  const eta = e.etaMs === null ? '' : `, ETA ${formatMs(e.etaMs)}`;
  return `${rows(e.rowsDone)}${e.rowsTotal === null ? '' : ` / ~${rows(e.rowsTotal)}`} rows${pct}, ${rows(e.rowsPerSecond)} rows/s${eta}`;
}

/** One line for an event, for logs. */
export function describeEvent(e: RunEvent): string {
  switch (e.type) {
    case 'lock-wait':
      return `waiting for the migration lock, held by ${describeHolder(e.holder)} (${formatMs(e.waitedMs)} so far)`;
    case 'migration-start':
      return `${e.migration}: ${e.resumed ? 'resuming' : 'starting'} (${e.steps} steps)`;
    case 'replanned':
      return `${e.migration}: planned again: ${e.reason}`;
    case 'migration-skip':
      return `${e.migration}: skipped (${e.reason})`;
    case 'waiting-for-session':
      return `${e.migration}: waiting for the session of an earlier run to end${e.pid === null ? '' : ` (pid ${e.pid}${e.query ? `, running: ${oneLine(e.query).slice(0, 120)}` : ''})`}, ${formatMs(e.waitedMs)} so far`;
    case 'step-start':
      return `${e.migration}: step ${e.index}/${e.total} ${e.stepId}: ${e.summary}${e.resumedBatches ? ` (resuming after batch ${e.resumedBatches})` : ''}`;
    case 'step-skip':
      return `${e.migration}: step ${e.stepId} skipped (${e.reason})`;
    case 'step-retry':
      return `${e.migration}: step ${e.stepId}: attempt ${e.attempt}/${e.attempts} in ${formatMs(e.delayMs)} (${oneLine(e.reason)})`;
    case 'invalid-index-dropped':
      return `${e.migration}: step ${e.stepId}: dropped the INVALID index ${e.index} an interrupted build left; building it again`;
    case 'batch':
      return `${e.migration}: step ${e.stepId}: batch ${e.batch}, ${describeBatch(e)}`;
    case 'index-progress':
      return `${e.migration}: step ${e.stepId}: index build ${e.percent}% (${e.phase})${e.waitingForPid === null ? '' : `, waiting for pid ${e.waitingForPid}`}`;
    case 'step-done':
      return `${e.migration}: step ${e.stepId} done in ${formatMs(e.ms)}`;
    case 'migration-done':
      return `${e.migration}: applied in ${formatMs(e.ms)}`;
    case 'migration-failed':
      return `${e.migration}: failed at step ${e.stepId}: ${e.error.code}`;
    default:
      // An event type a newer @wesley/executor added: still one line.
      return JSON.stringify(e);
  }
}

/** --json: every event as one line of JSON on stdout (the result line follows). */
export function ndjsonReporter(ctx: CommandContext, redact: <T>(value: T) => T): Reporter {
  return { event: (e) => ctx.io.stdout(`${JSON.stringify(redact(e))}\n`), stop: () => {} };
}

/** A step that took this long gets its own `done` line in a log; faster ones are only counted. */
const SLOW_STEP_MS = 1000;
/** Progress lines of a long step (batches, an index build) at most this often in a log. */
const PROGRESS_EVERY_MS = 5000;

/**
 * Not a terminal (a pipe, a CI log): quiet, one line per event that matters: migrations starting
 * and ending, slow steps, retries, waits and failures, and a long step's progress every 5 s.
 */
export function lineReporter(ctx: CommandContext, redact: <T>(value: T) => T, now: () => number = Date.now): Reporter {
  let lastProgress = -Infinity;
  const line = (e: RunEvent) => ctx.io.stderr(`${describeEvent(redact(e))}\n`);
  return {
    event: (e) => {
      switch (e.type) {
        case 'step-start':
          lastProgress = now();
          return;
        case 'step-done':
          if (e.ms >= SLOW_STEP_MS) line(e);
          return;
        case 'batch':
        case 'index-progress':
          if (now() - lastProgress < PROGRESS_EVERY_MS) return;
          lastProgress = now();
          line(e);
          return;
        default:
          line(e);
      }
    },
    stop: () => {},
  };
}

/** Whether stderr is a terminal that can redraw a progress display (and the output is not JSON). */
export function isInteractive(ctx: CommandContext, json: boolean): boolean {
  return !json && process.stderr.isTTY === true && ctx.env.TERM !== undefined && ctx.env.TERM !== 'dumb' && !ctx.env.CI;
}

interface Payload {
  readonly label: string;
  readonly detail: string;
}

/** A terminal: a bar for the migration (steps, a backfill counting by its rows) and one for the step in progress. */
export function terminalReporter(redact: <T>(value: T) => T): Reporter {
  const multibar = new cliProgress.MultiBar({
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
    gracefulExit: true,
    barsize: 24,
    format: (options, params, payload: Payload) => `${payload.label} [${cliProgress.Format.BarFormat(params.progress, options)}] ${String(Math.floor(params.progress * 100)).padStart(3)}% ${payload.detail}`,
  }, cliProgress.Presets.shades_classic);
  let overall: cliProgress.SingleBar | null = null;
  let step: cliProgress.SingleBar | null = null;
  let stepsDone = 0;
  let steps = 0;
  let migration = '';
  let stopped = false;
  // Before the first bar and after the last, nothing redraws: write directly.
  const log = (line: string) => (multibar.isActive ? multibar.log(`${line}\n`) : process.stderr.write(`${line}\n`));
  const endStep = () => {
    if (step) multibar.remove(step);
    step = null;
  };
  const setOverall = (fraction: number, detail: string) => overall?.update(stepsDone + fraction, { label: migration, detail });
  return {
    event(raw) {
      if (stopped) return;
      const e = redact(raw);
      switch (e.type) {
        case 'migration-start':
          if (overall) multibar.remove(overall);
          migration = e.migration;
          steps = e.steps;
          stepsDone = 0;
          overall = multibar.create(Math.max(1, steps), 0, { label: migration, detail: `0/${steps} steps` });
          log(describeEvent(e));
          break;
        case 'step-start':
          endStep();
          step = multibar.create(1, 0, { label: `  ${e.index}/${e.total}`, detail: `${e.stepId}: ${oneLine(e.summary).slice(0, 60)}` });
          setOverall(0, `step ${e.index}/${e.total}`);
          break;
        case 'batch': {
          const total = e.rowsTotal ?? Math.max(e.rowsDone, 1);
          step?.setTotal(Math.max(total, 1));
          step?.update(Math.min(e.rowsDone, total), { label: '  backfill', detail: `${e.stepId}: ${describeBatch(e)}` });
          setOverall(e.rowsTotal ? Math.min(1, e.rowsDone / e.rowsTotal) : 0, `${stepsDone}/${steps} steps`);
          break;
        }
        case 'index-progress':
          step?.setTotal(100);
          step?.update(Math.min(100, e.percent), { label: '  index', detail: `${e.stepId}: ${e.phase}${e.waitingForPid === null ? '' : `, waiting for pid ${e.waitingForPid}`}` });
          setOverall(e.percent / 100, `${stepsDone}/${steps} steps`);
          break;
        case 'step-done':
        case 'step-skip':
          endStep();
          stepsDone++;
          setOverall(0, `${stepsDone}/${steps} steps`);
          log(`  ${describeEvent(e)}`);
          break;
        case 'migration-done':
          endStep();
          if (overall) multibar.remove(overall);
          overall = null;
          log(describeEvent(e));
          break;
        default:
          log(describeEvent(e));
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      // Flush the lines logged since the last redraw; stop() clears the bars only.
      if (multibar.isActive) multibar.update();
      multibar.stop();
    },
  };
}
