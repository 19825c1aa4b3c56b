// One field of a table from its recipe: the type first (a foreign key takes its target's type),
// then each directive the recipe asks for that fits the type; the others are dropped.
import { COLUMN_TYPES, EXPR_SAMPLES, NUMBER_LITERAL_SAMPLES, NUMERIC_SCALARS, VALUE_SAMPLES, sampleFits, type SampleConstraints } from './literal-samples.js';
import { CUSTOM_COLUMN_NAMES, DESCRIPTIONS, FIELD_NAMES, FK_FIELD_NAMES, claimName, pick } from './name-pools.js';
import { SCALARS, quoteColumn, snakeCase, type DefaultModel, type EnumModel, type FieldModel, type FieldType, type FkActionName, type IndexMethodName, type ScalarName } from './schema-model.js';
import type { FieldRecipe } from './schema-recipe.js';

/** A key a foreign key may reference: a single-column primary key, or a field with a plain @unique. */
export interface Target {
  /** Position of its table in the schema (later tables are forward references). */
  readonly index: number;
  readonly table: string;
  readonly field: string;
  readonly type: FieldType;
  readonly columnType?: string;
}

export interface FieldContext {
  readonly index: number;
  readonly partitioned: boolean;
  readonly enums: readonly EnumModel[];
  /** Single-column primary keys of every table. */
  readonly keys: readonly Target[];
  /** Plain unique fields of the tables built so far. */
  readonly uniques: readonly Target[];
  readonly pg11Compatible: boolean;
  /** SQL names (snake_case of field names, custom column names) used in this table. */
  readonly taken: Set<string>;
  /** The fields built so far. */
  readonly fields: readonly FieldModel[];
  /** The schema declares @cacheControl (another tool's directive). */
  readonly foreignDirective: boolean;
}

export const plain = (name: string, type: FieldType, nullable: boolean, extra: Partial<FieldModel> = {}): FieldModel => ({ name, type, nullable, pk: false, updatedAt: false, ...extra });
export const scalar = (name: ScalarName): FieldType => ({ kind: 'scalar', name });
const scalarOf = (f: FieldModel): ScalarName | undefined => (f.type.kind === 'scalar' ? f.type.name : undefined);

/** A partial-index predicate that fits the column's type. */
export function predicateFor(field: FieldModel): string {
  const col = quoteColumn(field);
  const s = scalarOf(field);
  if (field.list) return `cardinality(${col}) > 0`;
  if (s === 'Boolean') return col;
  if (s !== undefined && NUMERIC_SCALARS.has(s)) return `${col} > 0`;
  return `${col} IS NOT NULL`;
}

/** Index methods with a default operator class for the column's type. */
function methodsFor(field: FieldModel): IndexMethodName[] {
  const s = scalarOf(field);
  if (field.list || s === 'JSON') return ['GIN', 'BTREE'];
  if (s === 'Int' || s === 'BigInt' || s === 'Date' || s === 'DateTime') return ['BTREE', 'HASH', 'BRIN'];
  if (s === 'String' || s === 'ID' || s === 'UUID' || field.type.kind === 'enum') return ['BTREE', 'HASH'];
  return ['BTREE'];
}

function chooseDefault(field: FieldModel, recipe: NonNullable<FieldRecipe['default']>, enums: readonly EnumModel[], c: SampleConstraints): DefaultModel | undefined {
  if (field.type.kind === 'enum') {
    const values = enums.find((e) => e.name === field.type.name)!.values;
    const value = pick(values, recipe.pick);
    if (recipe.expr) return { kind: 'expr', sql: field.list ? "'{}'" : `'${value}'` };
    return { kind: 'value', value: field.list ? [value] : value, literal: 'enum' };
  }
  const type = field.type.name;
  if (field.list) {
    const elements = VALUE_SAMPLES[type].filter((v) => v !== null && sampleFits(type, v, false, c)).slice(0, 2);
    return recipe.expr ? { kind: 'expr', sql: "'{}'" } : { kind: 'value', value: recipe.pick % 2 ? elements : [] };
  }
  if (recipe.expr) {
    const fits = EXPR_SAMPLES[type].filter((e) => sampleFits(type, e, true, c));
    return fits.length ? { kind: 'expr', sql: pick(fits, recipe.pick) } : undefined;
  }
  const fits: DefaultModel[] = [
    ...VALUE_SAMPLES[type].filter((v) => sampleFits(type, v, false, c)).map((value): DefaultModel => ({ kind: 'value', value })),
    ...(NUMBER_LITERAL_SAMPLES[type] ?? []).filter((v) => sampleFits(type, v, false, c)).map((value): DefaultModel => ({ kind: 'value', value, literal: 'number' })),
  ];
  return fits.length ? pick(fits, recipe.pick) : undefined;
}

