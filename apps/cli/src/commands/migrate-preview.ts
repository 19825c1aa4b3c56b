// `wesley migrate execute --explain` and `--dry-run`: what the run would do, nothing run. Pending
// migrations come from the ledger (read in a read-only session, no lock); an interrupted one
// shows the plan its first run started, which is what resume continues.
import { pendingMigrations, readLedger, readLedgerPlan, readLedgerSteps, readMigrations } from '@wesley/executor';
import { explainText, planSchema, planScript, type Plan } from '@wesley/planner';
import type { CommandContext } from '../command-context.js';
import { connectOne, type Database } from './migrate-session.js';

export type PreviewMode = 'explain' | 'dry-run';

export interface PreviewedMigration {
  readonly id: string;
  readonly name: string;
  readonly state: 'pending' | 'interrupted';
  /** Steps an interrupted run completed (resume skips them). */
  readonly stepsDone: number;
  /** The explain text (--explain) or the SQL script (--dry-run). */
  readonly text: string;
}

export async function previewMigrations(ctx: CommandContext, db: Database, options: { dir: string; to?: string; mode: PreviewMode; command: string }): Promise<PreviewedMigration[]> {
  const migrations = await readMigrations(options.dir);
  const client = await connectOne(db, ctx, `wesley ${options.command} --${options.mode}`);
  try {
    await client.query(`SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; SET lock_timeout = '5s'; SET statement_timeout = '60s'`);
    const ledger = await readLedger(client);
    const previews: PreviewedMigration[] = [];
    for (const m of pendingMigrations(migrations, ledger, options.to)) {
      const known = ledger.find((l) => l.id === m.id);
      const interrupted = known?.status === 'running' || known?.status === 'failed';
      const plan = interrupted ? (planSchema.parse(await readLedgerPlan(client, m.id)) as Plan) : m.plan;
      const stepsDone = interrupted ? [...(await readLedgerSteps(client, m.id)).values()].filter((s) => s.done).length : 0;
      previews.push({ id: m.id, name: m.name, state: interrupted ? 'interrupted' : 'pending', stepsDone, text: options.mode === 'explain' ? explainText(plan) : planScript(plan) });
    }
    return previews;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Why the plan shown may differ from what runs. */
function note(p: PreviewedMigration, mode: PreviewMode): string {
  if (p.state === 'interrupted') {
    return `Interrupted after ${p.stepsDone} completed step(s): \`wesley migrate resume\` continues the plan its first run started (recorded in the ledger), skipping the completed steps.`;
  }
  return `The plan from plan.json, made without a database. \`wesley migrate execute\` plans it again with this database's table sizes before running it, so a large table may get ${mode === 'explain' ? 'batched backfills or concurrent index builds' : 'other statements'} this one does not show.`;
}

/** The text output: each pending migration's explain or script, and that nothing ran. */
export function formatPreview(previews: readonly PreviewedMigration[], mode: PreviewMode, dir: string): string {
  if (!previews.length) return `${mode === 'dry-run' ? '-- ' : ''}Nothing to run: every migration in ${dir} is applied. Nothing was run.\n`;
  const parts = previews.map((p) =>
    mode === 'explain'
      ? `== ${p.id} (${p.state}) ==\n${note(p, mode)}\n\n${p.text.trimEnd()}\n`
      : `-- ==== ${p.id} (${p.state}) ====\n-- ${note(p, mode)}\n\n${p.text.trimEnd()}\n`,
  );
  const footer = mode === 'explain' ? `Nothing was run (--explain).` : `-- Nothing was run (--dry-run).`;
  return `${parts.join('\n')}\n${footer}\n`;
}
