import { quoteIdent, quoteLiteral } from '../naming.js';
import type { RoleIR } from '../types.js';
import { dollarQuote } from './dollar-quote.js';

/**
 * A `DO` block that creates the role only when missing: roles belong to the cluster, so a
 * second database on the same server must not fail on them. Two scripts racing on one cluster
 * can both pass the check; the loser's duplicate is caught instead of failing its transaction.
 */
export function createRoleStatement(role: RoleIR): string {
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
}
