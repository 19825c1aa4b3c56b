// The raw choices fast-check draws for one schema; build-schema-model.ts resolves them. Numbers
// are indexes into candidate lists (taken modulo their length); null means "feature off".

export interface FieldRecipe {
  readonly name: number;
  readonly type: number;
  readonly list: boolean;
  readonly itemNullable: boolean;
  readonly nullable: boolean;
  /** A custom `@column(name:)`. */
  readonly columnName: null | number;
  readonly fk: null | {
    readonly target: number;
    /** Reference a later table (which may reference this one back: a cycle). */
    readonly forward: boolean;
    /** 0: leave the action out. */
    readonly onDelete: number;
    readonly onUpdate: number;
    readonly deferrable: boolean;
    /** Reference a field with a plain @unique instead of a primary key, when an earlier table has one. */
    readonly unique: boolean;
    /** Add `owner: Target @belongsTo(ref: "ownerId")`. */
    readonly relation: boolean;
    /** Add `<source><Key>s: [Source!]! @hasMany(ref: ...)` to the referenced table. */
    readonly inverse: boolean;
  };
  readonly identity: null | number;
  /** A `@column(type:)` override that fits the scalar. */
  readonly columnType: null | number;
  readonly generated: boolean;
  readonly default: null | { readonly expr: boolean; readonly pick: number };
  readonly check: boolean;
  readonly unique: null | { readonly partial: boolean };
  readonly index: null | { readonly method: number; readonly partial: boolean };
  readonly updatedAt: boolean;
  readonly description: null | number;
  /** `@renamedFrom(name: "old<Name>")`. */
  readonly renamed: boolean;
  /** 0 `@deprecated`, 1 `@cacheControl` (when the schema declares it), 2 both. */
  readonly annotation: null | number;
}

export interface PairRecipe {
  readonly a: number;
  readonly b: number;
  readonly partial: boolean;
}

export interface TableRecipe {
  readonly name: number;
  /** A custom `@table(name:)`. */
  readonly customName: null | number;
  /** 0 single-column key, 1 join table (two @fk @pk fields), 2 composite (code, version), 3 none. */
  readonly pk: 0 | 1 | 2 | 3;
  readonly pkType: number;
  readonly pkDefault: number;
  readonly partitioned: boolean;
  /** 0 RANGE by year, 1 RANGE with two years, 2 LIST by an enum, 3 HASH. */
  readonly partitions: number;
  readonly tenant: null | { readonly fk: boolean; readonly pick: number; readonly claim: null | number };
  /** `@table(schema:)`. */
  readonly schema: null | number;
  /** Which `@rls` arguments: see build-schema-model.ts rlsOf. */
  readonly rls: null | number;
  readonly renamed: boolean;
  readonly cacheControl: boolean;
  readonly description: null | number;
  readonly fields: readonly FieldRecipe[];
  readonly compositeUnique: null | PairRecipe;
  readonly compositeIndex: null | PairRecipe;
  readonly check: null | PairRecipe;
}

export interface EnumRecipe {
  readonly name: number;
  readonly values: readonly number[];
  readonly description: null | number;
}

/** The simplest table: `type User @table { id: ID! @pk }` (what an empty table list builds). */
export const PLAIN_TABLE: TableRecipe = {
  name: 0, customName: null, pk: 0, pkType: 0, pkDefault: 0, partitioned: false, partitions: 0, tenant: null, schema: null, rls: null,
  renamed: false, cacheControl: false, description: null, fields: [], compositeUnique: null, compositeIndex: null, check: null,
};

export interface SchemaRecipe {
  readonly foreignDirective: boolean;
  readonly enums: readonly EnumRecipe[];
  /** Empty means one PLAIN_TABLE. */
  readonly tables: readonly TableRecipe[];
}
