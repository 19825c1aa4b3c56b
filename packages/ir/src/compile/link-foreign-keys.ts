import { MAX_IDENTIFIER_BYTES, constraintName, didYouMean, truncateToBytes } from '../naming.js';
import type { Deferrable, ForeignKeyAction, ForeignKeyIR, IndexIR } from '../types.js';
import type { TableDraft } from './build-table.js';
import type { CompileContext } from './context.js';

const ACTION: Record<string, ForeignKeyAction> = { NO_ACTION: 'NO ACTION', RESTRICT: 'RESTRICT', CASCADE: 'CASCADE', SET_NULL: 'SET NULL', SET_DEFAULT: 'SET DEFAULT' };

/** Resolves every @fk now that all tables exist: target, type, uniqueness, actions. */
export function linkForeignKeys(drafts: readonly TableDraft[], names: IndexNames, ctx: CompileContext): void {
  const { reporter } = ctx;
  const byType = new Map(drafts.map((d) => [d.table.graphqlName, d]));
  for (const draft of drafts) {
    for (const { column, use } of draft.fkRequests) {
      const ref = use.args.ref as string;
      const refNode = use.argNodes.ref!;
      const where = `@fk on ${draft.table.graphqlName}.${column.graphqlName}`;
      const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(ref);
      if (!match) {
        reporter.error('WESLEY_IR_FK_INVALID_REF', `${where}: "${ref}" is not of the form "Type.field".`, refNode, { expected: '"Type.field", e.g. "User.id"', hint: 'Name the referenced type and its key field, separated by a dot.' });
        continue;
      }
      const typeName = match[1]!;
      const fieldName = match[2]!;
      const target = byType.get(typeName) ?? drafts.find((d) => d.table.name === typeName);
      if (!target) {
        reporter.error('WESLEY_IR_FK_TARGET_MISSING', `${where}: "${typeName}" is not a table.`, refNode, {
          expected: 'a type with @table',
          hint: didYouMean(typeName, byType.keys()) ?? (ctx.defs.objects.has(typeName) ? `Add @table to type ${typeName}.` : `Define type ${typeName} @table { ... }.`),
        });
        continue;
      }
      const targetColumn = target.columnsByField.get(fieldName) ?? target.table.columns.find((c) => c.name === fieldName);
      if (!targetColumn) {
        reporter.error('WESLEY_IR_FK_FIELD_MISSING', `${where}: ${typeName} has no column field "${fieldName}".`, refNode, {
          expected: `a field of ${typeName}: ${[...target.columnsByField.keys()].join(', ')}`,
          hint: didYouMean(fieldName, target.columnsByField.keys()) ?? `Reference the primary key, e.g. "${typeName}.id".`,
        });
        continue;
      }
      const baseType = (t: string) => t.replace(/\[\]$/, '');
      if (baseType(targetColumn.type) !== baseType(column.type) || targetColumn.type.endsWith('[]') !== column.type.endsWith('[]')) {
        reporter.error('WESLEY_IR_FK_TYPE_MISMATCH', `${where}: the column is ${column.type} but ${typeName}.${fieldName} is ${targetColumn.type}.`, refNode, {
          expected: `a field of type ${targetColumn.type} (the GraphQL type ${targetColumn.graphqlType.named})`,
          hint: `Declare ${column.graphqlName} as ${targetColumn.graphqlType.named}${column.nullable ? '' : '!'} to match the referenced key.`,
        });
        continue;
      }
      const pk = target.table.primaryKey;
      const isKey = (pk?.columns.length === 1 && pk.columns[0] === targetColumn.name) ||
        target.table.uniques.some((u) => u.columns.length === 1 && u.columns[0] === targetColumn.name && u.where === null);
      if (!isKey) {
        reporter.error('WESLEY_IR_FK_TARGET_NOT_UNIQUE', `${where}: ${typeName}.${fieldName} is neither the primary key nor unique, so PostgreSQL cannot reference it.`, refNode, {
          expected: 'a reference to a @pk or @unique field',
          hint: `Reference ${typeName}'s primary key, or add @unique to ${typeName}.${fieldName}.`,
        });
        continue;
      }
      const onDelete = ACTION[(use.args.onDelete as string | undefined) ?? 'NO_ACTION']!;
      const onUpdate = ACTION[(use.args.onUpdate as string | undefined) ?? 'NO_ACTION']!;
      if ((onDelete === 'SET NULL' || onUpdate === 'SET NULL') && !column.nullable) {
        reporter.error('WESLEY_IR_FK_SET_NULL_NOT_NULLABLE', `${where}: SET_NULL on a non-null field would fail on every ${onDelete === 'SET NULL' ? 'delete' : 'update'} of a referenced row.`, use.argNodes.onDelete ?? use.argNodes.onUpdate ?? use.node, {
          expected: 'a nullable field, or another action',
          hint: `Make ${column.graphqlName} nullable, or use CASCADE / RESTRICT.`,
        });
        continue;
      }
      const deferrable: Deferrable = use.args.initiallyDeferred === true ? 'initially deferred' : use.args.deferrable === true ? 'initially immediate' : 'not deferrable';
      const fk: ForeignKeyIR = {
        kind: 'foreign-key',
        name: (use.args.name as string | undefined) ?? constraintName(draft.table.name, [column.name], 'fkey'),
        columns: [column.name],
        references: { schema: target.table.schema, name: target.table.name, columns: [targetColumn.name] },
        onDelete,
        onUpdate,
        deferrable,
        location: reporter.locate(use.node),
      };
      draft.table.foreignKeys = [...draft.table.foreignKeys, fk];
      if (target.table.partitioning || target.typeUses.has('partition')) {
        ctx.minimumServerVersion = Math.max(ctx.minimumServerVersion, 120000); // FKs to partitioned tables: PG 12+
      }
    }
  }
  makeCyclesDeferrable(drafts, ctx);
  addForeignKeyIndexes(drafts, names);
}

