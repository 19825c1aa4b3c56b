import { columnDefinition, commentOnColumnStatement, constraintName, parenthesize, qualifiedName, quoteIdent, type ColumnIR, type TableIR } from '@wesley/ir';
import { REFUSAL_CODES } from '../errors.js';
import { notNullConstraintName } from '../make-object-name.js';
import type { ColumnPair } from '../match-schema.js';
import { lockAll, tableKey, type PlanContext } from '../plan-context.js';
import { classifyTypeChange } from '../type-change.js';
import { backfillColumn } from './backfill.js';
import { planSwapColumnType, swapBlockers } from './swap-column-type.js';

const defaultSql = (column: ColumnIR) => (column.default === null ? null : column.default.kind === 'expression' ? parenthesize(column.default.sql) : column.default.sql);
const alter = (table: TableIR) => `ALTER TABLE ${qualifiedName(table.schema, table.name)}`;

/** A column the old table lacked: instant when PostgreSQL can, the backfill route when it cannot. */
export function planAddColumn(ctx: PlanContext, table: TableIR, column: ColumnIR): void {
  const key = tableKey(table);
  const object = `${key}.${column.name}`;
  const populated = ctx.isPopulated(key);
  const locks = lockAll(table, 'ACCESS EXCLUSIVE');
  const drop = { kind: 'sql', sql: [`${alter(table)} DROP COLUMN IF EXISTS ${quoteIdent(column.name)}`], transactional: true } as const;
  const direct = (hazards = [] as { hazard: 'can-fail'; message: string }[], work: 'catalog' | 'rewrite' = 'catalog') => ({
    phase: 'expand' as const, kind: 'add-column' as const, object, table: key, locks, work, hazards, rollback: drop,
    summary: `Add column ${object}${work === 'rewrite' ? ' (rewrites the table)' : ''}`,
    sql: [`${alter(table)} ADD COLUMN ${columnDefinition(column)}`],
  });

  if (column.identity !== null || column.generated !== null) {
    // Both fill every existing row while holding ACCESS EXCLUSIVE: a full rewrite.
    const what = column.identity !== null ? 'an identity column' : 'a stored generated column';
    if (!populated) ctx.add(direct());
    else if (ctx.addDestructive({ ...direct([], 'rewrite'), phase: 'expand' }, {
      code: REFUSAL_CODES.rewrite,
      reason: `Adding ${what} to ${key} rewrites the whole table under ACCESS EXCLUSIVE.`,
      hint: 'Pass --unsafe to accept the rewrite (schedule it for a maintenance window), or add a plain nullable column and fill it yourself.',
    }) === null) {
      ctx.refusedColumns.add(object);
      return;
    }
    planColumnExtras(ctx, table, column, null);
    return;
  }

  const volatile = column.default?.volatility === 'volatile';
  if (!populated || (!volatile && (column.nullable || column.default !== null))) {
    // PG 11+ stores a non-volatile default in the catalog (attmissingval): no rewrite, no scan.
    ctx.add(direct());
    planColumnExtras(ctx, table, column, null);
    return;
  }
  if (!volatile) {
    ctx.refusedColumns.add(object);
    ctx.refuse({
      code: REFUSAL_CODES.requiredWithoutDefault, object, unsafeAllows: false,
      reason: `Column ${object} is required and has no default, but ${key} may have rows: ADD COLUMN ... NOT NULL fails on them.`,
      hint: 'Give the field a @default, or add it nullable first, fill it, and make it required in a later migration.',
    });
    return;
  }
  // Volatile default on a populated table: nullable column, default for new rows, batched backfill, then NOT NULL.
  const added = ctx.add({
    phase: 'expand', kind: 'add-column', object, table: key, locks, rollback: drop,
    summary: `Add column ${object} as nullable with its default for new rows (the backfill fills existing rows)`,
    sql: [`${alter(table)} ADD COLUMN ${quoteIdent(column.name)} ${column.type}`, `${alter(table)} ALTER COLUMN ${quoteIdent(column.name)} SET DEFAULT ${defaultSql(column)}`],
  });
  const filled = planBackfill(ctx, table, column, column.default!.sql, added);
  if (!column.nullable) planNotNull(ctx, table, column, filled);
  planColumnExtras(ctx, table, column, added);
}

