// Turns a recipe (small numbers and flags drawn by fast-check) into a valid SchemaModel. Every
// choice is resolved against what already exists (`pick(list, n)` = list[n % length]) and a
// feature that does not fit is dropped, so any recipe gives a valid schema, and fast-check
// shrinks the recipe (fewer tables, fewer fields, smaller numbers, flags off) while the schema
// stays valid.
import { buildField, plain, predicateFor, scalar, type FieldContext, type Target } from './build-field.js';
import {
  CUSTOM_TABLE_NAMES, DESCRIPTIONS, ENUM_NAMES, ENUM_VALUES, FIELD_NAMES, FK_FIELD_NAMES, SCHEMA_NAMES, TABLE_NAMES, TENANT_CLAIMS,
  claimName, derivedName, pick,
} from './name-pools.js';
import {
  quoteColumn, snakeCase,
  type CompositeModel, type EnumModel, type FieldModel, type PartitionModel, type RelationModel, type RlsModel, type ScalarName, type SchemaModel,
  type TableModel,
} from './schema-model.js';
import { PLAIN_TABLE, type EnumRecipe, type SchemaRecipe, type TableRecipe } from './schema-recipe.js';

const PK_TYPES: readonly ScalarName[] = ['ID', 'UUID', 'Int', 'BigInt', 'String'];
const MAX_FIELDS = 8;
const asIs = (name: string) => name;
const describe = (n: number | null) => (n === null ? {} : { description: pick(DESCRIPTIONS, n) });

type PkPlan =
  | { readonly kind: 'single'; readonly type: ScalarName }
  | { readonly kind: 'join' | 'composite' | 'none' }
  | { readonly kind: 'partitioned'; readonly by: PartitionModel['by'] };

interface Planned {
  readonly recipe: TableRecipe;
  readonly name: string;
  readonly sqlName: string | undefined;
  readonly plan: PkPlan;
}

interface TableContext extends FieldContext {
  readonly fields: FieldModel[];
}

/** A foreign-key field whose recipe also asks for relation fields. */
interface RelationRequest {
  readonly field: FieldModel;
  /** `owner: User @belongsTo(ref: "ownerId")` beside the key. */
  readonly belongsTo: boolean;
  /** `<source><Key>s: [Source!]! @hasMany(ref: "ownerId")` on the referenced table. */
  readonly hasMany: boolean;
}

function pkFields(plan: PkPlan, t: TableRecipe, ctx: TableContext): FieldModel[] {
  ctx.taken.add('id');
  const uuidKey = () => plain('id', scalar('ID'), false, { pk: true, default: { kind: 'expr', sql: 'gen_random_uuid()' } });
  switch (plan.kind) {
    case 'single': {
      const extra: Partial<FieldModel> =
        plan.type === 'ID' || plan.type === 'UUID' ? (t.pkDefault % 2 ? { default: { kind: 'expr', sql: 'gen_random_uuid()' } } : {})
          : plan.type === 'String' || t.pkDefault % 3 === 0 ? {} : { identity: t.pkDefault % 3 === 1 ? 'ALWAYS' : 'BY_DEFAULT' };
      return [plain('id', scalar(plan.type), false, { pk: true, ...extra })];
    }
    case 'partitioned':
      if (plan.by === 'HASH') return [uuidKey()];
      if (plan.by === 'LIST') {
        const e = ctx.enums[0]!;
        ctx.taken.add('status');
        return [uuidKey(), plain('status', { kind: 'enum', name: e.name }, false, { pk: true, default: { kind: 'value', value: e.values[0]!, literal: 'enum' } })];
      }
      ctx.taken.add('created_at');
      return [uuidKey(), plain('createdAt', scalar('DateTime'), false, { pk: true, default: { kind: 'expr', sql: 'now()' } })];
    case 'join': {
      const earlier = ctx.keys.filter((k) => k.index < ctx.index);
      if (earlier.length) {
        return [0, 1].map((k) => {
          const target = pick(earlier, t.pkDefault + k);
          const name = claimName(FK_FIELD_NAMES, t.pkDefault + k, ctx.taken, snakeCase)!;
          return plain(name, target.type, false, { pk: true, fk: { table: target.table, field: target.field, onDelete: k ? 'RESTRICT' : 'CASCADE' } });
        });
      }
      return compositeKey(ctx);
    }
    case 'composite':
      return compositeKey(ctx);
    case 'none':
      return [];
  }
}

