import { quoteIdent, quoteLiteral, type RoleIR, type SchemaIR } from '@wesley/ir';
import { dollarQuote } from './dollar-quote.js';
import { isRoleKeyword } from './role-spec.js';

/**
 * The IR's roles, then every other role a policy is granted to (NOLOGIN, no BYPASSRLS): CREATE
 * POLICY fails on a role that does not exist, and the script must apply on a fresh cluster.
 * Existing roles are left as they are.
 */
export function rolesToCreate(ir: SchemaIR): RoleIR[] {
  const roles = new Map<string, RoleIR>(ir.roles.map((role) => [role.name, role]));
  for (const table of ir.tables) {
    for (const policy of table.rls?.policies ?? []) {
      for (const name of policy.roles) {
        if (!isRoleKeyword(name) && !roles.has(name)) roles.set(name, { name, bypassRls: false });
      }
    }
  }
  return [...roles.values()];
}

/**
 * A `DO` block per role that creates it only when missing: roles belong to the cluster, so a
 * second database on the same server must not fail on them. Two scripts racing on one cluster
 * can both pass the check; the loser's duplicate is caught instead of failing its transaction.
 */
export function createRoles(roles: readonly RoleIR[]): string[] {
  return roles.map((role) => {
    const options = role.bypassRls ? 'NOLOGIN BYPASSRLS' : 'NOLOGIN';
    const body = [
      '',
      'BEGIN',
      `  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(role.name)}) THEN`,
      `    CREATE ROLE ${quoteIdent(role.name)} ${options};`,
      '  END IF;',
      'EXCEPTION WHEN duplicate_object OR unique_violation THEN',
      '  NULL;',
      'END',
      '',
    ].join('\n');
    return `DO ${dollarQuote(body)}`;
  });
}