function planBackfill(ctx: PlanContext, table: TableIR, column: ColumnIR, expression: string, after: string | null): string {
  const { spec, sql } = backfillColumn(table, column, expression, ctx.options.batchSize);
  const key = tableKey(table);
  return ctx.add({
    phase: 'backfill', kind: 'backfill-column', object: `${key}.${column.name}`, table: key,
    summary: `Fill ${key}.${column.name} = ${expression} where it is NULL, in keyset batches of ${spec.batchSize}${spec.keyColumns.length ? '' : ' (no primary key: batches by ctid)'}`,
    sql: [sql], transactional: false, work: 'backfill', scan: spec.keyColumns.length === 0, backfill: spec, after: [after],
    locks: lockAll(table, 'ROW EXCLUSIVE'),
    hazards: spec.keyColumns.length ? [] : [{ hazard: 'can-fail', message: `${key} has no primary key: each batch searches for NULL rows again, which slows down as the table grows` }],
    rollback: { kind: 'none', reason: 'the column is new or was NULL in these rows: rolling back the steps before it removes or ignores the values' },
  });
}

/**
 * NOT NULL without a long ACCESS EXCLUSIVE scan: a NOT VALID check (new writes only), VALIDATE
 * under SHARE UPDATE EXCLUSIVE, then SET NOT NULL, which PG 12+ proves from the validated check
 * without scanning (PG 11 scans), and the helper check is dropped. All after any backfill.
 */
export function planNotNull(ctx: PlanContext, table: TableIR, column: ColumnIR, after: string | null): string {
  const key = tableKey(table);
  const object = `${key}.${column.name}`;
  const helper = quoteIdent(constraintName(table.name, [column.name], 'wesley_nn'));
  const col = quoteIdent(column.name);
  const checked = ctx.add({
    phase: 'validate', kind: 'add-not-null-check', object, table: key, constraintType: 'not-null', after: [after],
    summary: `Add CHECK (${column.name} IS NOT NULL) NOT VALID on ${key}: new writes are checked, existing rows are not scanned`,
    sql: [`${alter(table)} ADD CONSTRAINT ${helper} CHECK (${col} IS NOT NULL) NOT VALID`],
    locks: lockAll(table, 'ACCESS EXCLUSIVE'),
    rollback: { kind: 'sql', sql: [`${alter(table)} DROP CONSTRAINT IF EXISTS ${helper}`], transactional: true },
  });
  const validated = ctx.add({
    phase: 'validate', kind: 'validate-constraint', object, table: key, constraintType: 'not-null', work: 'scan', after: [checked],
    summary: `Validate the NOT NULL check of ${object} (scans the table; reads and writes continue)`,
    sql: [`${alter(table)} VALIDATE CONSTRAINT ${helper}`],
    locks: lockAll(table, 'SHARE UPDATE EXCLUSIVE'),
    hazards: [{ hazard: 'can-fail', message: `fails if any row of ${key} has ${column.name} NULL` }],
    rollback: { kind: 'none', reason: 'validation changes nothing but the constraint flag' },
  });
  const skipsScan = ctx.version >= 120000;
  return ctx.add({
    phase: 'validate', kind: 'set-not-null', object, table: key, after: [validated],
    work: skipsScan ? 'catalog' : 'scan',
    summary: `Set ${object} NOT NULL${skipsScan ? ' (the validated check proves it: no scan)' : ' (PostgreSQL 11 scans the table under ACCESS EXCLUSIVE)'} and drop the helper check`,
    sql: [`${alter(table)} ALTER COLUMN ${col} SET NOT NULL`, `${alter(table)} DROP CONSTRAINT ${helper}`],
    locks: lockAll(table, 'ACCESS EXCLUSIVE'),
    versionGate: skipsScan
      ? { min: 120000, below: null, reason: 'PostgreSQL 12+ skips the SET NOT NULL scan when a validated CHECK proves it' }
      : { min: null, below: 120000, reason: 'PostgreSQL 11 always scans for SET NOT NULL' },
    rollback: { kind: 'sql', sql: [`${alter(table)} ALTER COLUMN ${col} DROP NOT NULL`], transactional: true },
  });
}

