// What the pair arbitrary's edits share: the recipe of one edit, and model surgery that keeps
// every reference to a table or field (keys, relations, SQL fragments) consistent, so an edited
// model still compiles.
import { COLUMN_TYPES, NUMERIC_SCALARS, VALUE_SAMPLES, sampleFits, type SampleConstraints } from './literal-samples.js';
import { pick } from './name-pools.js';
import { quoteColumn, snakeCase, tableName, type DefaultModel, type EnumModel, type FieldModel, type RlsModel, type ScalarName, type SchemaModel, type TableModel } from './schema-model.js';

/** The edits a pair can be made of, in the order shrinking prefers (earlier = simpler). */
export const EDIT_KINDS = [
  'add-column', 'drop-column', 'rename-column', 'toggle-nullable', 'set-default', 'drop-default', 'widen-type',
  'add-index', 'drop-index', 'add-unique', 'drop-unique', 'add-foreign-key', 'drop-foreign-key', 'add-check', 'drop-check',
  'add-table', 'drop-table', 'rename-table', 'add-enum-value', 'add-partition', 'toggle-rls', 'toggle-tenant',
] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** One edit's choices: which table and field (modulo what exists), a variant number and a flag. */
export interface EditRecipe {
  readonly kind: EditKind;
  readonly table: number;
  readonly field: number;
  readonly pick: number;
  readonly flag: boolean;
}

export interface EditContext {
  /** The schema the pair starts from: renames name what a table or field was called there. */
  readonly base: SchemaModel;
  readonly pg11Compatible: boolean;
}

export interface EditResult {
  readonly model: SchemaModel;
  /** One line for a counterexample: what the edit did. */
  readonly description: string;
}

/** An edit: the changed model, or undefined when nothing in the model fits it. */
export type Edit = (model: SchemaModel, recipe: EditRecipe, ctx: EditContext) => EditResult | undefined;

export const scalarOf = (f: FieldModel): ScalarName | undefined => (f.type.kind === 'scalar' ? f.type.name : undefined);
export const isSingle = (f: FieldModel): boolean => !f.list;

/** The model with one table replaced (or removed when `next` is undefined). */
export function replaceTable(model: SchemaModel, table: TableModel, next: TableModel | undefined): SchemaModel {
  return { ...model, tables: model.tables.flatMap((t) => (t === table ? (next ? [next] : []) : [t])) };
}

/** The table with one field replaced (or removed when `next` is undefined). */
export function replaceField(table: TableModel, field: FieldModel, next: FieldModel | undefined): TableModel {
  return { ...table, fields: table.fields.flatMap((f) => (f === field ? (next ? [next] : []) : [f])) };
}

/** SQL column names, custom column names and previous names of a table's fields: what a new field must avoid. */
export function takenColumns(table: TableModel): Set<string> {
  const taken = new Set<string>();
  for (const f of table.fields) {
    taken.add(snakeCase(f.name));
    if (f.columnName !== undefined) taken.add(f.columnName);
    if (f.renamedFrom) taken.add(snakeCase(f.renamedFrom));
  }
  for (const r of table.relations) taken.add(snakeCase(r.name));
  return taken;
}

/** Table, partition and enum names in use, and the previous names tables are renamed from. */
export function takenTypeNames(model: SchemaModel): Set<string> {
  const taken = new Set<string>(model.enums.map((e) => snakeCase(e.name)));
  for (const t of model.tables) {
    taken.add(tableName(t));
    taken.add(snakeCase(t.name));
    if (t.renamedFrom) taken.add(snakeCase(t.renamedFrom));
    for (const p of t.partition?.partitions ?? []) taken.add(p.name);
  }
  return taken;
}

const RLS_KEYS = ['using', 'check', 'select', 'insert', 'update', 'delete'] as const;

/** SQL fragments of the table outside the field itself: checks, predicates, policies, generation expressions. */
function otherSql(table: TableModel, field: FieldModel): string[] {
  const own = table.fields.filter((f) => f !== field).flatMap((f) => [f.generated, f.check, f.unique?.where, f.index?.where]);
  const composite = [...table.uniques, ...table.indexes].map((c) => c.where);
  const rls = table.rls ? RLS_KEYS.map((k) => table.rls![k]) : [];
  return [...own, ...composite, ...table.checks, ...rls].filter((s): s is string => s !== undefined);
}

/** Whether a foreign key anywhere references the field. */
export function isForeignKeyTarget(model: SchemaModel, table: TableModel, field: FieldModel): boolean {
  return model.tables.some((t) => t.fields.some((f) => f.fk?.table === table.name && f.fk.field === field.name));
}

/**
 * Whether anything besides the field's own directives names it: a key, the tenant or partition
 * key, a composite, another SQL fragment, a relation or a foreign key elsewhere.
 */
export function isReferenced(model: SchemaModel, table: TableModel, field: FieldModel): boolean {
  const col = quoteColumn(field);
  return field.pk || table.tenant?.by === field.name || (table.partition?.key.includes(field.name) ?? false) ||
    [...table.uniques, ...table.indexes].some((c) => c.fields.includes(field.name)) ||
    otherSql(table, field).some((sql) => sql.includes(col)) ||
    model.tables.some((t) => t.relations.some((r) => r.ref === field.name && (t === table || r.target === table.name))) ||
    isForeignKeyTarget(model, table, field);
}