function compositeKey(ctx: TableContext): FieldModel[] {
  ctx.taken.add('code').add('version');
  return [plain('code', scalar('String'), false, { pk: true }), plain('version', scalar('Int'), false, { pk: true })];
}

function partitionOf(plan: PkPlan, t: TableRecipe, sql: string, enums: readonly EnumModel[]): PartitionModel | undefined {
  if (plan.kind !== 'partitioned') return undefined;
  if (plan.by === 'HASH') {
    return { by: 'HASH', key: ['id'], partitions: [0, 1].map((r) => ({ name: derivedName(sql, `h${r}`), bound: `WITH (MODULUS 2, REMAINDER ${r})` })) };
  }
  if (plan.by === 'LIST') {
    const value = enums[0]!.values[0]!;
    return { by: 'LIST', key: ['status'], partitions: [{ name: derivedName(sql, 'l0'), bound: `IN ('${value}')` }, { name: derivedName(sql, 'other'), bound: 'DEFAULT' }] };
  }
  return {
    by: 'RANGE',
    key: ['createdAt'],
    partitions: [
      { name: derivedName(sql, 'y2025'), bound: "FROM ('2025-01-01') TO ('2026-01-01')" },
      ...(t.partitions === 1 ? [{ name: derivedName(sql, 'y2026'), bound: "FROM ('2026-01-01') TO ('2027-01-01')" }] : []),
      { name: derivedName(sql, 'default'), bound: 'DEFAULT' },
    ],
  };
}

function tenantField(tenant: NonNullable<TableRecipe['tenant']>, ctx: TableContext): FieldModel | undefined {
  const name = claimName(['orgId', 'tenantId'], tenant.pick, ctx.taken, snakeCase);
  if (!name) return undefined;
  const owners = ctx.keys.filter((k) => k.index < ctx.index && k.type.kind === 'scalar' && (k.type.name === 'ID' || k.type.name === 'UUID'));
  if (tenant.fk && owners.length) {
    const owner = pick(owners, tenant.pick);
    return plain(name, owner.type, false, { fk: { table: owner.table, field: owner.field, onDelete: tenant.pick % 2 ? 'RESTRICT' : 'CASCADE' } });
  }
  return plain(name, scalar(tenant.pick % 2 ? 'UUID' : 'ID'), false);
}

/** Two distinct fields, or none. */
function pair(fields: readonly FieldModel[], a: number, b: number): [FieldModel, FieldModel] | undefined {
  if (fields.length < 2) return undefined;
  const first = pick(fields, a);
  return [first, pick(fields.filter((f) => f !== first), b)];
}

