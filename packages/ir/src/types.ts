// The schema IR: plain, readonly, JSON-serialisable data that every Wesley package reads.
// Names: `name` is always the PostgreSQL identifier (unquoted; generators quote it), `graphqlName`
// the name in the SDL. Locations point at the SDL element the IR element came from.
import type { SourceLocation } from './errors.js';

/** Bumped whenever the shape of the IR changes incompatibly. */
export const IR_VERSION = 1 as const;

/** How far a default expression's value can change (PostgreSQL's volatility, plus constants). */
export type Volatility = 'constant' | 'immutable' | 'stable' | 'volatile';

/** A JSON value (what a literal default or a JSON column holds). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The GraphQL shape of a field: what TypeScript/Zod generators need. */
export interface GraphqlTypeRef {
  /** The named type at the bottom (`String`, `User`, `Role`). */
  readonly named: string;
  readonly nullable: boolean;
  /** Present for list types: the element's shape. */
  readonly list?: GraphqlTypeRef;
}

/** `@default(value: ...)`: a literal checked against the column type. */
export interface LiteralDefault {
  readonly kind: 'literal';
  readonly value: JsonValue;
  /** The literal as SQL (`'light'`, `42`, `'{"a":1}'::jsonb`). */
  readonly sql: string;
  readonly volatility: 'constant';
}

/** `@default(expr: ...)`: a SQL expression, parsed and classified. */
export interface ExpressionDefault {
  readonly kind: 'expression';
  readonly sql: string;
  readonly volatility: Volatility;
}

export type ColumnDefault = LiteralDefault | ExpressionDefault;

export interface ColumnIR {
  readonly kind: 'column';
  readonly name: string;
  readonly graphqlName: string;
  /** PostgreSQL type as `format_type()` renders it (`text`, `character varying(320)`, `"public"."role"[]`). */
  readonly type: string;
  /** The scalar or enum the type came from (for generators): `String`, `DateTime`, `Role`, ... */
  readonly graphqlType: GraphqlTypeRef;
  /** Set when the column's type is one of the schema's enums (schema-qualified). */
  readonly enum?: { readonly schema: string; readonly name: string };
  readonly nullable: boolean;
  readonly default: ColumnDefault | null;
  readonly identity: 'always' | 'by default' | null;
  /** `GENERATED ALWAYS AS (expr) STORED` (PostgreSQL 12+). */
  readonly generated: { readonly expression: string } | null;
  /** `@updatedAt`: a trigger sets it to now() on every UPDATE. */
  readonly updatedAt: boolean;
  readonly renamedFrom: string | null;
  readonly comment: string | null;
  readonly location: SourceLocation;
}

export interface PrimaryKeyIR {
  readonly name: string;
  readonly columns: readonly string[];
  readonly location: SourceLocation;
}

export interface UniqueIR {
  readonly kind: 'unique';
  readonly name: string;
  readonly columns: readonly string[];
  /** A partial unique constraint is created as a unique index with this predicate. */
  readonly where: string | null;
  readonly location: SourceLocation;
}

export const INDEX_METHODS = ['btree', 'hash', 'gin', 'gist', 'brin'] as const;
export type IndexMethod = (typeof INDEX_METHODS)[number];

/** Why an index exists: declared in the SDL, or added by the compiler. */
export type IndexOrigin = 'declared' | 'foreign-key' | 'tenant';

export interface IndexIR {
  readonly kind: 'index';
  readonly name: string;
  readonly columns: readonly string[];
  readonly method: IndexMethod;
  readonly unique: boolean;
  readonly where: string | null;
  readonly origin: IndexOrigin;
  readonly location: SourceLocation;
}

export const FK_ACTIONS = ['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT'] as const;
export type ForeignKeyAction = (typeof FK_ACTIONS)[number];

export type Deferrable = 'not deferrable' | 'initially immediate' | 'initially deferred';

export interface TableRef {
  readonly schema: string;
  readonly name: string;
}

export interface ForeignKeyIR {
  readonly kind: 'foreign-key';
  readonly name: string;
  readonly columns: readonly string[];
  readonly references: TableRef & { readonly columns: readonly string[] };
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  /** Declared, or made deferrable by the compiler because the key is part of a cycle. */
  readonly deferrable: Deferrable;
  readonly location: SourceLocation;
}

export interface CheckIR {
  readonly kind: 'check';
  readonly name: string;
  readonly expression: string;
  readonly location: SourceLocation;
}

