// Column edits for the pair arbitrary: add, drop, rename (@renamedFrom), nullability, defaults,
// and type changes PostgreSQL may or may not do in place.
import { plain, scalar } from './build-field.js';
import { DESCRIPTIONS, FIELD_NAMES, FK_FIELD_NAMES, claimName, pick } from './name-pools.js';
import {
  DEFAULT_FLAVOURS, defaultFor, isForeignKeyTarget, isReferenced, isSingle, renameField, replaceField, replaceTable, scalarOf, takenColumns,
  type DefaultFlavour, type Edit, type EditContext,
} from './schema-edit.js';
import { quoteColumn, snakeCase, type FieldModel, type FieldType, type ScalarName, type TableModel } from './schema-model.js';

const ADDED_SCALARS: readonly ScalarName[] = ['String', 'Int', 'BigInt', 'Boolean', 'DateTime', 'Date', 'UUID', 'JSON', 'Decimal', 'Float'];
/** Scalars that have a default of each flavour (see defaultFor). */
const SCALARS_WITH: Readonly<Record<DefaultFlavour, readonly ScalarName[]>> = { constant: ADDED_SCALARS, stable: ['DateTime', 'Date'], volatile: ['DateTime', 'UUID'] };
const describeDefault = (f: FieldModel) => (f.default ? ` default ${f.default.kind === 'expr' ? f.default.sql : JSON.stringify(f.default.value)}` : '');
const typeText = (f: FieldModel) => `${f.type.name}${f.columnType ? ` (${f.columnType})` : ''}${f.nullable ? '' : '!'}`;

/** The table of the base schema this table was, or undefined for a table the pair adds. */
export function baseTableOf(table: TableModel, ctx: EditContext): TableModel | undefined {
  return ctx.base.tables.find((t) => t.name === table.name) ?? ctx.base.tables.find((t) => t.name === table.renamedFrom);
}

/** Variant 0 nullable, 1-3 required with a constant / stable / volatile default, 4 required without one. */
export const addColumn: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  const name = claimName(FIELD_NAMES, r.field, takenColumns(table), snakeCase);
  if (!name) return undefined;
  const variant = r.pick % 5;
  const flavour = variant >= 1 && variant <= 3 ? DEFAULT_FLAVOURS[variant - 1]! : undefined;
  const types: FieldType[] = [...(flavour ? SCALARS_WITH[flavour] : ADDED_SCALARS).map(scalar), ...(flavour === undefined || flavour === 'constant' ? model.enums.map((e): FieldType => ({ kind: 'enum', name: e.name })) : [])];
  let field = plain(name, pick(types, Math.floor(r.pick / 5)), variant === 0, r.flag ? { description: pick(DESCRIPTIONS, r.pick) } : {});
  if (flavour) {
    const chosen = defaultFor(field, flavour, r.pick, model.enums);
    if (chosen) field = { ...field, default: chosen };
  }
  return { model: replaceTable(model, table, { ...table, fields: [...table.fields, field] }), description: `add column ${table.name}.${name}: ${typeText(field)}${describeDefault(field)}` };
};

/** Drops a field nothing else refers to (its own directives go with it). */
export const dropColumn: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  const candidates = table.fields.filter((f) => !isReferenced(model, table, f));
  if (table.fields.length < 2 || !candidates.length) return undefined;
  const field = pick(candidates, r.field);
  return { model: replaceTable(model, table, replaceField(table, field, undefined)), description: `drop column ${table.name}.${field.name}` };
};

/**
 * Renames a field (with the flag, to the name of a base field that is gone, if any) and marks it
 * @renamedFrom its name in the base schema (none for a field the pair adds).
 */
export const renameColumn: Edit = (model, r, ctx) => {
  const table = pick(model.tables, r.table);
  const candidates = table.fields.filter((f) => !f.pk && f.columnName === undefined && table.tenant?.by !== f.name && !table.partition?.key.includes(f.name) && !isForeignKeyTarget(model, table, f));
  if (!candidates.length) return undefined;
  const field = pick(candidates, r.field);
  const taken = takenColumns(table);
  const baseFields = baseTableOf(table, ctx)?.fields ?? [];
  // With the flag, the name of a base field that is gone (dropped or renamed away), when there is one.
  const vacated = baseFields.filter((f) => f.columnName === undefined && !taken.has(snakeCase(f.name))).map((f) => f.name);
  const name = r.flag && vacated.length ? pick(vacated, r.pick) : claimName(field.fk ? FK_FIELD_NAMES : FIELD_NAMES, r.pick, taken, snakeCase);
  if (!name) return undefined;
  const renamedFrom = baseFields.some((f) => f.name === field.renamedFrom) ? field.renamedFrom : baseFields.some((f) => f.name === field.name) ? field.name : undefined;
  return { model: renameField(model, table, field, name, renamedFrom), description: `rename column ${table.name}.${field.name} to ${name}${renamedFrom ? ` @renamedFrom(${renamedFrom})` : ''}` };
};

