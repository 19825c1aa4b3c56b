import { createIndexStatement, qualifiedName, quoteIdent, type IndexIR, type TableIR, type UniqueIR } from '@wesley/ir';
import { childIndexName } from '../make-object-name.js';
import { REFUSAL_CODES } from '../errors.js';
import { matchObjects, sameList, type ObjectMatch } from '../match-objects.js';
import { lockAll, tableKey, type PlanContext } from '../plan-context.js';
import type { Phase } from '../types.js';

/** An index, a unique constraint or the primary key: everything backed by an index. */
export interface IndexLike {
  readonly name: string;
  readonly role: 'index' | 'unique-constraint' | 'partial-unique' | 'primary-key';
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly method: string;
  readonly where: string | null;
  /** What createIndexStatement builds for it. */
  readonly index: IndexIR | UniqueIR;
}

/** The table's index-backed objects. */
export function indexLikes(table: TableIR): IndexLike[] {
  const out: IndexLike[] = table.indexes.map((index) => ({ name: index.name, role: 'index', columns: index.columns, unique: index.unique, method: index.method, where: index.where, index }));
  for (const unique of table.uniques) {
    out.push({ name: unique.name, role: unique.where === null ? 'unique-constraint' : 'partial-unique', columns: unique.columns, unique: true, method: 'btree', where: unique.where, index: unique });
  }
  const pk = table.primaryKey;
  if (pk) out.push({ name: pk.name, role: 'primary-key', columns: pk.columns, unique: true, method: 'btree', where: null, index: { kind: 'unique', name: pk.name, columns: pk.columns, where: null, location: pk.location } });
  return out;
}

/** Pairs the index-backed objects of a table across versions (old column names mapped to new). */
export function matchIndexes(from: TableIR, to: TableIR, rename: (column: string) => string): ObjectMatch<IndexLike> {
  return matchObjects(indexLikes(from), indexLikes(to), (a, b) =>
    a.role === b.role && a.unique === b.unique && a.method === b.method && a.where === b.where && sameList(a.columns.map(rename), b.columns));
}

const isConstraint = (item: IndexLike) => item.role === 'unique-constraint' || item.role === 'primary-key';

/**
 * Builds an index-backed object on a table that holds rows without blocking writes: CREATE INDEX
 * CONCURRENTLY (outside a transaction), on a partitioned table ON ONLY the parent plus a
 * concurrent build and ATTACH per partition; a unique constraint or primary key then adopts its
 * index with ADD CONSTRAINT ... USING INDEX (primary keys in the validate phase, after any
 * NOT NULL their columns need).
 */
