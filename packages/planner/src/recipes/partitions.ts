import { createPartitionStatement, createPolicyStatement, qualifiedName, type PartitionIR, type TableIR } from '@wesley/ir';
import { REFUSAL_CODES } from '../errors.js';
import { tableKey, type PlanContext } from '../plan-context.js';
import type { LockClaim } from '../types.js';
import { updatedAtTriggers } from './tables.js';

const isDefault = (p: PartitionIR) => p.bound.trim().toUpperCase() === 'DEFAULT';

/** New partitions, removed partitions and partitioning changes of a table in both schemas. */
export function planPartitions(ctx: PlanContext, from: TableIR, to: TableIR): void {
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
  const old = new Map(a.partitions.map((p) => [p.name, p]));
  for (const partition of b.partitions) {
    const previous = old.get(partition.name);
    old.delete(partition.name);
    if (!previous) planCreatePartition(ctx, to, partition, a.partitions.find(isDefault) ?? null);
    else if (previous.bound !== partition.bound) {
      ctx.refuse({
        code: REFUSAL_CODES.unsupportedChange, object: `${to.schema}.${partition.name}`, unsafeAllows: false,
        reason: `Partition ${to.schema}.${partition.name} changes its bounds (${previous.bound} -> ${partition.bound}).`,
        hint: 'Add a new partition with the new bounds, move the rows, and drop the old partition.',
      });
    }
  }
  for (const partition of old.values()) planDropPartition(ctx, from, partition);
}

/**
 * CREATE TABLE ... PARTITION OF: brief ACCESS EXCLUSIVE on the parent (catalog only: the new
 * partition is empty), plus a scan of the DEFAULT partition, if any, for rows that now belong to
 * the new one. The partition gets the parent's updated-at triggers and row-level security.
 */
function planCreatePartition(ctx: PlanContext, table: TableIR, partition: PartitionIR, defaultPartition: PartitionIR | null): void {
  const key = tableKey(table);
  const partitionKey = `${table.schema}.${partition.name}`;
  const target = qualifiedName(table.schema, partition.name);
  ctx.newTables.add(partitionKey);
  const locks: LockClaim[] = [{ table: key, mode: 'ACCESS EXCLUSIVE' }, { table: partitionKey, mode: 'ACCESS EXCLUSIVE' }];
  if (defaultPartition) locks.push({ table: `${table.schema}.${defaultPartition.name}`, mode: 'ACCESS EXCLUSIVE' });
  // The partition inherits the parent's foreign keys, which puts triggers on the referenced tables.
  for (const fk of table.foreignKeys) locks.push({ table: `${fk.references.schema}.${fk.references.name}`, mode: 'SHARE ROW EXCLUSIVE' });
  const rls = table.rls;
  const sql = [createPartitionStatement(table, partition), ...updatedAtTriggers(ctx, table, undefined, [target])];
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
    locks: [{ table: key, mode: concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE' }, { table: partitionKey, mode: 'ACCESS EXCLUSIVE' }],
    versionGate: concurrently ? { min: 140000, below: null, reason: 'DETACH PARTITION CONCURRENTLY needs PostgreSQL 14+ and no DEFAULT partition' } : null,
    hazards: [{ hazard: 'breaks-clients', message: `rows of ${partitionKey} disappear from ${key}` }],
    rollback: { kind: 'sql', sql: [`ALTER TABLE ${qualifiedName(table.schema, table.name)} ATTACH PARTITION ${target} ${partition.bound}`], transactional: true },
  }, refusal);
  if (detached === null) return;
  ctx.add({
    phase: 'contract', kind: 'drop-table', object: partitionKey, table: partitionKey, after: [detached], requiresUnsafe: true,
    summary: `Drop the detached partition ${partitionKey} and its rows`,
    sql: [`DROP TABLE ${target}`],
    locks: [{ table: partitionKey, mode: 'ACCESS EXCLUSIVE' }],
    hazards: [{ hazard: 'data-loss', message: `every row of ${partitionKey} is deleted` }],
    rollback: { kind: 'irreversible', reason: 'the rows are gone; restore them from a backup' },
  });
}

