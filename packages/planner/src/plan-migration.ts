import { WesleyError, hashSchema, type CheckIR, type ForeignKeyIR, type SchemaIR, type TableIR } from '@wesley/ir';
import { PLANNER_ERROR_CODES, REFUSAL_CODES } from './errors.js';
import { buildSchedule, findConflicts, finalizeSteps, planRisk, planTotals } from './finalize/index.js';
import { matchObjects, sameList, type ObjectMatch } from './match-objects.js';
import { columnRenames, matchColumns, matchTables, tableRenames, type TablePair } from './match-schema.js';
import { PlanContext, tableKey } from './plan-context.js';
import { planAddColumn, planAlterColumn, planDropColumn } from './recipes/columns.js';
import { planAddCheck, planAddForeignKey, planDropConstraint, planRenameConstraint } from './recipes/constraints.js';
import { planEnums, planGlobalObjects } from './recipes/global-objects.js';
import { matchIndexes, planCreateIndex, planDropIndex, planRenameIndex, planRepairIndex, type IndexLike } from './recipes/indexes.js';
import { liveTable, planDroppedPartitions, planNewPartitions } from './recipes/partitions.js';
import { planRowLevelSecurity } from './recipes/row-level-security.js';
import { planEnumExtras, planTableComment, planUpdatedAtTriggers } from './recipes/table-extras.js';
import { planCreateTable, planDropTable, planNewForeignKeys, planRenameTable } from './recipes/tables.js';
import { DEFAULT_PLAN_OPTIONS, MINIMUM_SERVER_VERSION, PLAN_FORMAT_VERSION, type Plan, type PlanOptions, type ServerFacts } from './types.js';

interface PairState extends TablePair {
  /** The table as the new schema has it (`to` is the live table: it still has the partitions being dropped). */
  readonly target: TableIR;
  readonly columns: ReturnType<typeof matchColumns>;
  readonly rename: (column: string) => string;
  /** Columns dropped in expand, because a renamed column takes their name. */
  readonly droppedEarly: Set<string>;
  readonly indexes: ObjectMatch<IndexLike>;
  readonly checks: ObjectMatch<CheckIR>;
  readonly foreignKeys: ObjectMatch<ForeignKeyIR>;
}

/**
 * The plan that takes a database from `from` (null: an empty database) to `to` on the server the
 * facts describe: phased steps with their locks, estimates, risk and rollback. Pure: the same
 * inputs give the same plan.
 */
