import { createPolicyStatement, qualifiedName, quoteIdent, type PolicyIR, type TableIR } from '@wesley/ir';
import { REFUSAL_CODES } from '../errors.js';
import { matchObjects, sameList } from '../match-objects.js';
import { tableAndPartitions, tableKey, type PlanContext, type StepInput } from '../plan-context.js';

const samePolicy = (a: PolicyIR, b: PolicyIR) =>
  a.command === b.command && a.permissive === b.permissive && sameList(a.roles, b.roles) && a.using === b.using && a.withCheck === b.withCheck;

/** Every relation the table's policies apply to: the table and each partition (as codegen does). */
const targets = (table: TableIR) => [table.name, ...(table.partitioning?.partitions ?? []).map((p) => p.name)].map((name) => qualifiedName(table.schema, name));

/**
 * Row-level security changes of a table in both schemas. Turning RLS on creates the policies
 * first, in the same transaction, so no client is ever locked out in between. Changed policies
 * are dropped and created in one transaction. Weakening needs `--unsafe`: turning RLS or FORCE
 * off, and changing or dropping a restrictive policy (the tenant isolation).
 */
export function planRowLevelSecurity(ctx: PlanContext, from: TableIR, to: TableIR): void {
  const key = tableKey(to);
  const was = from.rls ?? { enabled: false, force: false, policies: [] };
  const now = to.rls ?? { enabled: false, force: false, policies: [] };
  const locks = tableAndPartitions(to).map((t) => ({ table: t, mode: 'ACCESS EXCLUSIVE' as const }));
  const match = matchObjects(was.policies, now.policies, samePolicy);
  const each = (make: (target: string) => string[]) => targets(to).flatMap(make);
  const drop = (p: PolicyIR) => (target: string) => [`DROP POLICY IF EXISTS ${quoteIdent(p.name)} ON ${target}`];
  const create = (p: PolicyIR) => (target: string) => [createPolicyStatement(target, p)];

  if (now.enabled && !was.enabled) {
    const sql = each((target) => [
      ...match.dropped.flatMap((p) => drop(p)(target)),
      ...[...match.created, ...match.replaced.map(([, p]) => p), ...match.renamed.map(([, p]) => p)].flatMap((p) => [...drop(p)(target), ...create(p)(target)]),
      `ALTER TABLE ${target} ENABLE ROW LEVEL SECURITY`,
      ...(now.force ? [`ALTER TABLE ${target} FORCE ROW LEVEL SECURITY`] : []),
    ]);
    ctx.add({
      phase: 'expand', kind: 'enable-rls', object: key, table: key, locks, sql,
      summary: `Create ${now.policies.length} polic${now.policies.length === 1 ? 'y' : 'ies'} and enable row-level security on ${key}${now.force ? ' (forced for the owner too)' : ''}`,
      hazards: [{ hazard: 'breaks-clients', message: `roles without a matching policy (and without BYPASSRLS) stop seeing rows of ${key}` }],
      rollback: { kind: 'sql', sql: each((target) => [`ALTER TABLE ${target} DISABLE ROW LEVEL SECURITY`, `ALTER TABLE ${target} NO FORCE ROW LEVEL SECURITY`]), transactional: true },
    });
    return;
  }
  for (const policy of match.created) {
    ctx.add({
      phase: 'expand', kind: 'create-policy', object: `${key}.${policy.name}`, table: key, locks, sql: each(create(policy)),
      summary: `Create policy ${policy.name} on ${key}`,
      rollback: { kind: 'sql', sql: each(drop(policy)), transactional: true },
    });
  }
  // Weakening steps need --unsafe: without it they are refused with the reason.
  const add = (safe: boolean, reason: string, input: StepInput) => (safe ? ctx.add(input) : ctx.addDestructive(input, {
    code: REFUSAL_CODES.securityWeakened,
    reason: `${reason} on ${key}: rows of other tenants or roles may become visible.`,
    hint: 'Pass --unsafe if that is intended.',
  }));
  for (const [old, policy] of [...match.replaced, ...match.renamed]) {
    // A restrictive policy bounds every permissive one (tenant isolation): changing it may widen access.
    add(old.permissive, `Restrictive policy ${old.name} changes`, {
      phase: 'expand', kind: 'replace-policy', object: `${key}.${policy.name}`, table: key, locks,
      sql: each((target) => [...drop(old)(target), ...create(policy)(target)]),
      summary: `Replace policy ${old.name === policy.name ? policy.name : `${old.name} with ${policy.name}`} on ${key} (one transaction: never a moment without it)`,
      hazards: [{ hazard: 'security', message: `who can read or write rows of ${key} changes` }],
      rollback: { kind: 'sql', sql: each((target) => [...drop(policy)(target), ...create(old)(target)]), transactional: true },
    });
  }
  if (now.force !== was.force && now.enabled) {
    add(now.force, 'FORCE ROW LEVEL SECURITY is turned off: the table owner bypasses the policies', {
      phase: 'expand', kind: now.force ? 'force-rls' : 'no-force-rls', object: key, table: key, locks,
      sql: each((target) => [`ALTER TABLE ${target} ${now.force ? '' : 'NO '}FORCE ROW LEVEL SECURITY`]),
      summary: `${now.force ? 'Force' : 'Stop forcing'} row-level security on ${key} for the table owner`,
      hazards: now.force ? [] : [{ hazard: 'security', message: `the owner of ${key} bypasses its policies again` }],
      rollback: { kind: 'sql', sql: each((target) => [`ALTER TABLE ${target} ${now.force ? 'NO ' : ''}FORCE ROW LEVEL SECURITY`]), transactional: true },
    });
  }
  for (const policy of match.dropped) {
    add(policy.permissive, `Restrictive policy ${policy.name} is dropped`, {
      phase: 'contract', kind: 'drop-policy', object: `${key}.${policy.name}`, table: key, locks, sql: each(drop(policy)),
      summary: `Drop policy ${policy.name} of ${key}`,
      hazards: [{ hazard: 'security', message: `${policy.permissive ? 'roles it admitted lose access' : 'the restriction it imposed is lifted'} on ${key}` }],
      rollback: { kind: 'sql', sql: each(create(policy)), transactional: true },
    });
  }
  if (was.enabled && !now.enabled) {
    ctx.addDestructive({
      phase: 'contract', kind: 'disable-rls', object: key, table: key, locks,
      sql: each((target) => [`ALTER TABLE ${target} DISABLE ROW LEVEL SECURITY`, ...(was.force ? [`ALTER TABLE ${target} NO FORCE ROW LEVEL SECURITY`] : [])]),
      summary: `Disable row-level security on ${key}: every role with table privileges sees every row`,
      hazards: [{ hazard: 'security', message: `tenant isolation on ${key} ends` }],
      rollback: { kind: 'sql', sql: each((target) => [`ALTER TABLE ${target} ENABLE ROW LEVEL SECURITY`, ...(was.force ? [`ALTER TABLE ${target} FORCE ROW LEVEL SECURITY`] : [])]), transactional: true },
    }, {
      code: REFUSAL_CODES.securityWeakened,
      reason: `Row-level security on ${key} is turned off: every role with privileges on it would see every tenant's rows.`,
      hint: 'Pass --unsafe if that is intended.',
    });
  }
}