/** Relations that go through the field (its belongsTo, the referenced table's hasMany) removed. */
export function withoutRelationsVia(model: SchemaModel, table: TableModel, field: FieldModel): SchemaModel {
  const via = (owner: TableModel) => (r: TableModel['relations'][number]) => r.ref === field.name && (owner === table || r.target === table.name);
  return { ...model, tables: model.tables.map((t) => (t.relations.some(via(t)) ? { ...t, relations: t.relations.filter((r) => !via(t)(r)) } : t)) };
}

/** Renames a field and every mention of it: composites, SQL fragments (by quoted column), relations. */
export function renameField(model: SchemaModel, table: TableModel, field: FieldModel, name: string, renamedFrom: string | undefined): SchemaModel {
  const from = quoteColumn(field);
  const to = quoteColumn({ name, ...(field.columnName === undefined ? {} : { columnName: field.columnName }) });
  const sql = <T extends string | undefined>(s: T): T => (s === undefined ? s : (s.replaceAll(from, to) as T));
  const names = (list: readonly string[]) => list.map((n) => (n === field.name ? name : n));
  const fields = table.fields.map((f): FieldModel => {
    let next = f;
    if (f === field) {
      const { renamedFrom: _previous, ...rest } = f;
      next = { ...rest, name, ...(renamedFrom === undefined ? {} : { renamedFrom }) };
    }
    return {
      ...next,
      ...(f.generated ? { generated: sql(f.generated) } : {}),
      ...(f.check ? { check: sql(f.check) } : {}),
      ...(f.unique ? { unique: f.unique.where === undefined ? {} : { where: sql(f.unique.where) } } : {}),
      ...(f.index ? { index: { ...f.index, ...(f.index.where === undefined ? {} : { where: sql(f.index.where) }) } } : {}),
    };
  });
  const composite = (c: TableModel['uniques'][number]) => ({ ...c, fields: names(c.fields), ...(c.where === undefined ? {} : { where: sql(c.where) }) });
  const rls = table.rls && (Object.fromEntries(Object.entries(table.rls).map(([k, v]) => [k, typeof v === 'string' ? sql(v) : v])) as RlsModel);
  const next: TableModel = { ...table, fields, uniques: table.uniques.map(composite), indexes: table.indexes.map(composite), checks: table.checks.map(sql), ...(rls ? { rls } : {}) };
  const relations = (t: TableModel) => t.relations.map((r) => (r.ref === field.name && (t === table || r.target === table.name) ? { ...r, ref: name } : r));
  return { ...model, tables: model.tables.map((t) => (t === table ? { ...next, relations: relations(t) } : { ...t, relations: relations(t) })) };
}

/** What a default must satisfy on this field: its column type's limits and its own check. */
function constraintsOf(field: FieldModel, scalar: ScalarName): SampleConstraints {
  const fits = COLUMN_TYPES[scalar]?.find((c) => c.type === field.columnType)?.fits ?? {};
  return { ...fits, nonNegative: field.check !== undefined && NUMERIC_SCALARS.has(scalar), nonEmpty: field.check !== undefined && scalar === 'String' };
}

/** Whether the field's current default satisfies a check of the given kind (`>= 0`, non-empty). */
export function defaultFitsCheck(field: FieldModel): boolean {
  const s = scalarOf(field);
  if (!field.default || s === undefined) return true;
  const c = { nonNegative: NUMERIC_SCALARS.has(s), nonEmpty: s === 'String' };
  return field.default.kind === 'expr' ? sampleFits(s, field.default.sql, true, c) : sampleFits(s, field.default.value, false, c);
}

export const DEFAULT_FLAVOURS = ['constant', 'stable', 'volatile'] as const;
export type DefaultFlavour = (typeof DEFAULT_FLAVOURS)[number];

/**
 * A default of the given flavour that fits the field, or undefined: a literal (constant), now() /
 * CURRENT_DATE (stable), clock_timestamp() / gen_random_uuid() (volatile).
 */
export function defaultFor(field: FieldModel, flavour: DefaultFlavour, n: number, enums: readonly EnumModel[]): DefaultModel | undefined {
  if (field.list || field.identity || field.generated) return undefined;
  if (field.type.kind === 'enum') {
    const values = enums.find((e) => e.name === field.type.name)?.values ?? [];
    return flavour === 'constant' && values.length ? { kind: 'value', value: pick(values, n), literal: 'enum' } : undefined;
  }
  const s = field.type.name;
  if (flavour === 'stable') return s === 'DateTime' ? { kind: 'expr', sql: 'now()' } : s === 'Date' ? { kind: 'expr', sql: 'CURRENT_DATE' } : undefined;
  if (flavour === 'volatile') return s === 'DateTime' ? { kind: 'expr', sql: 'clock_timestamp()' } : s === 'UUID' || s === 'ID' ? { kind: 'expr', sql: 'gen_random_uuid()' } : undefined;
  const c = constraintsOf(field, s);
  const fits = VALUE_SAMPLES[s].filter((v) => v !== null && sampleFits(s, v, false, c));
  return fits.length ? { kind: 'value', value: pick(fits, n) } : undefined;
}
