// Index and constraint edits for the pair arbitrary: indexes and uniques (field and composite,
// partial), foreign keys (a new key column, or a key on an existing column) and checks.
import { plain, predicateFor } from './build-field.js';
import { NUMERIC_SCALARS } from './literal-samples.js';
import { FK_FIELD_NAMES, claimName, pick } from './name-pools.js';
import {
  defaultFitsCheck, isForeignKeyTarget, isSingle, replaceField, replaceTable, scalarOf, takenColumns, withoutRelationsVia,
  type Edit, type EditRecipe, type EditResult,
} from './schema-edit.js';
import { quoteColumn, snakeCase, type CompositeModel, type FieldModel, type FkActionName, type IndexMethodName, type SchemaModel, type TableModel } from './schema-model.js';

const HASHABLE = new Set(['String', 'ID', 'UUID', 'Int', 'BigInt', 'Date', 'DateTime']);
const isJson = (f: FieldModel) => scalarOf(f) === 'JSON';
const sameFields = (a: CompositeModel, fields: readonly string[]) => a.fields.join() === fields.join();

/** Two distinct fields of the list (the second drawn among the others), or undefined. */
function twoOf(fields: readonly FieldModel[], a: number, b: number): [FieldModel, FieldModel] | undefined {
  if (fields.length < 2) return undefined;
  const first = pick(fields, a);
  return [first, pick(fields.filter((f) => f !== first), b)];
}

function changed(model: SchemaModel, table: TableModel, next: TableModel, description: string): EditResult {
  return { model: replaceTable(model, table, next), description };
}

/** Without the flag an index on one field (GIN for lists and JSON, sometimes HASH or partial); with it a composite one. */
export const addIndex: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  if (r.flag) {
    const two = twoOf(table.fields, r.field, r.pick);
    const fields = two?.map((f) => f.name);
    if (!two || !fields || table.indexes.some((c) => sameFields(c, fields))) return undefined;
    const index: CompositeModel = { fields, ...(r.pick % 2 ? { where: predicateFor(two[0]) } : {}) };
    return changed(model, table, { ...table, indexes: [...table.indexes, index] }, `add index ${table.name}(${fields.join(', ')})${index.where ? ` WHERE ${index.where}` : ''}`);
  }
  const candidates = table.fields.filter((f) => !f.index);
  if (!candidates.length) return undefined;
  const field = pick(candidates, r.field);
  const s = scalarOf(field);
  const hash = Math.floor(r.pick / 2) % 3 === 1 && isSingle(field) && (field.type.kind === 'enum' || (s !== undefined && HASHABLE.has(s)));
  const using: IndexMethodName | undefined = field.list || isJson(field) ? 'GIN' : hash ? 'HASH' : undefined;
  const index: NonNullable<FieldModel['index']> = { ...(using ? { using } : {}), ...(r.pick % 2 ? { where: predicateFor(field) } : {}) };
  return changed(model, table, replaceField(table, field, { ...field, index }), `add index on ${table.name}.${field.name}${using ? ` USING ${using}` : ''}${index.where ? ` WHERE ${index.where}` : ''}`);
};

/** Drops, as drawn, one field's `index` / `unique` directive (among `fields`) or one composite of that kind. */
function dropDirective(model: SchemaModel, r: EditRecipe, table: TableModel, fields: readonly FieldModel[], kind: 'index' | 'unique'): EditResult | undefined {
  const list = kind === 'index' ? 'indexes' : 'uniques';
  const options = [...fields.map((f) => ({ field: f })), ...table[list].map((c) => ({ composite: c }))];
  if (!options.length) return undefined;
  const chosen = pick(options, r.field);
  if ('composite' in chosen) {
    return changed(model, table, { ...table, [list]: table[list].filter((c) => c !== chosen.composite) }, `drop ${kind} ${table.name}(${chosen.composite.fields.join(', ')})`);
  }
  const { [kind]: _dropped, ...next } = chosen.field;
  return changed(model, table, replaceField(table, chosen.field, next), `drop ${kind} on ${table.name}.${chosen.field.name}`);
}

export const dropIndex: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  return dropDirective(model, r, table, table.fields.filter((f) => f.index), 'index');
};

/** Without the flag a unique field (not on partitioned tables); with it a composite unique (holding the partition key, if any). */
export const addUnique: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  const uniqueable = table.fields.filter((f) => isSingle(f) && !isJson(f));
  if (r.flag) {
    const key = table.partition && table.fields.find((f) => f.name === table.partition!.key[0]);
    const others = uniqueable.filter((f) => f !== key);
    const two = key ? (others.length ? [pick(others, r.field), key] : undefined) : twoOf(uniqueable, r.field, r.pick);
    const fields = two?.map((f) => f.name);
    if (!two || !fields || table.uniques.some((c) => sameFields(c, fields))) return undefined;
    const unique: CompositeModel = { fields, ...(r.pick % 2 ? { where: predicateFor(two[1]!) } : {}) };
    return changed(model, table, { ...table, uniques: [...table.uniques, unique] }, `add unique ${table.name}(${fields.join(', ')})${unique.where ? ` WHERE ${unique.where}` : ''}`);
  }
  const candidates = uniqueable.filter((f) => !f.unique && !f.pk);
  if (table.partition || !candidates.length) return undefined;
  const field = pick(candidates, r.field);
  const unique = r.pick % 2 ? { where: predicateFor(field) } : {};
  return changed(model, table, replaceField(table, field, { ...field, unique }), `add unique on ${table.name}.${field.name}${unique.where ? ` WHERE ${unique.where}` : ''}`);
};