export function planCreateIndex(ctx: PlanContext, table: TableIR, item: IndexLike, phase: Phase = 'expand', after: string | null = null): void {
  const key = tableKey(table);
  const object = `${key}.${item.name}`;
  if (table.partitioning && isConstraint(item)) {
    // ADD CONSTRAINT ... USING INDEX is refused on partitioned tables: the plain form builds every partition's index under ACCESS EXCLUSIVE.
    ctx.add({
      phase, kind: 'add-constraint-using-index', object, table: key, after: [after], work: 'index-build',
      constraintType: item.role === 'primary-key' ? 'primary-key' : 'unique',
      summary: `Add ${item.role === 'primary-key' ? 'primary key' : 'unique constraint'} ${item.name} to partitioned ${key} (PostgreSQL has no online form: builds each partition's index while holding ACCESS EXCLUSIVE on the parent)`,
      sql: [`ALTER TABLE ${qualifiedName(table.schema, table.name)} ADD CONSTRAINT ${quoteIdent(item.name)} ${item.role === 'primary-key' ? 'PRIMARY KEY' : 'UNIQUE'} (${item.columns.map(quoteIdent).join(', ')})`],
      // Observed: the partitions get SHARE on PG 11-17, ACCESS EXCLUSIVE from PG 18.
      locks: [{ table: key, mode: 'ACCESS EXCLUSIVE' }, ...lockAll(table, ctx.version >= 180000 ? 'ACCESS EXCLUSIVE' : 'SHARE').slice(1)],
      hazards: [{ hazard: 'can-fail', message: `fails if ${key} has duplicate ${item.columns.join(', ')}` }],
      rollback: { kind: 'sql', sql: [`ALTER TABLE ${qualifiedName(table.schema, table.name)} DROP CONSTRAINT IF EXISTS ${quoteIdent(item.name)}`], transactional: true },
    });
    return;
  }
  const dropIndex = (name: string) => ({ kind: 'sql', sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${qualifiedName(table.schema, name)}`], transactional: false }) as const;
  const duplicates = item.unique ? [{ hazard: 'can-fail' as const, message: `fails if ${key} has duplicate ${item.columns.join(', ')}; the failed build leaves an INVALID index that must be dropped before a retry` }] : [];
  const buildPhase = phase === 'validate' ? 'expand' : phase;
  let built: string | null;
  if (!table.partitioning) {
    built = dropInvalid(ctx, table, item.name, buildPhase, after) ?? after;
    built = ctx.add({
      phase: buildPhase, kind: 'create-index-concurrently', object, table: key, after: [built], transactional: false, work: 'index-build',
      summary: `Build ${item.unique ? 'unique ' : ''}index ${item.name} on ${key} concurrently (writes continue)`,
      sql: [createIndexStatement(table, item.index, { concurrently: true, ifNotExists: true })],
      locks: [{ table: key, mode: 'SHARE UPDATE EXCLUSIVE' }], hazards: duplicates, rollback: dropIndex(item.name),
    });
  } else {
    const parent = ctx.add({
      phase: buildPhase, kind: 'create-parent-index', object, table: key, after: [after],
      summary: `Create index ${item.name} on ONLY partitioned ${key} (invalid until every partition's index is attached)`,
      sql: [createIndexStatement(table, item.index, { only: true, ifNotExists: true })],
      locks: [{ table: key, mode: 'SHARE' }],
      rollback: { kind: 'sql', sql: [`DROP INDEX IF EXISTS ${qualifiedName(table.schema, item.name)}`], transactional: true },
    });
    built = parent;
    for (const partition of table.partitioning.partitions) {
      const child = partitionIndexName(table, partition.name, item);
      const partitionKey = `${table.schema}.${partition.name}`;
      const onTable = qualifiedName(table.schema, partition.name);
      const cleaned = dropInvalid(ctx, { ...table, name: partition.name, partitioning: null }, child, buildPhase, parent) ?? parent;
      const childBuilt = ctx.add({
        phase: buildPhase, kind: 'create-index-concurrently', object: `${partitionKey}.${child}`, table: partitionKey, after: [cleaned], transactional: false, work: 'index-build',
        summary: `Build index ${child} on partition ${partitionKey} concurrently`,
        sql: [createIndexStatement(table, item.index, { concurrently: true, ifNotExists: true, onTable, name: child })],
        locks: [{ table: partitionKey, mode: 'SHARE UPDATE EXCLUSIVE' }], hazards: duplicates, rollback: dropIndex(child),
      });
      built = ctx.add({
        phase: buildPhase, kind: 'attach-index', object: `${partitionKey}.${child}`, table: key, after: [childBuilt, built],
        summary: `Attach ${child} to ${item.name}`,
        sql: [`ALTER INDEX ${qualifiedName(table.schema, item.name)} ATTACH PARTITION ${qualifiedName(table.schema, child)}`],
        locks: [{ table: key, mode: 'ACCESS SHARE' }, { table: partitionKey, mode: 'ACCESS SHARE' }],
        rollback: { kind: 'none', reason: 'dropping the parent index (the rollback of its creation) drops the attached partition indexes' },
      });
    }
  }
  if (!isConstraint(item)) return;
  const primary = item.role === 'primary-key';
  ctx.add({
    phase: primary ? (phase === 'contract' ? 'contract' : 'validate') : phase, kind: primary ? 'add-primary-key-using-index' : 'add-constraint-using-index', object, table: key, after: [built],
    constraintType: primary ? 'primary-key' : 'unique',
    summary: `Make index ${item.name} the ${primary ? 'primary key' : 'unique constraint'} of ${key} (catalog only)`,
    sql: [`ALTER TABLE ${qualifiedName(table.schema, table.name)} ADD CONSTRAINT ${quoteIdent(item.name)} ${primary ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${quoteIdent(item.name)}`],
    locks: [{ table: key, mode: 'ACCESS EXCLUSIVE' }],
    rollback: { kind: 'sql', sql: [`ALTER TABLE ${qualifiedName(table.schema, table.name)} DROP CONSTRAINT IF EXISTS ${quoteIdent(item.name)}`], transactional: true },
  });
}

/**
 * The name of the partition's index for a new partitioned index: PostgreSQL's own choice
 * (`<partition>_<columns>_idx`), numbered like ChooseRelationName when one of the table's other
 * index-backed objects already took it on that partition (`..._idx1`). The other objects are
 * assumed to have been created in schema order, as a fresh database creates them.
 */
function partitionIndexName(table: TableIR, partition: string, item: IndexLike): string {
  const label = (x: IndexLike) => (x.role === 'primary-key' ? 'pkey' : x.role === 'unique-constraint' ? 'key' : 'idx');
  const taken = new Set<string>();
  const choose = (x: IndexLike) => {
    const base = childIndexName(partition, x.columns, label(x));
    let name = base;
    for (let n = 1; taken.has(name); n++) name = childIndexName(partition, x.columns, `${label(x)}${n}`);
    taken.add(name);
    return name;
  };
  for (const other of indexLikes(table)) if (other.name !== item.name) choose(other);
  return choose(item);
}

