// Table-level edits for the pair arbitrary: tables added, dropped and renamed (@renamedFrom), enum
// values added, partitions added, row-level security and tenancy switched.
import { plain, predicateFor, scalar } from './build-field.js';
import { ENUM_VALUES, SCHEMA_NAMES, TABLE_NAMES, TENANT_CLAIMS, claimName, derivedName, pick } from './name-pools.js';
import { keyTargets } from './edit-constraints.js';
import { replaceTable, takenColumns, takenTypeNames, type Edit } from './schema-edit.js';
import { snakeCase, tableName, type FieldModel, type PartitionModel, type RlsModel, type SchemaModel, type TableModel } from './schema-model.js';

/** A small new table: a uuid or identity key, a name, a timestamp and, sometimes, a foreign key. */
export const addTable: Edit = (model, r, ctx) => {
  const name = claimName(TABLE_NAMES, r.table, takenTypeNames(model), snakeCase);
  if (!name) return undefined;
  const key = r.flag
    ? plain('id', scalar('Int'), false, { pk: true, identity: 'BY_DEFAULT' })
    : plain('id', scalar('ID'), false, { pk: true, default: { kind: 'expr', sql: 'gen_random_uuid()' } });
  const fields: FieldModel[] = [key, plain('name', scalar('String'), r.pick % 3 !== 0), plain('createdAt', scalar('DateTime'), false, { default: { kind: 'expr', sql: 'now()' } })];
  const targets = keyTargets(model, ctx.pg11Compatible);
  if (targets.length && r.pick % 2) {
    const target = pick(targets, r.field);
    fields.push(plain('ownerId', target.field.type, true, { ...(target.field.columnType ? { columnType: target.field.columnType } : {}), fk: { table: target.table.name, field: target.field.name, onDelete: 'CASCADE' } }));
  }
  const table: TableModel = { name, ...(r.pick % 5 === 4 ? { schema: SCHEMA_NAMES[0] } : {}), fields, uniques: [], indexes: [], checks: [], relations: [] };
  return { model: { ...model, tables: [...model.tables, table] }, description: `add table ${name}${table.schema ? ` in schema ${table.schema}` : ''}` };
};

/** Drops a table; foreign keys to it elsewhere lose their @fk (the columns stay), relations to it go. */
export const dropTable: Edit = (model, r) => {
  if (model.tables.length < 2) return undefined;
  const table = pick(model.tables, r.table);
  const tables = model.tables.filter((t) => t !== table).map((t): TableModel => ({
    ...t,
    fields: t.fields.map((f) => {
      if (f.fk?.table !== table.name) return f;
      const { fk: _dropped, ...rest } = f;
      return rest;
    }),
    relations: t.relations.filter((rel) => rel.target !== table.name),
  }));
  return { model: { ...model, tables }, description: `drop table ${table.name}` };
};

/** Renames a type (and so its table, unless @table(name:) fixes it), marked @renamedFrom its base name. */
export const renameTable: Edit = (model, r, ctx) => {
  const table = pick(model.tables, r.table);
  const name = claimName(TABLE_NAMES, r.pick, takenTypeNames(model), snakeCase);
  if (!name) return undefined;
  const inBase = (n: string | undefined) => ctx.base.tables.some((t) => t.name === n);
  const renamedFrom = inBase(table.renamedFrom) && !inBase(table.name) ? table.renamedFrom : inBase(table.name) ? table.name : undefined;
  const { renamedFrom: _previous, ...rest } = table;
  const renamed: TableModel = { ...rest, name, ...(renamedFrom ? { renamedFrom } : {}) };
  const tables = model.tables.map((t): TableModel => ({
    ...(t === table ? renamed : t),
    fields: (t === table ? renamed : t).fields.map((f) => (f.fk?.table === table.name ? { ...f, fk: { ...f.fk, table: name } } : f)),
    relations: t.relations.map((rel) => (rel.target === table.name ? { ...rel, target: name } : rel)),
  }));
  return { model: { ...model, tables }, description: `rename table ${table.name} to ${name}${renamedFrom ? ` @renamedFrom(${renamedFrom})` : ''}` };
};

/** A new value for an enum: appended with the flag, otherwise at a drawn position. */
export const addEnumValue: Edit = (model, r) => {
  if (!model.enums.length) return undefined;
  const target = pick(model.enums, r.table);
  const value = claimName(ENUM_VALUES, r.pick, new Set(target.values), (v) => v);
  if (!value) return undefined;
  const at = r.flag ? target.values.length : r.field % (target.values.length + 1);
  const values = [...target.values.slice(0, at), value, ...target.values.slice(at)];
  return { model: { ...model, enums: model.enums.map((e) => (e === target ? { ...e, values } : e)) }, description: `add value ${value} to enum ${target.name} at position ${at}` };
};

