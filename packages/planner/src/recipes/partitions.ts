import { createPartitionStatement, createPolicyStatement, qualifiedName, type PartitionIR, type TableIR } from '@wesley/ir';
import { REFUSAL_CODES } from '../errors.js';
import { tableKey, type PlanContext } from '../plan-context.js';
import type { LockClaim } from '../types.js';
import { updatedAtTriggers } from './tables.js';

const isDefault = (p: PartitionIR) => p.bound.trim().toUpperCase() === 'DEFAULT';

/** The tables the table's foreign keys reference (by their names while the plan runs), other than itself. */
const referenced = (ctx: PlanContext, table: TableIR, mode: LockClaim['mode']): LockClaim[] =>
  table.foreignKeys.map((fk) => ({ table: ctx.renamedTable(fk.references.schema, fk.references.name), mode })).filter((l) => l.table !== tableKey(table));

/** Partitions of the new table that the old one lacks, and those it loses. */
function partitionChanges(from: TableIR, to: TableIR): { created: PartitionIR[]; dropped: PartitionIR[]; changed: [PartitionIR, PartitionIR][] } {
  const a = from.partitioning?.partitions ?? [];
  const b = to.partitioning?.partitions ?? [];
  const old = new Map(a.map((p) => [p.name, p]));
  const changed: [PartitionIR, PartitionIR][] = [];
  for (const p of b) {
    const previous = old.get(p.name);
    if (previous && previous.bound !== p.bound) changed.push([previous, p]);
  }
  return { created: b.filter((p) => !old.has(p.name)), dropped: a.filter((p) => !b.some((q) => q.name === p.name)), changed };
}

/**
 * The table as it is while the plan runs, until the contract phase detaches partitions: the new
 * table with the partitions it loses still attached. Every ALTER TABLE on the parent recurses into
 * them, and a partitioned index needs an attached index on each of them.
 */
export function liveTable(from: TableIR, to: TableIR): TableIR {
  const dropped = partitionChanges(from, to).dropped;
  if (!to.partitioning || !dropped.length) return to;
  return { ...to, partitioning: { ...to.partitioning, partitions: [...to.partitioning.partitions, ...dropped] } };
}

/**
 * New partitions, first among the table's steps (later steps work on every partition, new ones
 * included), and refusals for changes PostgreSQL cannot make in place. A new partition gets the
 * triggers and row-level security the table has at that moment (the old schema's); later steps
 * change them on every partition alike.
 */
export function planNewPartitions(ctx: PlanContext, from: TableIR, to: TableIR): void {
  const key = tableKey(to);
  const a = from.partitioning;
  const b = to.partitioning;
  if (!a && !b) return;
  if (!a || !b || a.strategy !== b.strategy || a.columns.join() !== b.columns.join()) {
    ctx.refuse({
      code: REFUSAL_CODES.unsupportedChange, object: key, unsafeAllows: false,
      reason: `${key} changes how it is partitioned (${a ? `${a.strategy} (${a.columns.join(', ')})` : 'not partitioned'} -> ${b ? `${b.strategy} (${b.columns.join(', ')})` : 'not partitioned'}); PostgreSQL cannot change that in place.`,
      hint: 'Create a new table with the new partitioning, copy the rows, and swap the names in a maintenance window.',
    });
    return;
  }
  const changes = partitionChanges(from, to);
  for (const [previous, partition] of changes.changed) {
    ctx.refuse({
      code: REFUSAL_CODES.unsupportedChange, object: `${to.schema}.${partition.name}`, unsafeAllows: false,
      reason: `Partition ${to.schema}.${partition.name} changes its bounds (${previous.bound} -> ${partition.bound}).`,
      hint: 'Add a new partition with the new bounds, move the rows, and drop the old partition.',
    });
  }
  for (const partition of changes.created) planCreatePartition(ctx, from, to, partition, a.partitions.find(isDefault) ?? null);
}

/** Partitions the new schema drops: detached and dropped, late in the contract phase. */
export function planDroppedPartitions(ctx: PlanContext, from: TableIR, to: TableIR): void {
  if (!from.partitioning || !to.partitioning || from.partitioning.strategy !== to.partitioning.strategy || from.partitioning.columns.join() !== to.partitioning.columns.join()) return;
  for (const partition of partitionChanges(from, to).dropped) planDropPartition(ctx, liveTable(from, to), partition);
}

/**
 * CREATE TABLE ... PARTITION OF: brief ACCESS EXCLUSIVE on the parent (catalog only: the new
 * partition is empty), plus a scan of the DEFAULT partition, if any, for rows that now belong to
 * the new one. The partition gets the parent's updated-at triggers and row-level security.
 */
