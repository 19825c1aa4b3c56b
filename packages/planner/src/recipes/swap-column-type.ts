import { constraintName, createIndexStatement, dollarQuote, parenthesize, qualifiedName, quoteIdent, commentOnColumnStatement, type ColumnIR, type TableIR } from '@wesley/ir';
import { REFUSAL_CODES } from '../errors.js';
import { notNullConstraintName } from '../make-object-name.js';
import { lockAll, tableKey, type PlanContext } from '../plan-context.js';
import { backfillColumn } from './backfill.js';
import { planNotNull } from './columns.js';
import { mentionsColumn } from '../mentions-column.js';


/**
 * Why the column's type cannot change by expand/contract (new column, sync trigger, backfill,
 * swap): keys, checks, policies, generation expressions and partial indexes bind to the column
 * itself and would follow the old one; partitioned tables need per-partition triggers before PG 13.
 */
export function swapBlockers(ctx: PlanContext, table: TableIR, column: ColumnIR): string[] {
  const c = column.name;
  const blockers: string[] = [];
  if (table.partitioning) blockers.push('the table is partitioned');
  if (column.identity !== null || column.generated !== null) blockers.push('it is an identity or generated column');
  if (table.primaryKey?.columns.includes(c)) blockers.push(`it is in the primary key ${table.primaryKey.name}`);
  for (const u of table.uniques) if (u.columns.includes(c) || mentionsColumn(u.where, c)) blockers.push(`unique constraint ${u.name} uses it`);
  for (const fk of table.foreignKeys) if (fk.columns.includes(c)) blockers.push(`foreign key ${fk.name} uses it`);
  for (const other of ctx.to.tables) {
    for (const fk of other.foreignKeys) {
      if (fk.references.schema === table.schema && fk.references.name === table.name && fk.references.columns.includes(c)) blockers.push(`foreign key ${other.name}.${fk.name} references it`);
    }
  }
  for (const check of table.checks) if (mentionsColumn(check.expression, c)) blockers.push(`check ${check.name} uses it`);
  for (const index of table.indexes) if (mentionsColumn(index.where, c)) blockers.push(`the predicate of index ${index.name} uses it`);
  for (const p of table.rls?.policies ?? []) if (mentionsColumn(p.using, c) || mentionsColumn(p.withCheck, c)) blockers.push(`policy ${p.name} uses it`);
  for (const other of table.columns) if (other.generated && mentionsColumn(other.generated.expression, c)) blockers.push(`generated column ${other.name} uses it`);
  return blockers;
}

/**
 * A type change PostgreSQL would make by rewriting the table under ACCESS EXCLUSIVE, done online:
 * expand adds a column of the new type kept in step by a trigger and builds its indexes
 * concurrently; backfill converts the existing rows in batches; validate proves NOT NULL; contract
 * swaps the columns in one short transaction (catalog only) and drops the old one. The swap needs
 * `--unsafe` (it drops the old column); without it nothing of this is planned.
 */
