// Test-only builders: small SchemaIR values with every field filled, so a test states only what
// it is about. Exported as @wesley/ir/testing for the tests of Wesley's packages; not public API.
import type { SourceLocation } from '../errors.js';
import {
  IR_VERSION,
  type CheckIR,
  type ColumnIR,
  type EnumIR,
  type ForeignKeyIR,
  type IndexIR,
  type PolicyIR,
  type SchemaIR,
  type TableIR,
  type UniqueIR,
} from '../types.js';

export const testLocation: SourceLocation = { file: 'test.graphql', line: 1, column: 1 };

/** A nullable column of the given PostgreSQL type. */
export function testColumn(name: string, type: string, overrides: Partial<ColumnIR> = {}): ColumnIR {
  return {
    kind: 'column', name, graphqlName: name, type, graphqlType: { named: 'String', nullable: overrides.nullable ?? true },
    nullable: true, default: null, identity: null, generated: null, updatedAt: false, renamedFrom: null, comment: null, location: testLocation,
    ...overrides,
  };
}

/** A table in `public` (unless overridden) with nothing but what the overrides give it. */
export function testTable(name: string, overrides: Partial<TableIR> = {}): TableIR {
  return {
    kind: 'table', schema: 'public', name, graphqlName: name, columns: [], primaryKey: null, uniques: [], indexes: [],
    foreignKeys: [], checks: [], partitioning: null, tenant: null, rls: null, relations: [], renamedFrom: null, comment: null, location: testLocation,
    ...overrides,
  };
}

/** A primary key named `<table>_pkey`. */
export function testPrimaryKey(table: string, columns: readonly string[]): TableIR['primaryKey'] {
  return { name: `${table}_pkey`, columns, location: testLocation };
}

export function testUnique(name: string, columns: readonly string[], where: string | null = null): UniqueIR {
  return { kind: 'unique', name, columns, where, location: testLocation };
}

export function testIndex(name: string, columns: readonly string[], overrides: Partial<IndexIR> = {}): IndexIR {
  return { kind: 'index', name, columns, method: 'btree', unique: false, where: null, origin: 'declared', location: testLocation, ...overrides };
}

export function testCheck(name: string, expression: string): CheckIR {
  return { kind: 'check', name, expression, location: testLocation };
}

/** A NO ACTION, not deferrable foreign key to `public.<table>`. */
export function testForeignKey(name: string, columns: readonly string[], table: string, refColumns: readonly string[], overrides: Partial<ForeignKeyIR> = {}): ForeignKeyIR {
  return {
    kind: 'foreign-key', name, columns, references: { schema: 'public', name: table, columns: refColumns },
    onDelete: 'NO ACTION', onUpdate: 'NO ACTION', deferrable: 'not deferrable', location: testLocation, ...overrides,
  };
}

export function testEnum(name: string, values: readonly string[], overrides: Partial<EnumIR> = {}): EnumIR {
  return { kind: 'enum', schema: 'public', name, graphqlName: name, values, comment: null, location: testLocation, ...overrides };
}

/** A permissive FOR ALL policy to PUBLIC with no clauses. */
export function testPolicy(name: string, overrides: Partial<PolicyIR> = {}): PolicyIR {
  return { name, command: 'all', permissive: true, roles: [], using: null, withCheck: null, ...overrides };
}

/** An empty schema IR (only `public`). */
export function testSchema(overrides: Partial<SchemaIR> = {}): SchemaIR {
  return {
    version: IR_VERSION, schemas: ['public'], extensions: [], enums: [], tables: [], functions: [], roles: [], types: [], scalars: [],
    minimumServerVersion: 110000, ...overrides,
  };
}