function planCreatePartition(ctx: PlanContext, from: TableIR, table: TableIR, partition: PartitionIR, defaultPartition: PartitionIR | null): void {
  const key = tableKey(table);
  const partitionKey = `${table.schema}.${partition.name}`;
  const target = qualifiedName(table.schema, partition.name);
  ctx.newTables.add(partitionKey);
  const locks: LockClaim[] = [{ table: key, mode: 'ACCESS EXCLUSIVE' }, { table: partitionKey, mode: 'ACCESS EXCLUSIVE' }];
  if (defaultPartition) locks.push({ table: `${table.schema}.${defaultPartition.name}`, mode: 'ACCESS EXCLUSIVE' });
  // The partition inherits the parent's foreign keys, which puts triggers on the referenced tables.
  for (const fk of from.foreignKeys) locks.push({ table: ctx.renamedTable(fk.references.schema, fk.references.name), mode: 'SHARE ROW EXCLUSIVE' });
  const rls = from.rls;
  const sql = [createPartitionStatement(table, partition), ...updatedAtTriggers(ctx, from, undefined, [target])];
  if (rls?.enabled) sql.push(`ALTER TABLE ${target} ENABLE ROW LEVEL SECURITY`);
  if (rls?.force) sql.push(`ALTER TABLE ${target} FORCE ROW LEVEL SECURITY`);
  for (const policy of rls?.policies ?? []) sql.push(createPolicyStatement(target, policy));
  ctx.add({
    phase: 'expand', kind: 'create-partition', object: partitionKey, table: key, locks, work: defaultPartition ? 'scan' : 'catalog',
    summary: `Create partition ${partitionKey} of ${key}${defaultPartition ? ` (scans the DEFAULT partition ${defaultPartition.name} under ACCESS EXCLUSIVE for rows that belong to it)` : ''}`,
    sql,
    hazards: defaultPartition ? [{ hazard: 'can-fail', message: `fails if the DEFAULT partition ${defaultPartition.name} holds rows within ${partition.bound}` }] : [],
    rollback: { kind: 'sql', sql: [`DROP TABLE IF EXISTS ${target}`], transactional: true },
  });
}

/** DETACH (CONCURRENTLY on PG 14+ without a DEFAULT partition) and DROP: destructive. */
function planDropPartition(ctx: PlanContext, table: TableIR, partition: PartitionIR): void {
  const key = tableKey(table);
  const partitionKey = `${table.schema}.${partition.name}`;
  const target = qualifiedName(table.schema, partition.name);
  const concurrently = ctx.version >= 140000 && !table.partitioning!.partitions.some(isDefault);
  const refusal = {
    code: REFUSAL_CODES.destructive,
    reason: `Partition ${partitionKey} is not in the new schema: dropping it deletes its rows.`,
    hint: 'Pass --unsafe to detach and drop it (archive its rows first if you need them).',
  };
  const detached = ctx.addDestructive({
    phase: 'contract', kind: 'detach-partition', object: partitionKey, table: key, transactional: !concurrently,
    summary: `Detach partition ${partitionKey} from ${key}${concurrently ? ' concurrently' : ''}`,
    sql: [`ALTER TABLE ${qualifiedName(table.schema, table.name)} DETACH PARTITION ${target}${concurrently ? ' CONCURRENTLY' : ''}`],
    locks: [
      { table: key, mode: concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE' },
      // Observed: a plain DETACH takes only SHARE UPDATE EXCLUSIVE on the partition before PG 14.
      { table: partitionKey, mode: concurrently || ctx.version >= 140000 ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE' },
      // ... and ACCESS EXCLUSIVE on the DEFAULT partition, when there is one (no CONCURRENTLY then).
      ...table.partitioning!.partitions.filter(isDefault).map((p) => ({ table: `${table.schema}.${p.name}`, mode: 'ACCESS EXCLUSIVE' as const })),
      // The partition keeps the parent's foreign keys as its own: their referenced tables are locked.
      ...referenced(ctx, table, 'SHARE ROW EXCLUSIVE'),
    ],
    versionGate: concurrently ? { min: 140000, below: null, reason: 'DETACH PARTITION CONCURRENTLY needs PostgreSQL 14+ and no DEFAULT partition' } : null,
    hazards: [{ hazard: 'breaks-clients', message: `rows of ${partitionKey} disappear from ${key}` }],
    rollback: { kind: 'sql', sql: [`ALTER TABLE ${qualifiedName(table.schema, table.name)} ATTACH PARTITION ${target} ${partition.bound}`], transactional: true },
  }, refusal);
  if (detached === null) return;
  ctx.add({
    phase: 'contract', kind: 'drop-table', object: partitionKey, table: partitionKey, after: [detached], requiresUnsafe: true,
    summary: `Drop the detached partition ${partitionKey} and its rows`,
    sql: [`DROP TABLE ${target}`],
    locks: [{ table: partitionKey, mode: 'ACCESS EXCLUSIVE' }, ...referenced(ctx, table, 'ACCESS EXCLUSIVE')],
    hazards: [{ hazard: 'data-loss', message: `every row of ${partitionKey} is deleted` }],
    rollback: { kind: 'irreversible', reason: 'the rows are gone; restore them from a backup' },
  });
}