export function planSwapColumnType(ctx: PlanContext, table: TableIR, from: ColumnIR, to: ColumnIR, after: string | null, reason: string): void {
  const key = tableKey(table);
  const object = `${key}.${to.name}`;
  if (!ctx.options.unsafe) {
    ctx.refuse({
      code: REFUSAL_CODES.rewrite, object, unsafeAllows: true,
      reason: `${object}: ${reason}.`,
      hint: 'Pass --unsafe: the type then changes online (a new column kept in step by a trigger, a batched backfill, and a short swap that drops the old column).',
    });
    return;
  }
  const name = qualifiedName(table.schema, table.name);
  const col = quoteIdent(to.name);
  const fresh: ColumnIR = { ...to, name: constraintName(to.name, [], 'wesley_new'), default: null, nullable: true, comment: null, updatedAt: false };
  const freshCol = quoteIdent(fresh.name);
  const old = quoteIdent(constraintName(to.name, [], 'wesley_old'));
  const syncName = constraintName(table.name, [to.name], 'wesley_sync');
  const fn = qualifiedName(table.schema, syncName);
  // A required column with a default: rows whose old value is NULL get the default.
  const fallback = !to.nullable && to.default !== null ? (to.default.kind === 'expression' ? parenthesize(to.default.sql) : to.default.sql) : null;
  const conversion = (ref: string) => (fallback === null ? `${ref}::${to.type}` : `COALESCE(${ref}::${to.type}, ${fallback})`);
  const convert = conversion(col);
  const locks = lockAll(table, 'ACCESS EXCLUSIVE');
  const dropFresh = { kind: 'sql', sql: [`DROP TRIGGER IF EXISTS ${quoteIdent(syncName)} ON ${name}`, `DROP FUNCTION IF EXISTS ${fn}()`, `ALTER TABLE ${name} DROP COLUMN IF EXISTS ${freshCol}`], transactional: true } as const;

  const added = ctx.add({
    phase: 'expand', kind: 'add-column', object: `${key}.${fresh.name}`, table: key, locks, after: [after],
    summary: `Add column ${fresh.name} of type ${to.type} beside ${to.name} (it becomes ${to.name} at the swap)`,
    sql: [`ALTER TABLE ${name} ADD COLUMN ${freshCol} ${to.type}`],
    rollback: dropFresh,
  });
  const body = `\nBEGIN\n  NEW.${freshCol} := ${conversion(`NEW.${col}`)};\n  RETURN NEW;\nEND\n`;
  const synced = ctx.add({
    phase: 'expand', kind: 'create-trigger', object: `${key}.${syncName}`, table: key, after: [added],
    summary: `Keep ${fresh.name} equal to ${to.name}::${to.type} on every insert and update`,
    sql: [
      `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS ${dollarQuote(body)}`,
      `CREATE TRIGGER ${quoteIdent(syncName)} BEFORE INSERT OR UPDATE ON ${name} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    ],
    locks: [{ table: key, mode: 'SHARE ROW EXCLUSIVE' }],
    hazards: [{ hazard: 'can-fail', message: `writes fail while the trigger is in place if a new value of ${to.name} does not convert to ${to.type}` }],
    rollback: dropFresh,
  });
  const indexes = table.indexes.filter((index) => index.columns.includes(to.name));
  let built = synced;
  for (const index of indexes) {
    built = ctx.add({
      phase: 'expand', kind: 'create-index-concurrently', object: `${key}.${constraintName(index.name, [], 'wesley_new')}`, table: key, after: [built], transactional: false, work: 'index-build',
      summary: `Build index ${index.name} on the new column concurrently (renamed to ${index.name} at the swap)`,
      sql: [createIndexStatement(table, { ...index, columns: index.columns.map((c) => (c === to.name ? fresh.name : c)) }, { concurrently: true, ifNotExists: true, name: constraintName(index.name, [], 'wesley_new') })],
      locks: [{ table: key, mode: 'SHARE UPDATE EXCLUSIVE' }],
      hazards: index.unique ? [{ hazard: 'can-fail', message: `fails if the converted values are not unique` }] : [],
      rollback: { kind: 'sql', sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${qualifiedName(table.schema, constraintName(index.name, [], 'wesley_new'))}`], transactional: false },
    });
  }
  const { spec, sql } = backfillColumn(table, fresh, convert, ctx.options.batchSize, fallback === null ? `${col} IS NOT NULL` : null);
  let ready = ctx.add({
    phase: 'backfill', kind: 'backfill-column', object: `${key}.${fresh.name}`, table: key, after: [built], transactional: false, work: 'backfill', backfill: spec,
    summary: `Fill ${fresh.name} = ${conversion(to.name)} in keyset batches of ${spec.batchSize}`,
    sql: [sql], locks: lockAll(table, 'ROW EXCLUSIVE'),
    hazards: [{ hazard: 'can-fail', message: `fails if a value of ${to.name} does not convert to ${to.type}` }],
    rollback: { kind: 'none', reason: 'the new column is dropped by the rollback of the step that added it' },
  });
  if (!to.nullable) ready = planNotNull(ctx, table, fresh, ready);
  const swap = [
    `DROP TRIGGER ${quoteIdent(syncName)} ON ${name}`,
    `DROP FUNCTION ${fn}()`,
    `ALTER TABLE ${name} RENAME COLUMN ${col} TO ${old}`,
    `ALTER TABLE ${name} RENAME COLUMN ${freshCol} TO ${col}`,
    ...(to.default === null ? [] : [`ALTER TABLE ${name} ALTER COLUMN ${col} SET DEFAULT ${to.default.kind === 'expression' ? parenthesize(to.default.sql) : to.default.sql}`]),
    ...indexes.flatMap((index) => [`DROP INDEX ${qualifiedName(table.schema, index.name)}`, `ALTER INDEX ${qualifiedName(table.schema, constraintName(index.name, [], 'wesley_new'))} RENAME TO ${quoteIdent(index.name)}`]),
    `ALTER TABLE ${name} DROP COLUMN ${old}`,
    // PG 18 named the NOT NULL constraint after the new column; the old one's went with it.
    ...(ctx.version >= 180000 && !to.nullable ? [`ALTER TABLE ${name} RENAME CONSTRAINT ${quoteIdent(notNullConstraintName(table.name, fresh.name))} TO ${quoteIdent(notNullConstraintName(table.name, to.name))}`] : []),
    ...(to.comment === null ? [] : [commentOnColumnStatement(table, to, to.comment)]),
  ];
  ctx.add({
    phase: 'contract', kind: 'swap-column', object, table: key, after: [ready], requiresUnsafe: true,
    summary: `Swap ${to.name} (${from.type}) for the filled ${to.type} column and drop the old one, in one short transaction (catalog only)`,
    sql: swap, locks,
    hazards: [{ hazard: 'breaks-clients', message: `${to.name} is ${to.type} from now on; the old ${from.type} values are dropped (their converted copies stay)` }],
    rollback: { kind: 'irreversible', reason: `the ${from.type} column is dropped; plan the reverse type change to go back` },
  });
}
