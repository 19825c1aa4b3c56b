import { qualifiedName, quoteIdent, type PolicyIR, type TableIR } from '@wesley/ir';
import { parenthesize } from './parenthesize.js';
import { roleSpec } from './role-spec.js';

/**
 * ENABLE / FORCE ROW LEVEL SECURITY and CREATE POLICY for a table, as its `rls` says. A
 * partitioned table gets the same on every partition: PostgreSQL applies a table's policies only
 * to queries that name that table, so a role with privileges on a partition would otherwise read
 * and write every tenant's rows through the partition. Policy names are per table, so each
 * partition's policies keep the parent's names.
 */
export function rowLevelSecurity(table: TableIR): string[] {
  const rls = table.rls;
  if (!rls) return [];
  const partitions = table.partitioning?.partitions.map((p) => qualifiedName(table.schema, p.name)) ?? [];
  return [qualifiedName(table.schema, table.name), ...partitions].flatMap((name) => {
    const statements: string[] = [];
    if (rls.enabled) statements.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`);
    if (rls.force) statements.push(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`);
    for (const policy of rls.policies) statements.push(createPolicy(name, policy));
    return statements;
  });
}

function createPolicy(table: string, policy: PolicyIR): string {
  const roles = policy.roles.length ? policy.roles.map(roleSpec).join(', ') : 'PUBLIC';
  const lines = [
    `CREATE POLICY ${quoteIdent(policy.name)} ON ${table}`,
    `  AS ${policy.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${policy.command.toUpperCase()} TO ${roles}`,
  ];
  if (policy.using !== null) lines.push(`  USING ${parenthesize(policy.using)}`);
  if (policy.withCheck !== null) lines.push(`  WITH CHECK ${parenthesize(policy.withCheck)}`);
  return lines.join('\n');
}
