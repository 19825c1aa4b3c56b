import type { SchemaIR } from '@wesley/ir';
import { addForeignKeys } from './add-foreign-keys.js';
import { commentStatements } from './comment-statements.js';
import { createEnums } from './create-enums.js';
import { createExtensions } from './create-extensions.js';
import { createFunctions } from './create-functions.js';
import { createIndexes } from './create-indexes.js';
import { createRoles } from './create-roles.js';
import { createSchemas } from './create-schemas.js';
import { createPartitions, createTable } from './create-table.js';
import { createUpdatedAtTriggers } from './create-updated-at-triggers.js';
import { rowLevelSecurity } from './row-level-security.js';
import type { SqlSection } from './sql-section.js';

/**
 * The DDL of a new database, in the order it must run. Indexes come before foreign keys because
 * a foreign key may reference columns whose only uniqueness is a unique index, and before
 * partitions so PostgreSQL's automatic partition index names avoid ours. Empty sections are left
 * out.
 */
export function sqlSections(ir: SchemaIR): SqlSection[] {
  const sections: SqlSection[] = [
    { title: 'Extensions', statements: createExtensions(ir) },
    { title: 'Schemas', statements: createSchemas(ir) },
    { title: 'Enums', statements: createEnums(ir.enums) },
    { title: 'Helper functions', statements: createFunctions(ir.functions) },
    { title: 'Roles', statements: createRoles(ir.roles) },
    { title: 'Tables', statements: ir.tables.flatMap(createTable) },
    { title: 'Indexes', statements: ir.tables.flatMap(createIndexes) },
    { title: 'Partitions', statements: ir.tables.flatMap(createPartitions) },
    { title: 'Foreign keys', statements: ir.tables.flatMap(addForeignKeys) },
    { title: 'updated_at triggers', statements: createUpdatedAtTriggers(ir) },
    { title: 'Row-level security', statements: ir.tables.flatMap(rowLevelSecurity) },
    { title: 'Comments', statements: commentStatements(ir) },
  ];
  return sections.filter((s) => s.statements.length > 0);
}
