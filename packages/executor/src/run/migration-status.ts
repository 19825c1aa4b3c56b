// `wesley migrate status`: the migrations folder joined with the ledger: applied, pending, and
// interrupted ones with where they stopped (the ledger) and their checkpoint file.
import type pg from 'pg';
import type { Migration } from '../migrations/index.js';
import { DEFAULT_CHECKPOINT_DIR, readCheckpoint, type Checkpoint } from './checkpoints.js';
import { readLedger, readLedgerSteps } from './ledger.js';

export interface MigrationState {
  readonly id: string;
  readonly name: string;
  readonly state: 'applied' | 'pending' | 'interrupted' | 'rolled back' | 'missing from the folder';
  readonly appliedAt: string | null;
  readonly steps: number | null;
  readonly stepsDone: number | null;
  readonly error: string | null;
  readonly checkpoint: Checkpoint | null;
}

export async function migrationStatus(client: pg.ClientBase, migrations: readonly Migration[], options: { checkpointDir?: string } = {}): Promise<MigrationState[]> {
  const ledger = await readLedger(client);
  const byId = new Map(ledger.map((m) => [m.id, m]));
  const dir = options.checkpointDir ?? DEFAULT_CHECKPOINT_DIR;
  const states: MigrationState[] = [];
  for (const m of migrations) {
    const known = byId.get(m.id);
    const done = known ? [...(await readLedgerSteps(client, m.id)).values()].filter((s) => s.done).length : 0;
    const state = !known ? 'pending' : known.status === 'applied' ? 'applied' : known.status === 'rolled back' ? 'rolled back' : 'interrupted';
    states.push({
      id: m.id, name: m.name, state, appliedAt: known?.status === 'applied' ? known.finishedAt : null,
      steps: m.plan.steps.length, stepsDone: known ? done : null, error: known?.error ?? null,
      checkpoint: state === 'interrupted' ? readCheckpoint(dir, m.id) : null,
    });
  }
  for (const known of ledger.filter((l) => !migrations.some((m) => m.id === l.id))) {
    states.push({ id: known.id, name: known.name, state: 'missing from the folder', appliedAt: known.finishedAt, steps: null, stepsDone: null, error: known.error, checkpoint: null });
  }
  return states.sort((a, b) => a.id.localeCompare(b.id));
}