/** The trigger and comment a new column brings. */
function planColumnExtras(ctx: PlanContext, table: TableIR, column: ColumnIR, after: string | null): void {
  if (column.comment !== null) planColumnComment(ctx, table, column, after);
}

export function planColumnComment(ctx: PlanContext, table: TableIR, column: ColumnIR, after: string | null): void {
  const key = tableKey(table);
  ctx.add({
    phase: 'expand', kind: 'comment', object: `${key}.${column.name}`, table: key, after: [after],
    summary: `Comment on column ${key}.${column.name}`,
    sql: [commentOnColumnStatement(table, column, column.comment)],
    locks: [{ table: key, mode: 'SHARE UPDATE EXCLUSIVE' }],
    rollback: { kind: 'none', reason: 'comments carry no data' },
  });
}

/** Renames, type, nullability and default changes of a column present in both schemas. */
export function planAlterColumn(ctx: PlanContext, table: TableIR, pair: ColumnPair): void {
  const { from, to } = pair;
  const key = tableKey(table);
  const object = `${key}.${to.name}`;
  const col = quoteIdent(to.name);
  const locks = lockAll(table, 'ACCESS EXCLUSIVE');
  let last: string | null = null;
  if (pair.renamed) {
    // PG 18 names NOT NULL constraints after the column, and a rename keeps the old name.
    const renameNotNull = (a: string, b: string) => (ctx.version >= 180000 && !from.nullable && !table.partitioning
      ? [`${alter(table)} RENAME CONSTRAINT ${quoteIdent(notNullConstraintName(table.name, a))} TO ${quoteIdent(notNullConstraintName(table.name, b))}`]
      : []);
    last = ctx.add({
      phase: 'expand', kind: 'rename-column', object, table: key, locks,
      summary: `Rename column ${key}.${from.name} to ${to.name}`,
      sql: [`${alter(table)} RENAME COLUMN ${quoteIdent(from.name)} TO ${col}`, ...renameNotNull(from.name, to.name)],
      hazards: [{ hazard: 'breaks-clients', message: `queries that still name ${from.name} fail once this commits` }],
      rollback: { kind: 'sql', sql: [`${alter(table)} RENAME COLUMN ${col} TO ${quoteIdent(from.name)}`, ...renameNotNull(to.name, from.name)], transactional: true },
    });
  }
  if (from.identity !== to.identity || from.generated?.expression !== to.generated?.expression) {
    ctx.refuse({
      code: REFUSAL_CODES.unsupportedChange, object, unsafeAllows: false,
      reason: `Column ${object} changes its identity or generation expression; the planner has no online recipe for that yet.`,
      hint: 'Add a new column with the new definition and drop the old one in a later migration.',
    });
  }
  if (from.type !== to.type) {
    const change = classifyTypeChange(from.type, to.type);
    // A rewriting change goes online (expand/contract) when nothing binds to the column itself;
    // that recipe then owns the column's default, NOT NULL and comment too.
    if (change.rewrite && swapBlockers(ctx, table, to).length === 0) {
      planSwapColumnType(ctx, table, from, to, last, change.reason);
      return;
    }
    last = planTypeChange(ctx, table, from, to, last) ?? last;
  }
  const oldDefault = defaultSql(from);
  const newDefault = defaultSql(to);
  if (oldDefault !== newDefault) {
    const restore = oldDefault === null ? `ALTER COLUMN ${col} DROP DEFAULT` : `ALTER COLUMN ${col} SET DEFAULT ${oldDefault}`;
    last = ctx.add({
      phase: 'expand', kind: newDefault === null ? 'drop-column-default' : 'set-column-default', object, table: key, locks, after: [last],
      summary: newDefault === null ? `Drop the default of ${object}` : `Set the default of ${object} to ${newDefault} (new rows only)`,
      sql: [`${alter(table)} ALTER COLUMN ${col} ${newDefault === null ? 'DROP DEFAULT' : `SET DEFAULT ${newDefault}`}`],
      rollback: { kind: 'sql', sql: [`${alter(table)} ${restore}`], transactional: true },
    });
  }
  if (from.nullable && !to.nullable) {
    // Existing NULLs get the new default first, when there is one; otherwise validation fails on them.
    const filled = to.default !== null && ctx.isPopulated(key) ? planBackfill(ctx, table, to, to.default.sql, last) : last;
    planNotNull(ctx, table, to, filled);
  } else if (!from.nullable && to.nullable) {
    ctx.add({
      phase: 'expand', kind: 'drop-not-null', object, table: key, locks, after: [last],
      summary: `Allow NULL in ${object}`,
      sql: [`${alter(table)} ALTER COLUMN ${col} DROP NOT NULL`],
      hazards: [{ hazard: 'breaks-clients', message: `readers that assume ${to.name} is never NULL may now see NULL` }],
      rollback: { kind: 'sql', sql: [`${alter(table)} ALTER COLUMN ${col} SET NOT NULL`], transactional: true },
    });
  }
  if (from.comment !== to.comment) planColumnComment(ctx, table, to, last);
}

