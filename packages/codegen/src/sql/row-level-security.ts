import { qualifiedName, quoteIdent, type PolicyIR, type TableIR } from '@wesley/ir';
import { roleSpec } from './role-spec.js';

/** ENABLE / FORCE ROW LEVEL SECURITY and CREATE POLICY for a table, as its `rls` says. */
export function rowLevelSecurity(table: TableIR): string[] {
  const rls = table.rls;
  if (!rls) return [];
  const name = qualifiedName(table.schema, table.name);
  const statements: string[] = [];
  if (rls.enabled) statements.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`);
  if (rls.force) statements.push(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`);
  for (const policy of rls.policies) statements.push(createPolicy(name, policy));
  return statements;
}

function createPolicy(table: string, policy: PolicyIR): string {
  const roles = policy.roles.length ? policy.roles.map(roleSpec).join(', ') : 'PUBLIC';
  const lines = [
    `CREATE POLICY ${quoteIdent(policy.name)} ON ${table}`,
    `  AS ${policy.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${policy.command.toUpperCase()} TO ${roles}`,
  ];
  if (policy.using !== null) lines.push(`  USING (${policy.using})`);
  if (policy.withCheck !== null) lines.push(`  WITH CHECK (${policy.withCheck})`);
  return lines.join('\n');
}