export function planMigration(from: SchemaIR | null, to: SchemaIR, facts: ServerFacts, options: PlanOptions = {}): Plan {
  checkVersion(facts, to);
  const resolved = { ...DEFAULT_PLAN_OPTIONS, ...options };
  const ctx = new PlanContext(from, to, facts, resolved);
  const tables = matchTables(from, to);
  const renameTable = tableRenames(tables.pairs);
  ctx.renamedTable = renameTable;
  // Until the contract phase detaches them, partitions the new schema drops are still there.
  const pairs: PairState[] = tables.pairs.map((pair) => {
    const columns = matchColumns(pair.from, pair.to);
    const rename = columnRenames(columns.pairs);
    return {
      ...pair, target: pair.to, to: liveTable(pair.from, pair.to), columns, rename, droppedEarly: new Set<string>(),
      indexes: matchIndexes(pair.from, pair.to, rename),
      checks: matchObjects(pair.from.checks, pair.to.checks, (a, b) => a.expression === b.expression),
      foreignKeys: matchForeignKeys(pair.from, pair.to, rename, renameTable),
    };
  });

  planGlobalObjects(ctx);
  planEnums(ctx);
  // A rename onto the name of a table the plan drops needs that drop first (with --unsafe).
  const droppedTables = [...tables.dropped];
  for (const pair of pairs) {
    if (!pair.renamed) continue;
    const taken = droppedTables.findIndex((t) => t.schema === pair.to.schema && t.name === pair.to.name);
    if (taken >= 0) {
      planDropTable(ctx, droppedTables[taken]!, 'expand');
      droppedTables.splice(taken, 1);
    }
    planRenameTable(ctx, pair);
  }
  const created = new Map<TableIR, string>(tables.created.map((table) => [table, planCreateTable(ctx, table)]));
  for (const pair of pairs) planTableChanges(ctx, pair);
  // Foreign keys after every table's columns and keys exist: one may reference a column or unique
  // index another table's steps add.
  for (const pair of pairs) planNewKeysOfTable(ctx, pair);
  for (const [table, key] of created) planNewForeignKeys(ctx, table, key);

  // Contract, in dependency order across all tables: foreign keys before the keys they reference,
  // constraints and indexes before their columns, columns before tables, tables before enums.
  // Dropped tables go right after the foreign key drops: their own keys may hold up the unique
  // constraints and columns they reference.
  const keys = changedKeys(pairs);
  const readd = pairs.flatMap((pair) => planForeignKeyDrops(ctx, pair, keys));
  for (const table of dropOrder(droppedTables)) planDropTable(ctx, table);
  for (const pair of pairs) planIndexAndCheckDrops(ctx, pair);
  for (const add of readd) add();
  for (const pair of pairs) for (const column of pair.columns.dropped) if (!pair.droppedEarly.has(column.name)) planDropColumn(ctx, pair.to, column);
  for (const pair of pairs) planDroppedPartitions(ctx, pair.from, pair.target);
  planEnumExtras(ctx);

  const drafts = ctx.drafts();
  if (facts.serverVersionNum >= 140000 && facts.serverVersionNum < 140004 && drafts.some((d) => d.kind === 'create-index-concurrently')) {
    ctx.warn('WESLEY_PLAN_CIC_CORRUPTION_RISK', `PostgreSQL ${Math.floor(facts.serverVersionNum / 10000)}.${facts.serverVersionNum % 100} can build corrupt indexes with CREATE INDEX CONCURRENTLY (fixed in 14.4): upgrade to 14.4+ before running this plan, and REINDEX indexes built concurrently on 14.0-14.3.`);
  }
  if (facts.tables === undefined && drafts.some((d) => d.table !== null && !ctx.newTables.has(d.table))) {
    ctx.warn('WESLEY_PLAN_SIZES_UNKNOWN', 'No table sizes were given: estimates and risk assume unknown sizes. Pass --stats or --database-url for real figures.');
  }
  // Tables the plan creates are empty while it runs: their steps are estimated as such.
  const empty = Object.fromEntries([...ctx.newTables].map((t) => [t, { rows: 0, bytes: 0 }]));
  const steps = finalizeSteps(drafts, ctx.newTables.size ? { ...facts, tables: { ...facts.tables, ...empty } } : facts, resolved);
  const schedule = buildSchedule(steps);
  const { riskScore, riskLevel } = planRisk(steps);
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    pgVersion: facts.serverVersionNum,
    pgMajor: Math.floor(facts.serverVersionNum / 10000),
    fromHash: from ? hashSchema(from) : null,
    toHash: hashSchema(to),
    unsafe: resolved.unsafe,
    riskScore,
    riskLevel,
    steps,
    refused: ctx.refusals,
    conflicts: findConflicts(steps),
    schedule,
    totals: planTotals(schedule),
    warnings: ctx.warnings,
  };
}