function buildTable(p: Planned, tableIndex: number, ctx: TableContext): { table: TableModel; requests: RelationRequest[] } {
  const { recipe: t, name, sqlName, plan } = p;
  const fields = ctx.fields;
  fields.push(...pkFields(plan, t, ctx));
  const tenant = t.tenant ? tenantField(t.tenant, ctx) : undefined;
  if (tenant) fields.push(tenant);
  const requests: RelationRequest[] = [];
  for (const r of t.fields) {
    if (fields.length >= MAX_FIELDS) break;
    const field = buildField(r, ctx);
    if (!field) continue;
    fields.push(field);
    if (field.fk && r.fk && (r.fk.relation || r.fk.inverse)) requests.push({ field, belongsTo: r.fk.relation, hasMany: r.fk.inverse });
  }
  if (!fields.length) fields.push(plain(claimName(FIELD_NAMES, tableIndex, ctx.taken, snakeCase)!, scalar('String'), true));

  const uniques: CompositeModel[] = [];
  const indexes: CompositeModel[] = [];
  const checks: string[] = [];
  const uniqueable = fields.filter((f) => !f.list && !(f.type.kind === 'scalar' && f.type.name === 'JSON'));
  const partition = partitionOf(plan, t, sqlName ?? snakeCase(name), ctx.enums);
  // On a partitioned table a unique key must contain the partition key (one column here): last.
  const keyField = partition && fields.find((f) => f.name === partition.key[0]);
  let cu: readonly [FieldModel, FieldModel] | undefined;
  if (t.compositeUnique && keyField) {
    const others = uniqueable.filter((f) => f !== keyField);
    cu = others.length ? [pick(others, t.compositeUnique.a), keyField] : undefined;
  } else if (t.compositeUnique) {
    cu = pair(uniqueable, t.compositeUnique.a, t.compositeUnique.b);
  }
  if (cu && t.compositeUnique) uniques.push({ fields: cu.map((f) => f.name), ...(t.compositeUnique.partial ? { where: predicateFor(cu[1]) } : {}) });
  const ci = t.compositeIndex ? pair(fields, t.compositeIndex.a, t.compositeIndex.b) : undefined;
  if (ci && t.compositeIndex) indexes.push({ fields: ci.map((f) => f.name), ...(t.compositeIndex.partial ? { where: predicateFor(ci[0]) } : {}) });
  const cc = t.check ? pair(fields, t.check.a, t.check.b) : undefined;
  if (cc) checks.push(`${quoteColumn(cc[0])} IS NOT NULL OR ${quoteColumn(cc[1])} IS NULL`);

  const table: TableModel = {
    name,
    ...(sqlName === undefined ? {} : { sqlName }),
    ...(t.schema === null ? {} : { schema: pick(SCHEMA_NAMES, t.schema) }),
    ...describe(t.description),
    fields,
    uniques,
    indexes,
    checks,
    ...(tenant ? { tenant: { by: tenant.name, ...(t.tenant && t.tenant.claim !== null ? { claim: pick(TENANT_CLAIMS, t.tenant.claim) } : {}) } } : {}),
    ...(t.rls !== null ? { rls: rlsOf(t.rls, predicateFor(fields[0]!), tenant !== undefined) } : {}),
    ...(t.renamed ? { renamedFrom: `Legacy${name}` } : {}),
    ...(t.cacheControl && ctx.foreignDirective ? { cacheControl: 60 } : {}),
    ...(partition ? { partition } : {}),
    relations: [],
  };
  return { table, requests };
}

/** The `@rls` argument combinations the recipe picks from. */
function rlsOf(variant: number, condition: string, tenant: boolean): RlsModel {
  switch (variant % 6) {
    case 0: return { using: condition };
    case 1: return { using: 'true', check: condition };
    case 2: return { select: condition, insert: 'true' };
    case 3: return { select: condition, insert: condition, update: 'true', delete: 'false' };
    case 4: return { using: 'true', force: false };
    // Switching RLS off on a @tenant table is an error: keep it for tables without @tenant.
    default: return tenant ? { using: condition } : { using: condition, enable: false };
  }
}

const upperFirst = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
const lowerFirst = (s: string) => `${s[0]!.toLowerCase()}${s.slice(1)}`;

/**
 * Relation fields for the requests: `owner` beside `ownerId` (the key names all end in "Id" and
 * no column field is named like their stem), and `<source><Key>s` on the referenced table.
 */
