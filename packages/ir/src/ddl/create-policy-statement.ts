import { quoteIdent } from '../naming.js';
import type { PolicyIR } from '../types.js';
import { parenthesize } from './parenthesize.js';
import { roleSpec } from './role-spec.js';

/** `CREATE POLICY` on an already-qualified table (or partition), with only the clauses the policy has. */
export function createPolicyStatement(qualifiedTable: string, policy: PolicyIR): string {
  const roles = policy.roles.length ? policy.roles.map(roleSpec).join(', ') : 'PUBLIC';
  const lines = [
    `CREATE POLICY ${quoteIdent(policy.name)} ON ${qualifiedTable}`,
    `  AS ${policy.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${policy.command.toUpperCase()} TO ${roles}`,
  ];
  if (policy.using !== null) lines.push(`  USING ${parenthesize(policy.using)}`);
  if (policy.withCheck !== null) lines.push(`  WITH CHECK ${parenthesize(policy.withCheck)}`);
  return lines.join('\n');
}