/** Groups of tables that reach each other through foreign keys (Kosaraju, iterative). */
function cyclicGroups(drafts: readonly TableDraft[]): Map<string, number> {
  const key = (schema: string, name: string) => `${schema}.${name}`;
  const nodes = drafts.map((d) => key(d.table.schema, d.table.name));
  const forward = new Map<string, string[]>(nodes.map((n) => [n, []]));
  const backward = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const d of drafts) {
    for (const fk of d.table.foreignKeys) {
      const from = key(d.table.schema, d.table.name);
      const to = key(fk.references.schema, fk.references.name);
      forward.get(from)?.push(to);
      backward.get(to)?.push(from);
    }
  }
  const order: string[] = [];
  const visited = new Set<string>();
  for (const start of nodes) {
    if (visited.has(start)) continue;
    visited.add(start);
    const stack: Array<[string, number]> = [[start, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = forward.get(top[0])![top[1]++];
      if (next === undefined) {
        order.push(top[0]);
        stack.pop();
      } else if (!visited.has(next)) {
        visited.add(next);
        stack.push([next, 0]);
      }
    }
  }
  const group = new Map<string, number>();
  for (let i = order.length - 1, id = 0; i >= 0; i--, id++) {
    if (group.has(order[i]!)) continue;
    const stack = [order[i]!];
    group.set(order[i]!, id);
    while (stack.length) {
      for (const prev of backward.get(stack.pop()!) ?? []) {
        if (!group.has(prev)) {
          group.set(prev, id);
          stack.push(prev);
        }
      }
    }
  }
  return group;
}

/**
 * Tables that reference each other in a cycle (A -> B -> A) cannot be filled row by row with
 * immediate checks; their undeclared keys become DEFERRABLE INITIALLY DEFERRED.
 */
