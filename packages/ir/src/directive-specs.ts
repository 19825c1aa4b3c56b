// The directive language: every directive Wesley understands, its arguments and where it may
// stand. The shipped `directives.graphql` is printed from this table (see print-directives.ts).

export type ArgKind =
  | { readonly type: 'string' }
  | { readonly type: 'int' }
  | { readonly type: 'boolean' }
  /** A list of strings; a single string is accepted as a one-element list. */
  | { readonly type: 'stringList' }
  /** An enum: written as a GraphQL enum value or a string, case-insensitive. */
  | { readonly type: 'enum'; readonly graphqlType: string; readonly values: readonly string[] }
  /** Any GraphQL value, converted to JSON (for literal defaults). */
  | { readonly type: 'any' };

export interface ArgSpec {
  readonly kind: ArgKind;
  readonly required?: boolean;
  readonly description: string;
}

export type DirectiveLocationName = 'OBJECT' | 'FIELD_DEFINITION';

export interface DirectiveSpec {
  readonly name: string;
  /** Other bare names that mean the same (names of the earlier Wesley tooling). */
  readonly legacyNames?: readonly string[];
  readonly locations: readonly DirectiveLocationName[];
  readonly repeatable?: boolean;
  readonly args: Readonly<Record<string, ArgSpec>>;
  readonly description: string;
}

const str = (description: string, required = false): ArgSpec => ({ kind: { type: 'string' }, description, required });
const bool = (description: string): ArgSpec => ({ kind: { type: 'boolean' }, description });
const strings = (description: string, required = false): ArgSpec => ({ kind: { type: 'stringList' }, description, required });
const oneOf = (graphqlType: string, values: readonly string[], description: string, required = false): ArgSpec => ({
  kind: { type: 'enum', graphqlType, values },
  description,
  required,
});

export const FK_ACTION_VALUES = ['NO_ACTION', 'RESTRICT', 'CASCADE', 'SET_NULL', 'SET_DEFAULT'] as const;
export const INDEX_METHOD_VALUES = ['BTREE', 'HASH', 'GIN', 'GIST', 'BRIN'] as const;
export const PARTITION_BY_VALUES = ['RANGE', 'LIST', 'HASH'] as const;
export const IDENTITY_VALUES = ['ALWAYS', 'BY_DEFAULT'] as const;

const relationArgs = {
  type: str('The related type (informational: the field type already says it).'),
  field: str('The field on the related type that points back.'),
  via: str('The join table of a many-to-many relation.'),
  ref: str('The foreign-key field that implements the relation.'),
};

