// The plan's undo as one SQL script (a migration folder's down.sql): each step's rollback, last
// step first, wrapped as the forward step runs. An irreversible step stops the script with an
// error, and what would come after it is left in comments, so no runner can skip it silently.
import { dollarQuote, quoteLiteral } from '@wesley/ir';
import type { Plan, Step } from '../types.js';
import { terminateStatement } from './plan-script.js';

/** What the rollback of a plan without steps says. */
export const NOTHING_TO_ROLL_BACK = 'No changes: nothing to roll back.';

/** `-- ` before every line, so that no line of the text can escape the comment. */
function comment(text: string): string[] {
  return text.split(/\r?\n/).map((line) => `-- ${line}`.trimEnd());
}

const shortHash = (hash: string | null): string => (hash === null ? 'empty database' : hash.slice(0, 12));

function header(plan: Plan): string[] {
  return [
    'Wesley rollback script',
    `Undoes the migration ${shortHash(plan.fromHash)} -> ${shortHash(plan.toHash)} (${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}), last step first.`,
    '',
    'Run it with: psql -v ON_ERROR_STOP=1 -f <this file>',
    'It assumes every step of the migration completed. A step that cannot be undone stops the script',
    'with an error (RAISE EXCEPTION); the rollbacks of the steps before it follow in comments only.',
  ].flatMap(comment);
}

function lockTimeout(step: Step, scope: 'LOCAL ' | ''): string[] {
  return step.lockTimeoutMs === null ? [] : [`SET ${scope}lock_timeout = '${step.lockTimeoutMs}ms';`];
}

/** The statements that undo one step, or null when it cannot be undone. */
function undo(step: Step): string[] | null {
  const { rollback } = step;
  if (rollback.kind === 'irreversible') return null;
  if (rollback.kind === 'none') return [];
  const statements = rollback.sql.map(terminateStatement);
  if (statements.length === 0) return [];
  return rollback.transactional
    ? ['BEGIN;', ...lockTimeout(step, 'LOCAL '), ...statements, 'COMMIT;']
    : [...lockTimeout(step, ''), ...statements, ...(step.lockTimeoutMs === null ? [] : ['RESET lock_timeout;'])];
}

function notes(step: Step): string[] {
  const { rollback } = step;
  const how =
    rollback.kind === 'none'
      ? [`Nothing to undo: ${rollback.reason}`]
      : rollback.kind === 'irreversible'
        ? [`Cannot be undone: ${rollback.reason}`]
        : rollback.transactional
          ? []
          : ['Runs outside a transaction.'];
  return [`Undo step ${step.id}`, step.summary, ...how];
}

/** A guard that fails the script: psql without ON_ERROR_STOP goes on, but the rest is comments. */
function stopGuard(step: Step): string {
  const reason = step.rollback.kind === 'irreversible' ? step.rollback.reason : '';
  const message = `Wesley rollback stopped: step ${step.id} cannot be undone: ${reason}`;
  const hint = 'Undo it by hand (or restore from a backup), then run the rollbacks that follow in comments.';
  return `DO ${dollarQuote(`BEGIN RAISE EXCEPTION USING MESSAGE = ${quoteLiteral(message)}, HINT = ${quoteLiteral(hint)}; END`)};`;
}

/**
 * The plan's rollback as a psql script: the rollback SQL of every step, last step first. An
 * irreversible step becomes a guard that raises an error; every rollback after it is a comment.
 */
export function rollbackScript(plan: Plan): string {
  if (plan.steps.length === 0) return `${comment(NOTHING_TO_ROLL_BACK).join('\n')}\n`;
  const lines = [...header(plan), ''];
  let stopped = false;
  const steps = [...plan.steps].reverse();
  for (const [index, step] of steps.entries()) {
    const statements = undo(step);
    if (stopped) {
      lines.push(...comment(notes(step).join('\n')), ...(statements ?? []).flatMap(comment), '');
      continue;
    }
    lines.push(...notes(step).flatMap(comment));
    if (statements === null) {
      stopped = true;
      lines.push(stopGuard(step), '');
      if (index < steps.length - 1) lines.push(...comment('Not run: the script stops above. The rollbacks of the earlier steps, for reference:'), '');
    } else {
      lines.push(...statements, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