function addRelations(tables: readonly TableModel[], requests: ReadonlyMap<string, readonly RelationRequest[]>): TableModel[] {
  const added = new Map<string, RelationModel[]>();
  const add = (table: string, relation: RelationModel) => added.set(table, [...(added.get(table) ?? []), relation]);
  for (const t of tables) {
    for (const { field, belongsTo, hasMany } of requests.get(t.name) ?? []) {
      const stem = field.name.replace(/Id$/, '');
      if (belongsTo) add(t.name, { name: stem, target: field.fk!.table, list: false, nullable: field.nullable, kind: 'belongsTo', ref: field.name });
      if (hasMany) add(field.fk!.table, { name: `${lowerFirst(t.name)}${upperFirst(stem)}s`, target: t.name, list: true, nullable: false, kind: 'hasMany', ref: field.name });
    }
  }
  return tables.map((t) => (added.has(t.name) ? { ...t, relations: added.get(t.name)! } : t));
}

function buildEnum(r: EnumRecipe, taken: Set<string>): EnumModel | undefined {
  const name = claimName(ENUM_NAMES, r.name, taken, snakeCase);
  if (!name) return undefined;
  const values = [...new Set(r.values.map((v) => pick(ENUM_VALUES, v)))];
  return { name, values: values.length ? values : [ENUM_VALUES[0]], ...describe(r.description) };
}

export interface BuildOptions {
  /** Leave out what PostgreSQL 11 cannot create: generated columns, foreign keys to partitioned tables. */
  readonly pg11Compatible?: boolean;
}

/** Resolves a recipe into a schema that compiles and applies (see the file comment). */
export function buildSchemaModel(recipe: SchemaRecipe, options: BuildOptions = {}): SchemaModel {
  const pg11Compatible = options.pg11Compatible ?? false;
  // One set for table, partition and enum names: with at most three schemas in play, keeping them
  // apart everywhere is simpler than tracking PostgreSQL's per-schema namespaces.
  const typeNames = new Set<string>();
  const enums = recipe.enums.map((e) => buildEnum(e, typeNames)).filter((e): e is EnumModel => e !== undefined);
  const planned: Planned[] = (recipe.tables.length ? recipe.tables : [PLAIN_TABLE]).flatMap((t) => {
    const name = claimName(TABLE_NAMES, t.name, typeNames, snakeCase);
    if (!name) return [];
    const sqlName = t.customName === null ? undefined : claimName(CUSTOM_TABLE_NAMES, t.customName, typeNames, asIs);
    const by = (['RANGE', 'RANGE', 'LIST', 'HASH'] as const)[t.partitions]!;
    const plan: PkPlan = t.partitioned ? { kind: 'partitioned', by: by === 'LIST' && !enums.length ? 'RANGE' : by }
      : ([{ kind: 'single', type: pick(PK_TYPES, t.pkType) }, { kind: 'join' }, { kind: 'composite' }, { kind: 'none' }] as const)[t.pk]!;
    return [{ recipe: t, name, sqlName, plan }];
  });
  // Foreign keys to a partitioned table need PostgreSQL 12: hash-partitioned tables (key: id) are
  // targets only then.
  const keys: Target[] = planned.flatMap((p, index): Target[] => {
    if (p.plan.kind === 'single') return [{ index, table: p.name, field: 'id', type: scalar(p.plan.type) }];
    if (p.plan.kind === 'partitioned' && p.plan.by === 'HASH' && !pg11Compatible) return [{ index, table: p.name, field: 'id', type: scalar('ID') }];
    return [];
  });
  const uniques: Target[] = [];
  const requests = new Map<string, RelationRequest[]>();
  const tables = planned.map((p, index) => {
    const built = buildTable(p, index, {
      index, partitioned: p.plan.kind === 'partitioned', enums, keys, uniques: [...uniques], pg11Compatible, taken: new Set(), fields: [],
      foreignDirective: recipe.foreignDirective,
    });
    for (const f of built.table.fields) {
      if (f.unique && !f.unique.where && !f.pk && !f.list) uniques.push({ index, table: p.name, field: f.name, type: f.type, ...(f.columnType ? { columnType: f.columnType } : {}) });
    }
    requests.set(p.name, built.requests);
    return built.table;
  });
  return { ...(recipe.foreignDirective ? { foreignDirective: true } : {}), enums, tables: addRelations(tables, requests) };
}