export const DIRECTIVE_SPECS: readonly DirectiveSpec[] = [
  {
    name: 'table',
    locations: ['OBJECT'],
    description: 'Makes the type a table. Default name: the type name in snake_case.',
    args: { name: str('Table name.'), schema: str('PostgreSQL schema (default "public").') },
  },
  {
    name: 'pk',
    legacyNames: ['primaryKey'],
    locations: ['FIELD_DEFINITION'],
    description: 'Part of the primary key. Several @pk fields form a composite key in field order.',
    args: { name: str('Constraint name (default "<table>_pkey"); give it on one field of a composite key.') },
  },
  {
    name: 'fk',
    legacyNames: ['foreignKey'],
    locations: ['FIELD_DEFINITION'],
    description: 'A foreign key to "Type.field" (a primary key or unique field of the same type).',
    args: {
      ref: str('The referenced "Type.field".', true),
      onDelete: oneOf('WesleyFkAction', FK_ACTION_VALUES, 'ON DELETE action (default NO_ACTION).'),
      onUpdate: oneOf('WesleyFkAction', FK_ACTION_VALUES, 'ON UPDATE action (default NO_ACTION).'),
      name: str('Constraint name (default "<table>_<column>_fkey").'),
      deferrable: bool('DEFERRABLE (checked at commit when initiallyDeferred).'),
      initiallyDeferred: bool('INITIALLY DEFERRED (implies deferrable).'),
    },
  },
  {
    name: 'unique',
    locations: ['FIELD_DEFINITION', 'OBJECT'],
    repeatable: true,
    description: 'A unique constraint: on a field, that column; on a type, `fields`. With `where`, a partial unique index.',
    args: {
      fields: strings('Fields of a composite key (required on a type).'),
      name: str('Constraint name (default "<table>_<columns>_key").'),
      where: str('Predicate of a partial unique index (SQL).'),
    },
  },
  {
    name: 'index',
    locations: ['FIELD_DEFINITION', 'OBJECT'],
    repeatable: true,
    description: 'An index: on a field, that column; on a type, `fields` in order.',
    args: {
      fields: strings('Fields to index (required on a type).'),
      name: str('Index name (default "<table>_<columns>_idx").'),
      using: oneOf('WesleyIndexMethod', INDEX_METHOD_VALUES, 'Access method (default BTREE).'),
      where: str('Predicate of a partial index (SQL).'),
    },
  },
  {
    name: 'default',
    locations: ['FIELD_DEFINITION'],
    description: 'A column default: `value` is a literal checked against the column type; `expr` a SQL expression.',
    args: {
      value: { kind: { type: 'any' }, description: 'A literal value (quoted and checked against the column type).' },
      expr: str('A SQL expression such as "now()" (parsed and classified constant / stable / volatile).'),
    },
  },
  {
    name: 'identity',
    locations: ['FIELD_DEFINITION'],
    description: 'An identity column (integer types): GENERATED ALWAYS or BY DEFAULT AS IDENTITY.',
    args: { mode: oneOf('WesleyIdentityMode', IDENTITY_VALUES, 'ALWAYS (default) or BY_DEFAULT.') },
  },
  {
    name: 'column',
    locations: ['FIELD_DEFINITION'],
    description: 'Overrides the column name and/or its PostgreSQL type (e.g. "varchar(320)", "numeric(12,2)").',
    args: { name: str('Column name.'), type: str('PostgreSQL type.') },
  },
  {
    name: 'check',
    locations: ['FIELD_DEFINITION', 'OBJECT'],
    repeatable: true,
    description: 'A CHECK constraint (SQL boolean expression over the columns).',
    args: { expr: str('The condition.', true), name: str('Constraint name (default "<table>_<column>_check" on a field, "<table>_check" on a type; numbered when repeated).') },
  },
  {
    name: 'generated',
    locations: ['FIELD_DEFINITION'],
    description: 'A stored generated column: GENERATED ALWAYS AS (expr) STORED (PostgreSQL 12+).',
    args: { expr: str('The SQL expression.', true) },
  },
  {
    name: 'partition',
    locations: ['OBJECT'],
    description: 'A partitioned table: PARTITION BY RANGE | LIST | HASH over `key` (fields that are part of the primary key).',
    args: {
      by: oneOf('WesleyPartitionBy', PARTITION_BY_VALUES, 'The partitioning strategy.', true),
      key: strings('The partition key fields.', true),
    },
  },
  {
    name: 'partitionValues',
    locations: ['OBJECT'],
    repeatable: true,
    description: 'One partition of a partitioned table and its bound.',
    args: {
      name: str('The partition (table) name.', true),
      bound: str('The bound: "FROM (...) TO (...)", "IN (...)", "WITH (MODULUS m, REMAINDER r)" or "DEFAULT".', true),
    },
  },
  {
    name: 'tenant',
    locations: ['OBJECT'],
    description: 'Row-level security by tenant: rows are visible and writable only when `by` equals the JWT claim.',
    args: { by: str('The tenant field (e.g. "orgId").', true), claim: str('The JWT claim (default "org_id").') },
  },
  {
    name: 'rls',
    locations: ['OBJECT'],
    description: 'Row-level security with explicit policy expressions (SQL) per command.',
    args: {
      select: str('USING expression for SELECT.'),
      insert: str('WITH CHECK expression for INSERT.'),
      update: str('USING (and WITH CHECK) expression for UPDATE.'),
      delete: str('USING expression for DELETE.'),
      using: str('USING expression for every command without its own (also the WITH CHECK of writes when `check` is absent).'),
      check: str('WITH CHECK expression for INSERT/UPDATE without their own.'),
      roles: strings('Roles the policies apply to (default PUBLIC).'),
      force: bool('FORCE ROW LEVEL SECURITY so the table owner is not exempt (default true; only when enabled).'),
      enable: bool('Enable row-level security (default true). When false the policies are still created but inert.'),
      enabled: bool('Same as `enable` (earlier tooling).'),
    },
  },
  {
    name: 'renamedFrom',
    locations: ['FIELD_DEFINITION', 'OBJECT'],
    description: 'The previous name of this field or type, so migrations rename instead of drop and add.',
    args: { name: str('The previous GraphQL name.', true) },
  },
  {
    name: 'updatedAt',
    locations: ['FIELD_DEFINITION'],
    description: 'Set to now() by a BEFORE UPDATE trigger on every UPDATE (DateTime fields; give it @default(expr: "now()") for inserts).',
    args: {},
  },
  {
    name: 'hasMany',
    locations: ['FIELD_DEFINITION'],
    description: 'Documents a one-to-many relation field (object-typed fields are relations anyway: no column).',
    args: relationArgs,
  },
  {
    name: 'hasOne',
    locations: ['FIELD_DEFINITION'],
    description: 'Documents a one-to-one relation field (no column).',
    args: relationArgs,
  },
  {
    name: 'belongsTo',
    locations: ['FIELD_DEFINITION'],
    description: 'Documents the owning side of a relation (no column; the @fk field holds the key).',
    args: relationArgs,
  },
];

/** Prefixes that mark the same directives in schemas written for the earlier Wesley tooling. */
export const ALIAS_PREFIXES = ['wes_', 'wesley_'] as const;

/** Directives GraphQL itself defines: never ours, never an error. */
export const GRAPHQL_BUILTIN_DIRECTIVES = new Set(['deprecated', 'specifiedBy', 'skip', 'include', 'oneOf']);

const byName = new Map<string, DirectiveSpec>();
for (const spec of DIRECTIVE_SPECS) {
  for (const name of [spec.name, ...(spec.legacyNames ?? [])]) {
    byName.set(name, spec);
    for (const prefix of ALIAS_PREFIXES) byName.set(`${prefix}${name}`, spec);
  }
}

/** The spec a directive name refers to (`table`, `wes_table`, `wesley_table`, `primaryKey`, ...). */
export function findDirectiveSpec(name: string): DirectiveSpec | undefined {
  return byName.get(name);
}

/** Every name (canonical, legacy and prefixed) Wesley understands. */
export function knownDirectiveNames(): string[] {
  return [...byName.keys()];
}

/**
 * Types that only exist for the directive definitions (directives.graphql): when a schema
 * includes that file, they must not become tables' enums.
 */
export const DIRECTIVE_SUPPORT_TYPES: ReadonlySet<string> = new Set([
  'WesleyValue',
  ...DIRECTIVE_SPECS.flatMap((spec) => Object.values(spec.args).flatMap((a) => (a.kind.type === 'enum' ? [a.kind.graphqlType] : []))),
]);
