// What `migrate execute` / `resume` refuse without --unsafe, checked on each migration's plan
// after it is planned with the database's facts and before any of it runs: destructive steps
// (drops, rewrites), and steps the planner marked for the low-traffic window when the config's
// maintenance window is closed.
import { WesleyError } from '@wesley/ir';
import type { Plan, Step } from '@wesley/planner';
import type { MaintenanceWindow } from '../config/config-schema.js';
import { describeWindow, isWindowOpen, nextWindowOpening } from '../maintenance-window.js';

/** The CLI's refusal codes (docs/errors.md); both exit 3. */
export const GATE_ERROR_CODES = {
  unsafeRequired: 'WESLEY_CLI_UNSAFE_REQUIRED',
  outsideWindow: 'WESLEY_CLI_OUTSIDE_MAINTENANCE_WINDOW',
} as const;

const stepLine = (s: Step, why: string) => `  - ${s.id} ${s.summary}: ${why}`;

/**
 * Throws when `plan` may not run now without --unsafe. With --unsafe, returns the warning to print
 * when it lets low-traffic steps run outside the maintenance window (null otherwise).
 */
export function checkGates(migrationId: string, plan: Plan, options: { unsafe: boolean; window: MaintenanceWindow | undefined; now: Date; command: string }): string | null {
  const window = options.window;
  const heavy = plan.steps.filter((s) => s.window === 'low-traffic');
  const closed = window !== undefined && heavy.length > 0 && !isWindowOpen(window, options.now);
  if (options.unsafe) {
    return closed ? `--unsafe: running ${heavy.length === 1 ? 'a low-traffic step' : `${heavy.length} low-traffic steps`} of ${migrationId} (${heavy.map((s) => s.id).join(', ')}) outside the maintenance window (${describeWindow(window)}).` : null;
  }
  const destructive = plan.steps.filter((s) => s.requiresUnsafe);
  if (destructive.length) {
    const risk = (s: Step) => s.hazards.filter((h) => h.hazard === 'data-loss' || h.hazard === 'long-lock' || h.hazard === 'breaks-clients').map((h) => h.message).join('; ') || 'destructive';
    throw new WesleyError({
      code: GATE_ERROR_CODES.unsafeRequired,
      message: `Migration ${migrationId} has ${destructive.length === 1 ? 'a destructive step' : `${destructive.length} destructive steps`}, which \`wesley ${options.command}\` runs only with --unsafe:\n${destructive.map((s) => stepLine(s, risk(s))).join('\n')}\nNothing of this migration was run.`,
      hint: `Review the plan (\`wesley ${options.command} --explain\`), back up what it drops or rewrites, then run \`wesley ${options.command} --unsafe\`.`,
      details: { operation: options.command, migration: migrationId, steps: destructive.map((s) => s.id), flag: '--unsafe' },
    });
  }
  if (!closed) return null;
  const next = nextWindowOpening(window, options.now).toISOString().replace(/:\d\d\.\d{3}Z$/, 'Z');
  throw new WesleyError({
    code: GATE_ERROR_CODES.outsideWindow,
    message: `Migration ${migrationId} has ${heavy.length === 1 ? 'a step' : `${heavy.length} steps`} for the low-traffic window, and the maintenance window (${describeWindow(window)}) is closed until ${next}:\n${heavy.map((s) => stepLine(s, `estimated up to ${Math.ceil(s.estimate.maxSeconds)} s${s.work === 'backfill' ? ', a backfill' : ''}${s.kind === 'validate-constraint' ? ', a full scan to validate' : ''}`)).join('\n')}\nNothing of this migration was run.`,
    hint: `Run it in the window (from ${next}), or pass --unsafe to run it now under load.`,
    details: { operation: options.command, migration: migrationId, steps: heavy.map((s) => s.id), window: describeWindow(window), opensAt: next, flag: '--unsafe' },
  });
}