/** Drops a composite unique, or a unique field no foreign key references. */
export const dropUnique: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  return dropDirective(model, r, table, table.fields.filter((f) => f.unique && !isForeignKeyTarget(model, table, f)), 'unique');
};

/** Tables with a single-column primary key a foreign key may reference (partitioned ones from PG 12). */
export function keyTargets(model: SchemaModel, pg11Compatible: boolean): { table: TableModel; field: FieldModel }[] {
  return model.tables.flatMap((table) => {
    const keys = table.fields.filter((f) => f.pk);
    return keys.length === 1 && !(table.partition && pg11Compatible) ? [{ table, field: keys[0]! }] : [];
  });
}

const sameType = (a: FieldModel, b: FieldModel) => a.type.kind === b.type.kind && a.type.name === b.type.name && a.columnType === b.columnType;

/** Without the flag a new nullable key column; with it a key on an existing column of the target's type. */
export const addForeignKey: Edit = (model, r, ctx) => {
  const table = pick(model.tables, r.table);
  const targets = keyTargets(model, ctx.pg11Compatible);
  if (!targets.length) return undefined;
  const target = pick(targets, r.pick);
  const actions: (FkActionName | undefined)[] = [undefined, 'CASCADE', 'RESTRICT', 'SET_NULL'];
  const ref = `${target.table.name}.${target.field.name}`;
  if (r.flag) {
    const candidates = table.fields.filter((f) => !f.fk && !f.pk && isSingle(f) && !f.identity && !f.generated && !f.default && sameType(f, target.field));
    if (!candidates.length) return undefined;
    const field = pick(candidates, r.field);
    const onDelete = pick(actions.slice(0, field.nullable ? 4 : 3), Math.floor(r.pick / 7));
    const next = { ...field, fk: { table: target.table.name, field: target.field.name, ...(onDelete ? { onDelete } : {}) } };
    return changed(model, table, replaceField(table, field, next), `add foreign key ${table.name}.${field.name} -> ${ref}${onDelete ? ` ON DELETE ${onDelete}` : ''}`);
  }
  const name = claimName(FK_FIELD_NAMES, r.field, takenColumns(table), snakeCase);
  if (!name) return undefined;
  const onDelete = pick(actions, Math.floor(r.pick / 7));
  const field = plain(name, target.field.type, true, {
    ...(target.field.columnType ? { columnType: target.field.columnType } : {}),
    fk: { table: target.table.name, field: target.field.name, ...(onDelete ? { onDelete } : {}) },
  });
  return changed(model, table, { ...table, fields: [...table.fields, field] }, `add column ${table.name}.${name} -> ${ref}${onDelete ? ` ON DELETE ${onDelete}` : ''}`);
};

/** Drops the foreign key of a column (the column stays), and the relations through it. */
export const dropForeignKey: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  const candidates = table.fields.filter((f) => f.fk && !f.pk);
  if (!candidates.length) return undefined;
  const field = pick(candidates, r.field);
  const { fk: _dropped, ...next } = field;
  const without = withoutRelationsVia(model, table, field);
  const current = without.tables.find((t) => t.name === table.name)!;
  return { model: replaceTable(without, current, replaceField(current, current.fields.find((f) => f.name === field.name)!, next)), description: `drop foreign key ${table.name}.${field.name}` };
};

/** Without the flag a check on a numeric or text field (`>= 0`, non-empty) its default satisfies; with it a two-column table check. */
export const addCheck: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  if (r.flag) {
    const two = twoOf(table.fields, r.field, r.pick);
    const check = two && `${quoteColumn(two[0])} IS NOT NULL OR ${quoteColumn(two[1])} IS NULL`;
    if (!check || table.checks.includes(check)) return undefined;
    return changed(model, table, { ...table, checks: [...table.checks, check] }, `add check on ${table.name}: ${check}`);
  }
  const checkable = (f: FieldModel) => {
    const s = scalarOf(f);
    return isSingle(f) && !f.check && s !== undefined && (NUMERIC_SCALARS.has(s) || s === 'String') && defaultFitsCheck(f);
  };
  const candidates = table.fields.filter(checkable);
  if (!candidates.length) return undefined;
  const field = pick(candidates, r.field);
  const check = scalarOf(field) === 'String' ? `char_length(${quoteColumn(field)}) > 0` : `${quoteColumn(field)} >= 0`;
  return changed(model, table, replaceField(table, field, { ...field, check }), `add check on ${table.name}.${field.name}: ${check}`);
};

export const dropCheck: Edit = (model, r) => {
  const table = pick(model.tables, r.table);
  const options = [...table.fields.filter((f) => f.check).map((f) => ({ field: f })), ...table.checks.map((c) => ({ check: c }))];
  if (!options.length) return undefined;
  const chosen = pick(options, r.field);
  if ('check' in chosen) return changed(model, table, { ...table, checks: table.checks.filter((c) => c !== chosen.check) }, `drop check on ${table.name}: ${chosen.check}`);
  const { check: _dropped, ...next } = chosen.field;
  return changed(model, table, replaceField(table, chosen.field, next), `drop check on ${table.name}.${chosen.field.name}`);
};