function planTypeChange(ctx: PlanContext, table: TableIR, from: ColumnIR, to: ColumnIR, after: string | null): string | null {
  const key = tableKey(table);
  const object = `${key}.${to.name}`;
  const col = quoteIdent(to.name);
  const change = classifyTypeChange(from.type, to.type);
  const back = { kind: 'sql', sql: [`${alter(table)} ALTER COLUMN ${col} TYPE ${from.type} USING ${col}::${from.type}`], transactional: true } as const;
  if (!change.rewrite) {
    return ctx.add({
      phase: 'expand', kind: 'alter-column-type', object, table: key, locks: lockAll(table, 'ACCESS EXCLUSIVE'), after: [after],
      summary: `Change ${object} from ${from.type} to ${to.type} (${change.reason}: no rewrite)`,
      sql: [`${alter(table)} ALTER COLUMN ${col} TYPE ${to.type}`],
      rollback: back,
    });
  }
  // A rewrite is a contract step: the column's other changes (expand, validate) must not wait for it.
  const blockers = swapBlockers(ctx, table, to);
  ctx.addDestructive({
    phase: 'contract', kind: 'alter-column-type', object, table: key, locks: lockAll(table, 'ACCESS EXCLUSIVE'), work: 'rewrite', after: [after],
    summary: `Change ${object} from ${from.type} to ${to.type} in place (rewrites the table and its indexes under ACCESS EXCLUSIVE)`,
    sql: [`${alter(table)} ALTER COLUMN ${col} TYPE ${to.type} USING ${col}::${to.type}`],
    hazards: [{ hazard: 'can-fail', message: `fails if a value of ${to.name} does not convert to ${to.type}` }],
    rollback: back,
  }, {
    code: REFUSAL_CODES.rewrite,
    reason: `${object}: ${change.reason}; it cannot change online because ${blockers.join(', ')}.`,
    hint: 'Pass --unsafe to rewrite in place (in a maintenance window), or add a new column of the new type, fill it, switch the code to it and drop the old one.',
  });
  return null;
}

/** DROP COLUMN: destructive, a contract step behind `--unsafe`. */
export function planDropColumn(ctx: PlanContext, table: TableIR, column: ColumnIR, phase: 'expand' | 'contract' = 'contract'): string | null {
  const key = tableKey(table);
  return ctx.addDestructive({
    phase, kind: 'drop-column', object: `${key}.${column.name}`, table: key, locks: lockAll(table, 'ACCESS EXCLUSIVE'),
    summary: `Drop column ${key}.${column.name} and its data`,
    sql: [`${alter(table)} DROP COLUMN ${quoteIdent(column.name)}`],
    hazards: [{ hazard: 'data-loss', message: `every value of ${column.name} is deleted` }, { hazard: 'breaks-clients', message: `queries that name ${column.name} fail` }],
    rollback: { kind: 'irreversible', reason: 'the values are gone; restore them from a backup' },
  }, {
    code: REFUSAL_CODES.destructive,
    reason: `Column ${key}.${column.name} is not in the new schema: dropping it deletes its data.`,
    hint: 'Pass --unsafe to drop it once no code reads it, or add @renamedFrom to the field that replaces it.',
  });
}