function foreignKeyField(r: FieldRecipe, fk: NonNullable<FieldRecipe['fk']>, ctx: FieldContext): FieldModel | undefined {
  let target: Target | undefined;
  if (fk.unique && ctx.uniques.length) {
    target = pick(ctx.uniques, fk.target);
  } else {
    const backward = ctx.keys.filter((t) => t.index <= ctx.index);
    const forward = ctx.keys.filter((t) => t.index > ctx.index);
    const pool = fk.forward && forward.length ? forward : backward;
    if (pool.length) target = pick(pool, fk.target);
  }
  if (!target) return undefined;
  const name = claimName(FK_FIELD_NAMES, fk.target, ctx.taken, snakeCase);
  if (!name) return undefined;
  // A self reference or a reference to a later table (which may point back: a cycle) stays nullable.
  const nullable = r.nullable || target.index >= ctx.index;
  const actions: FkActionName[] = ['NO_ACTION', 'CASCADE', 'RESTRICT', ...(nullable ? (['SET_NULL', 'SET_DEFAULT'] as const) : [])];
  const onDelete = fk.onDelete === 0 ? undefined : pick(actions, fk.onDelete);
  const onUpdate = fk.onUpdate === 0 ? undefined : pick(actions, fk.onUpdate);
  return plain(name, target.type, nullable, {
    ...(target.columnType ? { columnType: target.columnType } : {}),
    fk: { table: target.table, field: target.field, ...(onDelete ? { onDelete } : {}), ...(onUpdate ? { onUpdate } : {}), ...(fk.deferrable ? { deferrable: true } : {}) },
  });
}

/** The field a recipe asks for, or undefined when no name or target is left. */
export function buildField(r: FieldRecipe, ctx: FieldContext): FieldModel | undefined {
  const fkField = r.fk ? foreignKeyField(r, r.fk, ctx) : undefined;
  if (fkField) return decorate(fkField, r, ctx);
  const types: FieldType[] = [...SCALARS.map(scalar), ...ctx.enums.map((e): FieldType => ({ kind: 'enum', name: e.name }))];
  const name = claimName(FIELD_NAMES, r.name, ctx.taken, snakeCase);
  if (!name) return undefined;
  return decorate(plain(name, pick(types, r.type), r.nullable, r.list ? { list: { itemNullable: r.itemNullable } } : {}), r, ctx);
}

function decorate(field: FieldModel, r: FieldRecipe, ctx: FieldContext): FieldModel {
  let f = field;
  const s = scalarOf(f);
  const single = !f.list;
  const isFk = f.fk !== undefined;
  if (r.columnName !== null) {
    const custom = claimName(CUSTOM_COLUMN_NAMES, r.columnName, ctx.taken, (n) => n);
    if (custom !== undefined) f = { ...f, columnName: custom };
  }
  if (r.identity !== null && single && !isFk && (s === 'Int' || s === 'BigInt')) {
    f = { ...f, nullable: false, identity: r.identity % 2 ? 'BY_DEFAULT' : 'ALWAYS' };
  }
  // A foreign key keeps its target's type; lists only take varchar (the element type).
  const typeChoices = isFk || s === undefined ? [] : (COLUMN_TYPES[s] ?? []).filter((c) => single || c.type.startsWith('varchar'));
  const columnType = r.columnType !== null && typeChoices.length ? pick(typeChoices, r.columnType) : undefined;
  if (columnType) f = { ...f, columnType: columnType.type };
  if (r.generated && !ctx.pg11Compatible && single && !isFk && !f.identity && (s === 'String' || s === 'Int')) {
    const source = ctx.fields.find((o) => !o.list && !o.generated && scalarOf(o) === s);
    if (source) {
      const { columnType: _dropped, ...rest } = f;
      f = { ...rest, generated: s === 'String' ? `lower(${quoteColumn(source)})` : `${quoteColumn(source)} + 1` };
    }
  }
  const check = r.check && single && s !== undefined && (NUMERIC_SCALARS.has(s) || s === 'String');
  if (check) f = { ...f, check: s === 'String' ? `char_length(${quoteColumn(f)}) > 0` : `${quoteColumn(f)} >= 0` };
  if (r.default && !f.identity && !f.generated && !isFk) {
    const fits = f.columnType && columnType ? columnType.fits : {};
    const chosen = chooseDefault(f, r.default, ctx.enums, { ...fits, nonNegative: check, nonEmpty: check });
    if (chosen) f = { ...f, default: chosen };
  }
  if (r.unique && single && s !== 'JSON' && !ctx.partitioned) f = { ...f, unique: r.unique.partial ? { where: predicateFor(f) } : {} };
  if (r.index) {
    const using = pick(methodsFor(f), r.index.method);
    f = { ...f, index: { ...(using === 'BTREE' && r.index.method === 0 ? {} : { using }), ...(r.index.partial ? { where: predicateFor(f) } : {}) } };
  }
  if (r.updatedAt && single && s === 'DateTime' && !f.generated) f = { ...f, updatedAt: true };
  if (r.renamed) f = { ...f, renamedFrom: `old${f.name[0]!.toUpperCase()}${f.name.slice(1)}` };
  if (r.annotation !== null && r.annotation !== 1) f = { ...f, deprecated: "Use the new field; it's better." };
  if (r.annotation !== null && r.annotation !== 0 && ctx.foreignDirective) f = { ...f, cacheControl: 30 };
  return r.description === null ? f : { ...f, description: pick(DESCRIPTIONS, r.description) };
}
