import { commentOnTableStatement, commentOnTypeStatement, qualifiedName, quoteIdent, rowTriggerTargets, updatedAtTriggerName, type ColumnIR, type TableIR } from '@wesley/ir';
import { REFUSAL_CODES } from '../errors.js';
import type { ColumnPair } from '../match-schema.js';
import { tableKey, type PlanContext } from '../plan-context.js';
import { updatedAtTriggers } from './tables.js';

/** The updated-at triggers of a table in both schemas: new, renamed (the name follows the table) and removed ones. */
export function planUpdatedAtTriggers(ctx: PlanContext, from: TableIR, to: TableIR, columns: readonly ColumnPair[], added: readonly ColumnIR[]): void {
  const key = tableKey(to);
  const targets = rowTriggerTargets(to);
  const lockTargets = to.partitioning ? to.partitioning.partitions.map((p) => `${to.schema}.${p.name}`) : [key];
  const locks = (mode: 'SHARE ROW EXCLUSIVE' | 'ACCESS EXCLUSIVE') => lockTargets.map((table) => ({ table, mode }));
  const wanted = [...added.filter((c) => c.updatedAt), ...columns.filter((p) => p.to.updatedAt && !p.from.updatedAt).map((p) => p.to)];
  if (wanted.length && targets.length) {
    ctx.add({
      phase: 'expand', kind: 'create-trigger', object: `${key}.${wanted.map((c) => c.name).join(',')}`, table: key, locks: locks('SHARE ROW EXCLUSIVE'),
      summary: `Create the updated-at trigger for ${wanted.map((c) => c.name).join(', ')} on ${key}`,
      sql: updatedAtTriggers(ctx, to, wanted),
      rollback: { kind: 'sql', sql: targets.flatMap((t) => wanted.map((c) => `DROP TRIGGER IF EXISTS ${quoteIdent(updatedAtTriggerName(to, c))} ON ${t}`)), transactional: true },
    });
  }
  for (const pair of columns) {
    if (!pair.from.updatedAt || !pair.to.updatedAt) continue;
    const before = updatedAtTriggerName(from, pair.from);
    const after = updatedAtTriggerName(to, pair.to);
    // The trigger names its column in an argument, which a column rename does not update.
    if (before === after && pair.from.name === pair.to.name) continue;
    const dropSql = (name: string) => targets.map((t) => `DROP TRIGGER IF EXISTS ${quoteIdent(name)} ON ${t}`);
    ctx.add({
      phase: 'expand', kind: 'replace-trigger', object: `${key}.${after}`, table: key, locks: locks('ACCESS EXCLUSIVE'),
      summary: `Replace the updated-at trigger ${before} on ${key} with ${after} for column ${pair.to.name}`,
      sql: [...dropSql(before), ...updatedAtTriggers(ctx, to, [pair.to], targets)],
      rollback: { kind: 'sql', sql: [...dropSql(after), ...updatedAtTriggers(ctx, from, [pair.from], targets)], transactional: true },
    });
  }
  const gone = [...columns.filter((p) => p.from.updatedAt && !p.to.updatedAt).map((p) => p.from), ...from.columns.filter((c) => c.updatedAt && !columns.some((p) => p.from.name === c.name))];
  if (gone.length) {
    const names = gone.map((c) => updatedAtTriggerName(from, c));
    ctx.add({
      phase: 'contract', kind: 'drop-trigger', object: `${key}.${names.join(',')}`, table: key, locks: locks('ACCESS EXCLUSIVE'),
      summary: `Drop the updated-at trigger${names.length > 1 ? 's' : ''} ${names.join(', ')} of ${key}`,
      sql: targets.flatMap((t) => names.map((n) => `DROP TRIGGER IF EXISTS ${quoteIdent(n)} ON ${t}`)),
      hazards: [{ hazard: 'breaks-clients', message: `${gone.map((c) => c.name).join(', ')} stop being set on UPDATE` }],
      rollback: { kind: 'none', reason: 'recreate the trigger from the old schema (plan the reverse migration)' },
    });
  }
}

/** COMMENT ON TABLE when the table's comment changed. */
export function planTableComment(ctx: PlanContext, from: TableIR, to: TableIR): void {
  if (from.comment === to.comment) return;
  const key = tableKey(to);
  ctx.add({
    phase: 'expand', kind: 'comment', object: key, table: key, locks: [{ table: key, mode: 'SHARE UPDATE EXCLUSIVE' }],
    summary: `Comment on table ${key}`,
    sql: [commentOnTableStatement(to, to.comment)],
    rollback: { kind: 'sql', sql: [commentOnTableStatement(to, from.comment)], transactional: true },
  });
}

/** COMMENT ON TYPE for enums whose comment changed; DROP TYPE (behind `--unsafe`) for enums that are gone. */
export function planEnumExtras(ctx: PlanContext): void {
  const next = new Map(ctx.to.enums.map((e) => [`${e.schema}.${e.name}`, e]));
  for (const e of ctx.from?.enums ?? []) {
    const object = `${e.schema}.${e.name}`;
    const now = next.get(object);
    if (now && now.comment !== e.comment) {
      ctx.add({
        phase: 'expand', kind: 'comment', object, table: null, locks: [], summary: `Comment on enum ${object}`,
        sql: [commentOnTypeStatement(now, now.comment)],
        rollback: { kind: 'sql', sql: [commentOnTypeStatement(now, e.comment)], transactional: true },
      });
    }
    if (now) continue;
    ctx.addDestructive({
      phase: 'contract', kind: 'drop-enum', object, table: null, locks: [], summary: `Drop enum ${object}`,
      sql: [`DROP TYPE ${qualifiedName(e.schema, e.name)}`],
      rollback: { kind: 'irreversible', reason: 'recreate it from the old schema; columns that used it are gone' },
    }, { code: REFUSAL_CODES.destructive, reason: `Enum ${object} is not in the new schema.`, hint: 'Pass --unsafe to drop it.' });
  }
  for (const e of ctx.to.enums) {
    if (e.comment !== null && !(ctx.from?.enums ?? []).some((o) => o.schema === e.schema && o.name === e.name)) {
      ctx.add({ phase: 'expand', kind: 'comment', object: `${e.schema}.${e.name}`, table: null, locks: [], summary: `Comment on enum ${e.schema}.${e.name}`, sql: [commentOnTypeStatement(e)], rollback: { kind: 'none', reason: 'the enum is new' } });
    }
  }
}