function makeCyclesDeferrable(drafts: readonly TableDraft[], ctx: CompileContext): void {
  const group = cyclicGroups(drafts);
  for (const d of drafts) {
    const from = `${d.table.schema}.${d.table.name}`;
    d.table.foreignKeys = d.table.foreignKeys.map((fk) => {
      const to = `${fk.references.schema}.${fk.references.name}`;
      const request = d.fkRequests.find((r) => r.column.name === fk.columns[0]);
      const declared = request && ('deferrable' in request.use.args || 'initiallyDeferred' in request.use.args);
      if (from === to || declared || group.get(from) !== group.get(to)) return fk;
      ctx.reporter.diagnostics.push({
        severity: 'info', code: 'WESLEY_IR_FK_CYCLE_DEFERRABLE',
        message: `${d.table.graphqlName}.${request?.column.graphqlName ?? fk.columns[0]} is part of a foreign-key cycle; it is made DEFERRABLE INITIALLY DEFERRED.`,
        location: fk.location,
      });
      return { ...fk, deferrable: 'initially deferred' };
    });
  }
}

/** Every foreign key gets an index on its columns unless one already leads with them. */
function addForeignKeyIndexes(drafts: readonly TableDraft[], names: IndexNames): void {
  for (const d of drafts) {
    for (const fk of d.table.foreignKeys) {
      if (leadingIndexExists(d, fk.columns)) continue;
      const index: IndexIR = {
        kind: 'index', name: names.allocate(d.table.schema, constraintName(d.table.name, fk.columns, 'idx')), columns: fk.columns,
        method: 'btree', unique: false, where: null, origin: 'foreign-key', location: fk.location,
      };
      d.table.indexes = [...d.table.indexes, index];
    }
  }
}

/**
 * True when the primary key, a unique constraint or a btree index starts with `columns`. A partial
 * index counts when its predicate is just `<first column> IS NOT NULL`: an equality lookup on that
 * column implies it, so PostgreSQL uses the index for the key's checks.
 */
export function leadingIndexExists(draft: TableDraft, columns: readonly string[]): boolean {
  const leads = (cols: readonly string[]) => columns.every((c, i) => cols[i] === c);
  const usable = (where: string | null) =>
    where === null || new RegExp(`^\\(?\\s*"?${columns[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s+IS\\s+NOT\\s+NULL\\s*\\)?$`, 'i').test(where.trim());
  const t = draft.table;
  return Boolean(
    (t.primaryKey && leads(t.primaryKey.columns)) ||
      t.uniques.some((u) => usable(u.where) && leads(u.columns)) ||
      t.indexes.some((i) => usable(i.where) && i.method === 'btree' && leads(i.columns)),
  );
}

/** Hands out index names that no table, partition, key or index of the schema uses yet. */
export interface IndexNames {
  /** `base`, or `base1`, `base2` ... when the schema already has that name. */
  allocate(schema: string, base: string): string;
}

/** Index names for compiler-made indexes, unique per schema (built once: no quadratic rescans). */
export function indexNames(drafts: readonly TableDraft[]): IndexNames {
  const taken = new Map<string, Set<string>>();
  for (const { table } of drafts) {
    const set = taken.get(table.schema) ?? new Set<string>();
    taken.set(table.schema, set);
    set.add(table.name);
    if (table.primaryKey) set.add(table.primaryKey.name);
    table.uniques.forEach((u) => set.add(u.name));
    table.indexes.forEach((i) => set.add(i.name));
    table.partitioning?.partitions.forEach((p) => set.add(p.name));
  }
  return {
    allocate(schema, base) {
      const set = taken.get(schema) ?? new Set<string>();
      taken.set(schema, set);
      let name = base;
      for (let i = 1; set.has(name); i++) name = `${truncateToBytes(base, MAX_IDENTIFIER_BYTES - String(i).length)}${i}`;
      set.add(name);
      return name;
    },
  };
}