/** When the facts list an INVALID index of that name (a failed concurrent build), drop it first. */
function dropInvalid(ctx: PlanContext, table: TableIR, name: string, phase: Phase, after: string | null): string | null {
  const invalid = ctx.facts.invalidIndexes?.some((i) => i.schema === table.schema && i.table === table.name && i.name === name);
  if (!invalid) return null;
  return ctx.add({
    phase, kind: 'drop-index-concurrently', object: `${tableKey(table)}.${name}`, table: tableKey(table), after: [after], transactional: false,
    summary: `Drop the INVALID index ${name} left by a failed concurrent build`,
    sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${qualifiedName(table.schema, name)}`],
    locks: [{ table: tableKey(table), mode: 'SHARE UPDATE EXCLUSIVE' }],
    rollback: { kind: 'none', reason: 'an INVALID index serves no query' },
  });
}

/** An INVALID index the new schema keeps (facts say a build failed): dropped and built again. */
export function planRepairIndex(ctx: PlanContext, table: TableIR, item: IndexLike): void {
  if (table.partitioning || isConstraint(item)) return;
  planCreateIndex(ctx, table, item);
}

/** Renames an index-backed object whose generated name changed with a table or column rename. */
export function planRenameIndex(ctx: PlanContext, table: TableIR, from: IndexLike, to: IndexLike): void {
  const key = tableKey(table);
  const object = `${key}.${to.name}`;
  if (isConstraint(to)) {
    const rename = (a: string, b: string) => `ALTER TABLE ${qualifiedName(table.schema, table.name)} RENAME CONSTRAINT ${quoteIdent(a)} TO ${quoteIdent(b)}`;
    ctx.add({
      phase: 'expand', kind: 'rename-constraint', object, table: key, locks: [{ table: key, mode: 'ACCESS EXCLUSIVE' }],
      summary: `Rename constraint ${from.name} of ${key} to ${to.name} (and its index)`,
      sql: [rename(from.name, to.name)],
      rollback: { kind: 'sql', sql: [rename(to.name, from.name)], transactional: true },
    });
    return;
  }
  const rename = (a: string, b: string) => `ALTER INDEX ${qualifiedName(table.schema, a)} RENAME TO ${quoteIdent(b)}`;
  ctx.add({
    // It locks the index only, not the table: SHARE UPDATE EXCLUSIVE on PG 12+, ACCESS EXCLUSIVE on 11.
    phase: 'expand', kind: 'rename-index', object, table: key, locks: [],
    hazards: ctx.version < 120000 ? [{ hazard: 'blocks-reads', message: `PostgreSQL 11 takes ACCESS EXCLUSIVE on the index: queries that plan against ${key} wait while it is held or queued` }] : [],
    summary: `Rename index ${from.name} of ${key} to ${to.name}`,
    sql: [rename(from.name, to.name)],
    rollback: { kind: 'sql', sql: [rename(to.name, from.name)], transactional: true },
  });
}

/** Drops an index-backed object (contract, behind `--unsafe`); returns the step key. */
export function planDropIndex(ctx: PlanContext, table: TableIR, item: IndexLike, replacedBy: IndexLike | null): string | null {
  const key = tableKey(table);
  const object = `${key}.${item.name}`;
  const why = replacedBy ? `its definition changed, so it is dropped and built again` : 'it is not in the new schema';
  const refusal = {
    code: REFUSAL_CODES.destructive,
    reason: `${item.role === 'index' || item.role === 'partial-unique' ? 'Index' : 'Constraint'} ${object}: ${why}; queries relying on it slow down${isConstraint(item) ? ' and its guarantee is gone' : ''} until then.`,
    hint: 'Pass --unsafe to drop it.',
  };
  const rebuild = { kind: 'none', reason: 'the index can be built again from the old schema (plan the reverse migration)' } as const;
  if (isConstraint(item)) {
    return ctx.addDestructive({
      phase: 'contract', kind: 'drop-constraint', object, table: key, locks: lockAll(table, 'ACCESS EXCLUSIVE'), constraintType: item.role === 'primary-key' ? 'primary-key' : 'unique',
      summary: `Drop ${item.role === 'primary-key' ? 'primary key' : 'unique constraint'} ${item.name} of ${key} and its index`,
      sql: [`ALTER TABLE ${qualifiedName(table.schema, table.name)} DROP CONSTRAINT ${quoteIdent(item.name)}`],
      hazards: [{ hazard: 'breaks-clients', message: `${key} no longer rejects duplicate ${item.columns.join(', ')}` }],
      rollback: rebuild,
    }, refusal);
  }
  if (table.partitioning) {
    // DROP INDEX CONCURRENTLY is refused for partitioned indexes and there is no index DETACH.
    return ctx.addDestructive({
      phase: 'contract', kind: 'drop-index', object, table: key, locks: lockAll(table, 'ACCESS EXCLUSIVE'),
      summary: `Drop index ${item.name} of partitioned ${key} (brief ACCESS EXCLUSIVE on the parent and every partition: no concurrent form exists)`,
      sql: [`DROP INDEX ${qualifiedName(table.schema, item.name)}`], rollback: rebuild,
    }, refusal);
  }
  return ctx.addDestructive({
    phase: 'contract', kind: 'drop-index-concurrently', object, table: key, transactional: false, locks: [{ table: key, mode: 'SHARE UPDATE EXCLUSIVE' }],
    summary: `Drop index ${item.name} of ${key} concurrently`,
    sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${qualifiedName(table.schema, item.name)}`], rollback: rebuild,
  }, refusal);
}