function checkVersion(facts: ServerFacts, to: SchemaIR): void {
  const version = facts.serverVersionNum;
  if (!Number.isInteger(version) || version < 10000) {
    throw new WesleyError({
      code: PLANNER_ERROR_CODES.invalidFacts,
      message: `serverVersionNum must be a server_version_num such as 160004, not ${JSON.stringify(version)}.`,
      hint: 'Pass the value of SHOW server_version_num (or --pg-version 11..18).',
    });
  }
  if (version < MINIMUM_SERVER_VERSION) {
    throw new WesleyError({
      code: PLANNER_ERROR_CODES.unsupportedVersion,
      message: `PostgreSQL ${Math.floor(version / 10000)} is not supported: Wesley plans for PostgreSQL 11 and later.`,
      hint: 'Upgrade the server to PostgreSQL 11 or later (a supported major is strongly advised).',
      expected: 'server_version_num >= 110000',
    });
  }
  if (to.minimumServerVersion > version) {
    throw new WesleyError({
      code: PLANNER_ERROR_CODES.serverTooOld,
      message: `The schema needs PostgreSQL ${Math.floor(to.minimumServerVersion / 10000)} or later; the server is PostgreSQL ${Math.floor(version / 10000)}.`,
      hint: 'Upgrade the server, or remove the features that need the newer version (the compiler lists them as diagnostics).',
    });
  }
}

function planTableChanges(ctx: PlanContext, pair: PairState): void {
  const { from, to, columns } = pair;
  planNewPartitions(ctx, from, pair.target);
  for (const column of columns.pairs) {
    // A rename onto the name of a column the plan drops needs that drop first (with --unsafe).
    const taken = column.renamed ? columns.dropped.find((c) => c.name === column.to.name) : undefined;
    if (taken) {
      pair.droppedEarly.add(taken.name);
      if (planDropColumn(ctx, to, taken, 'expand') === null) {
        ctx.refuse({
          code: REFUSAL_CODES.destructive, object: `${tableKey(to)}.${column.to.name}`, unsafeAllows: true,
          reason: `Renaming ${column.from.name} to ${column.to.name} needs the name, which column ${taken.name} still has; that column is dropped by this plan only with --unsafe.`,
          hint: 'Pass --unsafe, or drop the old column in one migration and rename in the next.',
        });
        continue;
      }
    }
    planAlterColumn(ctx, to, column);
  }
  for (const column of columns.created) planAddColumn(ctx, to, column);

  const { indexes, checks, foreignKeys: fks } = pair;
  for (const [a, b] of indexes.renamed) planRenameIndex(ctx, to, a, b);
  const key = tableKey(to);
  for (const item of indexes.created) if (!ctx.refusedDependency(key, `${key}.${item.name}`, item.columns, [item.where])) planCreateIndex(ctx, to, item);
  for (const [, item] of indexes.kept) {
    if (ctx.facts.invalidIndexes?.some((i) => i.schema === to.schema && i.table === to.name && i.name === item.name)) planRepairIndex(ctx, to, item);
  }
  for (const [a, b] of checks.renamed) planRenameConstraint(ctx, to, a.name, b.name);
  for (const check of checks.created) if (!ctx.refusedDependency(key, `${key}.${check.name}`, [], [check.expression])) planAddCheck(ctx, to, check);

  for (const [a, b] of fks.renamed) planRenameConstraint(ctx, to, a.name, b.name);

  planUpdatedAtTriggers(ctx, from, to, columns.pairs, columns.created.filter((c) => !ctx.refusedColumns.has(`${key}.${c.name}`)));
  const policies = to.rls?.policies ?? [];
  if (!ctx.refusedDependency(key, `${key} row-level security`, to.tenant ? [to.tenant.column] : [], policies.flatMap((p) => [p.using, p.withCheck]))) planRowLevelSecurity(ctx, from, to);
  planTableComment(ctx, from, to);
}

/** New foreign keys of a table in both schemas (NOT VALID, then validated). */
function planNewKeysOfTable(ctx: PlanContext, pair: PairState): void {
  const key = tableKey(pair.to);
  for (const fk of pair.foreignKeys.created) if (!ctx.refusedDependency(key, `${key}.${fk.name}`, fk.columns)) planAddForeignKey(ctx, pair.to, fk);
}

function matchForeignKeys(from: TableIR, to: TableIR, rename: (column: string) => string, renameTable: (schema: string, name: string) => string): ObjectMatch<ForeignKeyIR> {
  return matchObjects(from.foreignKeys, to.foreignKeys, (a, b) =>
    sameList(a.columns.map(rename), b.columns) &&
    renameTable(a.references.schema, a.references.name) === `${b.references.schema}.${b.references.name}` &&
    sameList(a.references.columns, b.references.columns) &&
    a.onDelete === b.onDelete && a.onUpdate === b.onUpdate && a.deferrable === b.deferrable);
}