const plainColumn = (table: TableModel) => (f: FieldModel) =>
  !f.pk && !f.fk && !f.identity && !f.generated && table.tenant?.by !== f.name && !table.partition?.key.includes(f.name);

/** NOT NULL on or off; with the flag, a required field also gets a default (the backfill route). */
export const toggleNullable: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  const candidates = table.fields.filter(plainColumn(table));
  if (!candidates.length) return undefined;
  const field = pick(candidates, r.field);
  let next: FieldModel = { ...field, nullable: !field.nullable };
  if (field.nullable && r.flag && !field.default) {
    const chosen = defaultFor(field, pick(DEFAULT_FLAVOURS, r.pick), r.pick, model.enums) ?? defaultFor(field, 'constant', r.pick, model.enums);
    if (chosen) next = { ...next, default: chosen };
  }
  return { model: replaceTable(model, table, replaceField(table, field, next)), description: `make ${table.name}.${field.name} ${next.nullable ? 'nullable' : 'required'}${next.default === field.default ? '' : describeDefault(next)}` };
};

/** A constant, stable or volatile default on a plain column (the first flavour that fits, from the drawn one). */
export const setDefault: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  const candidates = table.fields.filter((f) => plainColumn(table)(f) && isSingle(f));
  if (!candidates.length) return undefined;
  const field = pick(candidates, r.field);
  const flavours = [0, 1, 2].map((i) => pick(DEFAULT_FLAVOURS, r.pick + i));
  const chosen = flavours.map((flavour) => defaultFor(field, flavour, Math.floor(r.pick / 3), model.enums)).find((d) => d !== undefined);
  if (!chosen) return undefined;
  const next = { ...field, default: chosen };
  return { model: replaceTable(model, table, replaceField(table, field, next)), description: `set default of ${table.name}.${field.name}:${describeDefault(next)}` };
};

export const dropDefault: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  const candidates = table.fields.filter((f) => f.default !== undefined && !table.partition?.key.includes(f.name));
  if (!candidates.length) return undefined;
  const field = pick(candidates, r.field);
  const { default: _dropped, ...next } = field;
  return { model: replaceTable(model, table, replaceField(table, field, next)), description: `drop default of ${table.name}.${field.name}` };
};

/** The wider type: varchar(n) -> varchar(255) -> text, smallint -> integer -> bigint, numeric(12,2) -> numeric(16,2), timestamptz(3) -> timestamptz. */
function widened(field: FieldModel): FieldModel | undefined {
  const { columnType: type, ...rest } = field;
  const s = scalarOf(field);
  const varchar = type === undefined ? null : /^varchar\((\d+)\)$/.exec(type);
  if (varchar) return Number(varchar[1]) < 255 ? { ...rest, columnType: 'varchar(255)' } : rest;
  if (type === 'smallint' || type === 'timestamptz(3)') return rest;
  if (type === 'numeric(12,2)') return { ...rest, columnType: 'numeric(16,2)' };
  if (type === undefined && s === 'Int') return { ...field, type: scalar('BigInt') };
  return undefined;
}

/** Widens a column that no foreign key or generated column depends on. */
export const widenType: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  const usedByGenerated = (f: FieldModel) => table.fields.some((o) => o.generated?.includes(quoteColumn(f)));
  const candidates = table.fields.filter((f) => !f.fk && !f.generated && isSingle(f) && !isForeignKeyTarget(model, table, f) && !usedByGenerated(f) && widened(f) !== undefined);
  if (!candidates.length) return undefined;
  const field = pick(candidates, r.field);
  const next = widened(field)!;
  return { model: replaceTable(model, table, replaceField(table, field, next)), description: `widen ${table.name}.${field.name}: ${typeText(field)} -> ${typeText(next)}` };
};
