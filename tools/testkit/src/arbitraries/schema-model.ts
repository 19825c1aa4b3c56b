// The structured model behind a generated schema: plain data that `printSchema` turns into SDL.
// Property tests can read it (which field is what) and change it (one type, one directive) before
// printing again, instead of editing SDL text.

export const SCALARS = ['ID', 'String', 'Int', 'Float', 'Boolean', 'DateTime', 'Date', 'JSON', 'UUID', 'BigInt', 'Decimal'] as const;
export type ScalarName = (typeof SCALARS)[number];

export type IndexMethodName = 'BTREE' | 'HASH' | 'GIN' | 'BRIN';
export type FkActionName = 'NO_ACTION' | 'RESTRICT' | 'CASCADE' | 'SET_NULL' | 'SET_DEFAULT';
export type IdentityMode = 'ALWAYS' | 'BY_DEFAULT';

/** A JSON value, as a literal default holds it. */
export type JsonLiteral = null | boolean | number | string | readonly JsonLiteral[] | { readonly [key: string]: JsonLiteral };

export type FieldType =
  | { readonly kind: 'scalar'; readonly name: ScalarName }
  | { readonly kind: 'enum'; readonly name: string };

/**
 * `@default(value:)` or `@default(expr:)`. A value prints as GraphQL; with `literal`, its string(s)
 * print bare: enum values, or number literals that a double cannot hold (`9007199254740993`).
 */
export type DefaultModel =
  | { readonly kind: 'value'; readonly value: JsonLiteral; readonly literal?: 'enum' | 'number' }
  | { readonly kind: 'expr'; readonly sql: string };

export interface ForeignKeyModel {
  /** GraphQL name of the referenced table and field (always that table's single-column primary key). */
  readonly table: string;
  readonly field: string;
  readonly onDelete?: FkActionName;
  readonly onUpdate?: FkActionName;
  readonly deferrable?: boolean;
}

export interface FieldModel {
  /** GraphQL field name (camelCase; the column is its snake_case). */
  readonly name: string;
  /** `@column(name:)`: a column name of its own (any characters; quoted in SQL). */
  readonly columnName?: string;
  readonly type: FieldType;
  /** Present for `[T]` / `[T!]` fields. */
  readonly list?: { readonly itemNullable: boolean };
  readonly nullable: boolean;
  readonly description?: string;
  readonly pk: boolean;
  readonly unique?: { readonly where?: string };
  readonly index?: { readonly using?: IndexMethodName; readonly where?: string };
  readonly fk?: ForeignKeyModel;
  readonly default?: DefaultModel;
  readonly check?: string;
  /** `@column(type:)`, e.g. `varchar(20)`. */
  readonly columnType?: string;
  readonly identity?: IdentityMode;
  readonly updatedAt: boolean;
  /** `@generated(expr:)` (PostgreSQL 12+). */
  readonly generated?: string;
  /** `@renamedFrom(name:)`: a previous field name (the planner's business; no database effect). */
  readonly renamedFrom?: string;
  /** `@deprecated(reason:)`, GraphQL's own directive: the compiler ignores it. */
  readonly deprecated?: string;
  /** `@cacheControl(maxAge:)`, another tool's directive (see SchemaModel.foreignDirective). */
  readonly cacheControl?: number;
}

export interface CompositeModel {
  readonly fields: readonly string[];
  readonly where?: string;
  readonly using?: IndexMethodName;
}

export interface PartitionModel {
  readonly by: 'RANGE' | 'LIST' | 'HASH';
  readonly key: readonly string[];
  readonly partitions: readonly { readonly name: string; readonly bound: string }[];
}

export interface TableModel {
  /** GraphQL type name (PascalCase; the table is its snake_case). */
  readonly name: string;
  /** `@table(name:)`: a table name of its own (any characters; quoted in SQL). */
  readonly sqlName?: string;
  /** `@table(schema:)`; absent means the default schema. */
  readonly schema?: string;
  readonly description?: string;
  readonly fields: readonly FieldModel[];
  readonly uniques: readonly CompositeModel[];
  readonly indexes: readonly CompositeModel[];
  /** Type-level `@check(expr:)`. */
  readonly checks: readonly string[];
  readonly tenant?: { readonly by: string; readonly claim?: string };
  readonly rls?: RlsModel;
  readonly renamedFrom?: string;
  readonly cacheControl?: number;
  readonly partition?: PartitionModel;
  /** Object-typed fields: relations in the API, no column. */
  readonly relations: readonly RelationModel[];
}

/** `@rls(...)`: SQL conditions per command, or `using` / `check` for all of them. */
export interface RlsModel {
  readonly using?: string;
  readonly check?: string;
  readonly select?: string;
  readonly insert?: string;
  readonly update?: string;
  readonly delete?: string;
  readonly enable?: boolean;
  readonly force?: boolean;
}

/** `owner: User @belongsTo(ref: "ownerId")`, `orders: [Order!]! @hasMany(ref: "ownerId")`. */
export interface RelationModel {
  readonly name: string;
  /** GraphQL name of the related table. */
  readonly target: string;
  readonly list: boolean;
  readonly nullable: boolean;
  readonly kind: 'belongsTo' | 'hasMany' | 'hasOne';
  /** The foreign-key field that implements it. */
  readonly ref: string;
}

export interface EnumModel {
  readonly name: string;
  readonly values: readonly string[];
  readonly description?: string;
}

export interface SchemaModel {
  /** Declares `directive @cacheControl(maxAge: Int) on FIELD_DEFINITION | OBJECT`: another tool's directive, ignored. */
  readonly foreignDirective?: boolean;
  readonly enums: readonly EnumModel[];
  readonly tables: readonly TableModel[];
}

/** The compiler's snake_case: a copy (@wesley/ir's tests depend on the kit); packages/ir/src/naming.test.ts keeps them equal. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

/** The column a field becomes: `@column(name:)`, or the field name in snake_case. */
export function columnName(field: Pick<FieldModel, 'name' | 'columnName'>): string {
  return field.columnName ?? snakeCase(field.name);
}

/** The table a type becomes: `@table(name:)`, or the type name in snake_case. */
export function tableName(table: Pick<TableModel, 'name' | 'sqlName'>): string {
  return table.sqlName ?? snakeCase(table.name);
}

/** A double-quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The field's column as a quoted identifier, for SQL fragments (checks, predicates). */
export function quoteColumn(field: Pick<FieldModel, 'name' | 'columnName'>): string {
  return quoteIdent(columnName(field));
}