export const PARTITION_STRATEGIES = ['range', 'list', 'hash'] as const;
export type PartitionStrategy = (typeof PARTITION_STRATEGIES)[number];

export interface PartitionIR {
  readonly name: string;
  /** The bound as PostgreSQL writes it: `FOR VALUES FROM (...) TO (...)`, `DEFAULT`, ... */
  readonly bound: string;
  readonly location: SourceLocation;
}

export interface PartitioningIR {
  readonly strategy: PartitionStrategy;
  readonly columns: readonly string[];
  readonly partitions: readonly PartitionIR[];
}

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete';

export interface PolicyIR {
  readonly name: string;
  readonly command: PolicyCommand;
  readonly permissive: boolean;
  readonly roles: readonly string[];
  readonly using: string | null;
  readonly withCheck: string | null;
}

export interface RlsIR {
  readonly enabled: boolean;
  /** FORCE ROW LEVEL SECURITY: the table owner is subject to the policies too. */
  readonly force: boolean;
  readonly policies: readonly PolicyIR[];
}

/** `@tenant(by: ...)`: rows belong to the tenant named by a JWT claim. */
export interface TenantIR {
  readonly column: string;
  readonly claim: string;
}

/** An object-typed field: a relation in the API, no column in the database. */
export interface RelationIR {
  readonly field: string;
  readonly target: string;
  readonly type: GraphqlTypeRef;
  readonly kind: 'hasMany' | 'hasOne' | 'belongsTo' | 'unspecified';
  readonly location: SourceLocation;
}

export interface TableIR {
  readonly kind: 'table';
  readonly schema: string;
  readonly name: string;
  readonly graphqlName: string;
  readonly columns: readonly ColumnIR[];
  readonly primaryKey: PrimaryKeyIR | null;
  readonly uniques: readonly UniqueIR[];
  readonly indexes: readonly IndexIR[];
  readonly foreignKeys: readonly ForeignKeyIR[];
  readonly checks: readonly CheckIR[];
  readonly partitioning: PartitioningIR | null;
  readonly tenant: TenantIR | null;
  readonly rls: RlsIR | null;
  readonly relations: readonly RelationIR[];
  readonly renamedFrom: string | null;
  readonly comment: string | null;
  readonly location: SourceLocation;
}

export interface EnumIR {
  readonly kind: 'enum';
  readonly schema: string;
  readonly name: string;
  readonly graphqlName: string;
  readonly values: readonly string[];
  readonly comment: string | null;
  readonly location: SourceLocation;
}

/** A GraphQL field of a type that is not a table (input types, plain object types). */
export interface FieldIR {
  readonly name: string;
  readonly type: GraphqlTypeRef;
  /** An input field's default in the SDL (`limit: Int = 20`), as JSON (enum values as strings); absent when none. */
  readonly defaultValue?: JsonValue;
  readonly comment: string | null;
  readonly location: SourceLocation;
}

/** Object and input types that are not tables: generators still emit types for them. */
export interface GraphqlTypeIR {
  readonly kind: 'object' | 'input';
  readonly name: string;
  readonly fields: readonly FieldIR[];
  readonly comment: string | null;
  readonly location: SourceLocation;
}

/** A custom scalar and what it maps to (from config). */
export interface ScalarIR {
  readonly name: string;
  readonly sqlType: string;
  readonly tsType: string;
  readonly builtin: boolean;
}

/** A database role the schema needs (the migrator role that bypasses RLS). */
export interface RoleIR {
  readonly name: string;
  readonly bypassRls: boolean;
}

/** A helper function the generated SQL creates (`auth.jwt_claim`, the updated-at trigger function). */
export interface FunctionIR {
  readonly schema: string;
  readonly name: string;
  readonly purpose: 'jwt-claim' | 'touch-updated-at';
}

/** A non-fatal finding (data, not a throw). */
export interface Diagnostic {
  readonly severity: 'warning' | 'info';
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly location?: SourceLocation;
}

export interface SchemaIR {
  readonly version: typeof IR_VERSION;
  /** PostgreSQL schemas the tables and enums live in (`public` first when used). */
  readonly schemas: readonly string[];
  readonly extensions: readonly string[];
  readonly enums: readonly EnumIR[];
  readonly tables: readonly TableIR[];
  readonly functions: readonly FunctionIR[];
  readonly roles: readonly RoleIR[];
  readonly types: readonly GraphqlTypeIR[];
  readonly scalars: readonly ScalarIR[];
  /** The lowest server_version_num the schema can be created on (PG 11 = 110000). */
  readonly minimumServerVersion: number;
}
