// Checkpoint files: the state of a running migration on local disk, rewritten after every step and
// batch (write to a temporary file, fsync, rename, fsync the folder: never half-written), with
// milestones at 25%, 50% and 75% of the work that `rollback --to` can return to. The ledger in the
// database is the authority on what is done; the file adds the milestones and lets `status` and an
// operator see where a run stopped without a connection. Removed when the migration is applied.
// Format: docs/checkpoints.md.
import fs from 'node:fs';
import path from 'node:path';
import type { Plan } from '@wesley/planner';
import type { ExecutorEvent } from './events.js';

export const CHECKPOINT_FORMAT_VERSION = 1 as const;
export const DEFAULT_CHECKPOINT_DIR = '.wesley/checkpoints';
export const MILESTONES = [25, 50, 75] as const;

export interface Milestone {
  /** `p25`, `p50`, `p75`: what `wesley migrate rollback --to` takes. */
  readonly name: string;
  readonly percent: number;
  readonly at: string;
  /** The steps completed when the milestone was passed. */
  readonly completedSteps: readonly string[];
}

export interface Checkpoint {
  readonly formatVersion: typeof CHECKPOINT_FORMAT_VERSION;
  readonly migration: string;
  readonly planHash: string;
  readonly status: 'running' | 'failed';
  readonly updatedAt: string;
  /** Share of the migration's work done, 0-100 (a step counts 1; a backfill counts its batches). */
  readonly percent: number;
  readonly completedSteps: readonly string[];
  /** The step in progress: for a backfill, the batches committed and the cursor reached. */
  readonly current: { readonly stepId: string; readonly batches: number; readonly cursor: readonly string[] | null } | null;
  readonly milestones: readonly Milestone[];
}

export const checkpointPath = (dir: string, migrationId: string) => path.join(dir, `${migrationId}.json`);

/** Writes `text` to `file` atomically: temp file, fsync, rename, fsync of the folder. */
export function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  const dirFd = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}

export function readCheckpoint(dir: string, migrationId: string): Checkpoint | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(checkpointPath(dir, migrationId), 'utf8')) as Checkpoint;
    return parsed.formatVersion === CHECKPOINT_FORMAT_VERSION ? parsed : null;
  } catch {
    return null;
  }
}

export function removeCheckpoint(dir: string, migrationId: string): void {
  fs.rmSync(checkpointPath(dir, migrationId), { force: true });
}

/** Keeps the checkpoint file of one run up to date from the executor's events. */
export class CheckpointWriter {
  private completed: string[];
  private current: Checkpoint['current'] = null;
  private milestones: Milestone[];
  private readonly weights: Map<string, number>;
  private readonly total: number;

  constructor(
    private readonly dir: string,
    private readonly migrationId: string,
    private readonly planHashValue: string,
    plan: Plan,
    rowEstimates: Readonly<Record<string, number>> = {},
    resumeFrom: Checkpoint | null = null,
  ) {
    this.weights = new Map(plan.steps.map((s) => [s.id, s.backfill ? Math.max(1, Math.ceil((rowEstimates[s.backfill.table] ?? 0) / s.backfill.batchSize)) : 1]));
    this.total = [...this.weights.values()].reduce((a, b) => a + b, 0) || 1;
    this.completed = resumeFrom?.planHash === planHashValue ? [...resumeFrom.completedSteps] : [];
    this.milestones = resumeFrom?.planHash === planHashValue ? [...resumeFrom.milestones] : [];
  }

  private percent(): number {
    const done = this.completed.reduce((sum, id) => sum + (this.weights.get(id) ?? 1), 0);
    const partial = this.current ? Math.min(this.current.batches, (this.weights.get(this.current.stepId) ?? 1) - 1) : 0;
    return Math.min(100, Math.round(((done + partial) / this.total) * 1000) / 10);
  }

  private write(status: Checkpoint['status']): void {
    const percent = this.percent();
    for (const mark of MILESTONES) {
      if (percent >= mark && !this.milestones.some((m) => m.percent === mark)) {
        this.milestones.push({ name: `p${mark}`, percent: mark, at: new Date().toISOString(), completedSteps: [...this.completed] });
      }
    }
    const checkpoint: Checkpoint = {
      formatVersion: CHECKPOINT_FORMAT_VERSION, migration: this.migrationId, planHash: this.planHashValue, status,
      updatedAt: new Date().toISOString(), percent, completedSteps: this.completed, current: this.current, milestones: this.milestones,
    };
    writeAtomically(checkpointPath(this.dir, this.migrationId), `${JSON.stringify(checkpoint, null, 2)}\n`);
  }

  /** Feed every executor event of the run here. */
  onEvent(event: ExecutorEvent): void {
    switch (event.type) {
      case 'migration-start':
        this.write('running');
        break;
      case 'step-skip':
        if (!this.completed.includes(event.stepId)) this.completed.push(event.stepId);
        break;
      case 'step-start':
        this.current = { stepId: event.stepId, batches: event.resumedBatches, cursor: null };
        break;
      case 'batch':
        this.current = { stepId: event.stepId, batches: event.batch, cursor: event.cursor };
        this.write('running');
        break;
      case 'step-done':
        this.completed.push(event.stepId);
        this.current = null;
        this.write('running');
        break;
      case 'migration-failed':
        this.write('failed');
        break;
      case 'migration-done':
        removeCheckpoint(this.dir, this.migrationId);
        break;
      default:
        break;
    }
  }
}