/** The next partition of a RANGE (a later year) or LIST (another enum value) table; HASH tables have none to add. */
function nextPartition(model: SchemaModel, table: TableModel, n: number): PartitionModel['partitions'][number] | undefined {
  const partition = table.partition!;
  const taken = takenTypeNames(model);
  const bounds = new Set(partition.partitions.map((p) => p.bound));
  const sql = tableName(table);
  const fresh = (p: { name: string; bound: string }) => !taken.has(p.name) && !bounds.has(p.bound);
  if (partition.by === 'RANGE') {
    const years = [2026, 2027, 2028, 2029].map((_, i, all) => all[(n + i) % all.length]!);
    return years.map((y) => ({ name: derivedName(sql, `y${y}`), bound: `FROM ('${y}-01-01') TO ('${y + 1}-01-01')` })).find(fresh);
  }
  if (partition.by !== 'LIST') return undefined;
  const key = table.fields.find((f) => f.name === partition.key[0]);
  const values = model.enums.find((e) => e.name === key?.type.name)?.values ?? [];
  const used = (v: string) => partition.partitions.some((p) => p.bound.includes(`'${v}'`));
  return values.filter((v) => !used(v)).map((v) => ({ name: derivedName(sql, `v${ENUM_VALUES.indexOf(v as never)}`), bound: `IN ('${v}')` })).find(fresh);
}

export const addPartition: Edit = (model, r) => {
  const tables = model.tables.filter((t) => t.partition);
  if (!tables.length) return undefined;
  const table = pick(tables, r.table);
  const added = nextPartition(model, table, r.pick);
  if (!added) return undefined;
  const next: TableModel = { ...table, partition: { ...table.partition!, partitions: [...table.partition!.partitions, added] } };
  return { model: replaceTable(model, table, next), description: `add partition ${added.name} of ${table.name} ${added.bound}` };
};

/**
 * Row-level security on for a table without @rls (three policy shapes); for one with it, off
 * (the variant 0), FORCE toggled (1) or `enable: false` toggled (2, not on @tenant tables).
 */
export const toggleRls: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  const { rls: current, ...rest } = table;
  if (!current) {
    const condition = predicateFor(table.fields[0]!);
    const rls: RlsModel = pick([{ using: condition }, { select: condition, insert: 'true' }, { using: 'true', force: true }], r.pick);
    return { model: replaceTable(model, table, { ...table, rls }), description: `turn on row-level security on ${table.name}: ${JSON.stringify(rls)}` };
  }
  const variant = table.tenant ? 1 : r.pick % 3;
  if (variant === 0) return { model: replaceTable(model, table, rest), description: `remove @rls from ${table.name}` };
  const key = variant === 1 ? 'force' : 'enable';
  const { [key]: value, ...others } = current;
  const rls: RlsModel = value === undefined ? { ...others, [key]: key === 'force' } : others;
  return { model: replaceTable(model, table, { ...table, rls }), description: `${key} ${JSON.stringify(rls[key] ?? null)} on ${table.name}` };
};

/** @tenant off (the field stays), or on with a new required tenant column (a foreign key to an owner with the flag). */
export const toggleTenant: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  if (table.tenant) {
    const { tenant: _dropped, ...rest } = table;
    return { model: replaceTable(model, table, rest), description: `remove @tenant from ${table.name}` };
  }
  const name = claimName(['orgId', 'tenantId'], r.pick, takenColumns(table), snakeCase);
  if (!name) return undefined;
  const owners = model.tables.filter((t) => t !== table).flatMap((t) => t.fields.filter((f) => f.pk && !t.partition && t.fields.filter((k) => k.pk).length === 1 && (f.type.name === 'ID' || f.type.name === 'UUID')).map((f) => ({ t, f })));
  const owner = r.flag && owners.length ? pick(owners, r.field) : undefined;
  const field = plain(name, owner ? owner.f.type : scalar('ID'), false, owner ? { fk: { table: owner.t.name, field: owner.f.name, onDelete: 'CASCADE' } } : {});
  const rls = table.rls && (({ enable: _off, ...on }) => on)(table.rls);
  const tenant = { by: name, ...(r.pick % 2 ? { claim: pick(TENANT_CLAIMS, r.field) } : {}) };
  const next: TableModel = { ...table, fields: [...table.fields, field], tenant, ...(rls ? { rls } : {}) };
  return { model: replaceTable(model, table, next), description: `add @tenant(by: ${name}) to ${table.name}${owner ? ` -> ${owner.t.name}` : ''}` };
};
