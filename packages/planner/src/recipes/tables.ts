import {
  addForeignKeyStatement, commentOnColumnStatement, commentOnTableStatement, createIndexStatement, createPartitionStatement, createTableStatement,
  createUpdatedAtTriggerStatement, qualifiedName, quoteIdent, rowLevelSecurityStatements, rowTriggerTargets, type TableIR,
} from '@wesley/ir';
import { REFUSAL_CODES } from '../errors.js';
import { notNullConstraintName } from '../make-object-name.js';
import { lockAll, tableAndPartitions, tableKey, type PlanContext } from '../plan-context.js';
import type { TablePair } from '../match-schema.js';

/**
 * A table that did not exist: created whole in one transaction (columns, keys, checks, indexes,
 * partitions, triggers, row-level security, comments). It is empty, so plain CREATE INDEX is
 * instant and none of the online recipes apply. Foreign keys come later (planNewForeignKeys),
 * once every new table exists.
 */
export function planCreateTable(ctx: PlanContext, table: TableIR): string {
  const name = qualifiedName(table.schema, table.name);
  const sql = [createTableStatement(table)];
  for (const unique of table.uniques) if (unique.where !== null) sql.push(createIndexStatement(table, unique));
  for (const index of table.indexes) sql.push(createIndexStatement(table, index));
  for (const partition of table.partitioning?.partitions ?? []) sql.push(createPartitionStatement(table, partition));
  sql.push(...updatedAtTriggers(ctx, table));
  sql.push(...rowLevelSecurityStatements(table));
  if (table.comment !== null) sql.push(commentOnTableStatement(table, table.comment));
  for (const column of table.columns) if (column.comment !== null) sql.push(commentOnColumnStatement(table, column, column.comment));
  ctx.newTables.add(tableKey(table));
  for (const t of tableAndPartitions(table)) ctx.newTables.add(t);
  return ctx.add({
    phase: 'expand', kind: 'create-table', object: tableKey(table), table: tableKey(table),
    summary: `Create table ${tableKey(table)}${table.partitioning ? ` with ${table.partitioning.partitions.length} partition(s)` : ''}`,
    sql, locks: lockAll(table, 'ACCESS EXCLUSIVE'),
    rollback: { kind: 'sql', sql: [`DROP TABLE IF EXISTS ${name}`], transactional: true },
  });
}

/** The updated-at triggers for the given columns (default: all) on the given targets (default: the table, or each partition). */
export function updatedAtTriggers(ctx: PlanContext, table: TableIR, columns = table.columns.filter((c) => c.updatedAt), targets = rowTriggerTargets(table)): string[] {
  const touch = ctx.to.functions.find((fn) => fn.purpose === 'touch-updated-at');
  if (!touch || !columns.length) return [];
  return targets.flatMap((target) => columns.map((column) => createUpdatedAtTriggerStatement(table, column, touch, target)));
}

/** Foreign keys of tables this plan creates: plain (valid) constraints, the new table being empty. */
export function planNewForeignKeys(ctx: PlanContext, table: TableIR, after: string): void {
  for (const fk of table.foreignKeys) {
    const referenced = `${fk.references.schema}.${fk.references.name}`;
    ctx.add({
      phase: 'expand', kind: 'add-foreign-key', object: `${tableKey(table)}.${fk.name}`, table: tableKey(table),
      summary: `Add foreign key ${fk.name} ${tableKey(table)} -> ${referenced} (the new table is empty: its validation scan is instant)`,
      work: 'scan',
      sql: [addForeignKeyStatement(table, fk)],
      locks: [...lockAll(table, 'SHARE ROW EXCLUSIVE'), { table: referenced, mode: 'SHARE ROW EXCLUSIVE' }],
      constraintType: 'foreign-key', after: [after],
      rollback: { kind: 'sql', sql: [`ALTER TABLE ${qualifiedName(table.schema, table.name)} DROP CONSTRAINT IF EXISTS ${quoteIdent(fk.name)}`], transactional: true },
    });
  }
}

/** `ALTER TABLE ... RENAME TO` for a table matched through `@renamedFrom`. */
export function planRenameTable(ctx: PlanContext, pair: TablePair): string {
  const { from, to } = pair;
  // PG 18 names NOT NULL constraints after the table, and a rename keeps the old names.
  const notNull = ctx.version >= 180000 && !from.partitioning ? from.columns.filter((c) => !c.nullable) : [];
  const renameNotNull = (a: string, b: string) => notNull.map((c) =>
    `ALTER TABLE ${qualifiedName(to.schema, b)} RENAME CONSTRAINT ${quoteIdent(notNullConstraintName(a, c.name))} TO ${quoteIdent(notNullConstraintName(b, c.name))}`);
  return ctx.add({
    phase: 'expand', kind: 'rename-table', object: tableKey(to), table: tableKey(to),
    summary: `Rename table ${tableKey(from)} to ${to.name}`,
    sql: [`ALTER TABLE ${qualifiedName(from.schema, from.name)} RENAME TO ${quoteIdent(to.name)}`, ...renameNotNull(from.name, to.name)],
    locks: [{ table: tableKey(from), mode: 'ACCESS EXCLUSIVE' }],
    hazards: [{ hazard: 'breaks-clients', message: `queries that still name ${tableKey(from)} fail once this commits: deploy code that uses ${to.name} in step with it, or add a compatibility view` }],
    rollback: { kind: 'sql', sql: [`ALTER TABLE ${qualifiedName(to.schema, to.name)} RENAME TO ${quoteIdent(from.name)}`, ...renameNotNull(to.name, from.name)], transactional: true },
  });
}

/** DROP TABLE: destructive, so a contract step behind `--unsafe`. */
export function planDropTable(ctx: PlanContext, table: TableIR, phase: 'expand' | 'contract' = 'contract'): string | null {
  // Dropping the table drops its foreign keys, whose triggers live on the referenced tables.
  const referenced = table.foreignKeys.map((fk) => ({ table: ctx.renamedTable(fk.references.schema, fk.references.name), mode: 'ACCESS EXCLUSIVE' as const }));
  return ctx.addDestructive({
    phase, kind: 'drop-table', object: tableKey(table), table: tableKey(table),
    summary: `Drop table ${tableKey(table)} and its data`,
    sql: [`DROP TABLE ${qualifiedName(table.schema, table.name)}`],
    locks: [...lockAll(table, 'ACCESS EXCLUSIVE'), ...referenced.filter((r) => r.table !== tableKey(table))],
    hazards: [{ hazard: 'data-loss', message: `every row of ${tableKey(table)} is deleted` }],
    rollback: { kind: 'irreversible', reason: 'the rows are gone; restore them from a backup' },
  }, {
    code: REFUSAL_CODES.destructive,
    reason: `Table ${tableKey(table)} is not in the new schema: dropping it deletes its data.`,
    hint: 'Pass --unsafe to drop it, or add @renamedFrom to the type that replaces it if it was renamed.',
  });
}
