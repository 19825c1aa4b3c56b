import {
  addForeignKeyStatement,
  createEnumStatement,
  createFunctionStatement,
  createPartitionStatement,
  createRoleStatement,
  createTableStatement,
  rowLevelSecurityStatements,
  type SchemaIR,
} from '@wesley/ir';
import { commentStatements } from './comment-statements.js';
import { createExtensions } from './create-extensions.js';
import { createIndexes } from './create-indexes.js';
import { createSchemas } from './create-schemas.js';
import { createUpdatedAtTriggers } from './create-updated-at-triggers.js';
import type { SqlSection } from './sql-section.js';

/**
 * The DDL of a new database, in the order it must run. Foreign keys come after every table, so
 * that cycles need no ordering; after the indexes too, because a foreign key may reference
 * columns whose only uniqueness is a unique index. Indexes come before partitions so
 * PostgreSQL's automatic partition index names avoid ours. Empty sections are left out.
 */
export function sqlSections(ir: SchemaIR): SqlSection[] {
  const sections: SqlSection[] = [
    { title: 'Extensions', statements: createExtensions(ir) },
    { title: 'Schemas', statements: createSchemas(ir) },
    { title: 'Enums', statements: ir.enums.map(createEnumStatement) },
    { title: 'Helper functions', statements: ir.functions.map(createFunctionStatement) },
    { title: 'Roles', statements: ir.roles.map(createRoleStatement) },
    { title: 'Tables', statements: ir.tables.map(createTableStatement) },
    { title: 'Indexes', statements: ir.tables.flatMap(createIndexes) },
    { title: 'Partitions', statements: ir.tables.flatMap((t) => (t.partitioning?.partitions ?? []).map((p) => createPartitionStatement(t, p))) },
    { title: 'Foreign keys', statements: ir.tables.flatMap((t) => t.foreignKeys.map((fk) => addForeignKeyStatement(t, fk))) },
    { title: 'updated_at triggers', statements: createUpdatedAtTriggers(ir) },
    { title: 'Row-level security', statements: ir.tables.flatMap(rowLevelSecurityStatements) },
    { title: 'Comments', statements: commentStatements(ir) },
  ];
  return sections.filter((s) => s.statements.length > 0);
}