/**
 * Dropped and changed foreign keys, and kept ones whose referenced key is dropped or rebuilt: those
 * must go before the key does and come back after it (returned, to be added after the key pass).
 */
function planForeignKeyDrops(ctx: PlanContext, pair: PairState, changedKeys: ReadonlySet<string>): (() => void)[] {
  const fks = pair.foreignKeys;
  for (const fk of fks.dropped) planDropConstraint(ctx, pair.to, fk, false);
  for (const [old, fk] of fks.replaced) {
    const dropped = planDropConstraint(ctx, pair.to, old, true);
    if (dropped !== null) planAddForeignKey(ctx, pair.to, fk, 'contract', dropped);
  }
  const later: (() => void)[] = [];
  if (changedKeys.size === 0) return later;
  for (const [old, fk] of fks.kept) {
    if (!changedKeys.has(referencedKey(ctx, fk))) continue;
    const dropped = planDropConstraint(ctx, pair.to, old, true);
    if (dropped !== null) later.push(() => planAddForeignKey(ctx, pair.to, fk, 'contract', dropped));
  }
  return later;
}

/** `schema.table(columns)` of the key a foreign key references (its primary key when it names no columns), by new names. */
function referencedKey(ctx: PlanContext, fk: ForeignKeyIR): string {
  const table = ctx.to.tables.find((t) => t.schema === fk.references.schema && t.name === fk.references.name);
  const columns = fk.references.columns.length ? fk.references.columns : (table?.primaryKey?.columns ?? []);
  return `${fk.references.schema}.${fk.references.name}(${columns.join(',')})`;
}

/** The unique keys (constraints, unique indexes, primary keys) this plan drops or rebuilds, as referencedKey names them. */
function changedKeys(pairs: readonly PairState[]): Set<string> {
  const keys = new Set<string>();
  for (const pair of pairs) {
    const changed = [...pair.indexes.dropped, ...pair.indexes.replaced.map(([old]) => old)].filter((item) => item.unique && item.where === null);
    for (const item of changed) keys.add(`${pair.to.schema}.${pair.to.name}(${item.columns.map(pair.rename).join(',')})`);
  }
  return keys;
}

function planIndexAndCheckDrops(ctx: PlanContext, pair: PairState): void {
  const { to, checks, indexes } = pair;
  for (const check of checks.dropped) planDropConstraint(ctx, to, check, false);
  for (const [old, check] of checks.replaced) {
    const dropped = planDropConstraint(ctx, to, old, true);
    if (dropped !== null) planAddCheck(ctx, to, check, 'contract', dropped);
  }
  // The old definitions name old columns: drop them while the table still has them, under its new name.
  for (const item of indexes.dropped) planDropIndex(ctx, to, item, null);
  for (const [old, item] of indexes.replaced) {
    const dropped = planDropIndex(ctx, to, old, item);
    if (dropped !== null) planCreateIndex(ctx, to, item, 'contract', dropped);
  }
}

/**
 * Dropped tables in an order where no DROP waits on a foreign key of a table still to be dropped:
 * a table goes once no remaining table references it. Tables in a reference cycle keep their
 * order, after the others; the first DROP of a cycle fails, and the plan says so (can-fail).
 */
function dropOrder(tables: readonly TableIR[]): TableIR[] {
  const remaining = [...tables];
  const ordered: TableIR[] = [];
  const referencedBy = (t: TableIR) => remaining.some((o) => o !== t && o.foreignKeys.some((fk) => fk.references.schema === t.schema && fk.references.name === t.name));
  while (remaining.length) {
    const next = remaining.findIndex((t) => !referencedBy(t));
    if (next < 0) return [...ordered, ...remaining];
    ordered.push(remaining.splice(next, 1)[0]!);
  }
  return ordered;
}
