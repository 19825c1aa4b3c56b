import { qualifiedName } from '../naming.js';
import type { TableIR } from '../types.js';
import { createPolicyStatement } from './create-policy-statement.js';

/**
 * ENABLE / FORCE ROW LEVEL SECURITY and CREATE POLICY for a table, as its `rls` says. A
 * partitioned table gets the same on every partition: PostgreSQL applies a table's policies only
 * to queries that name that table, so a role with privileges on a partition would otherwise read
 * and write every tenant's rows through the partition. Policy names are per table, so each
 * partition's policies keep the parent's names.
 */
export function rowLevelSecurityStatements(table: TableIR): string[] {
  const rls = table.rls;
  if (!rls) return [];
  const partitions = table.partitioning?.partitions.map((p) => qualifiedName(table.schema, p.name)) ?? [];
  return [qualifiedName(table.schema, table.name), ...partitions].flatMap((name) => {
    const statements: string[] = [];
    if (rls.enabled) statements.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`);
    if (rls.force) statements.push(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`);
    for (const policy of rls.policies) statements.push(createPolicyStatement(name, policy));
    return statements;
  });
}
