import { constraintName, didYouMean, quoteIdent, quoteLiteral } from '../naming.js';
import { JWT_CLAIM_FUNCTION } from '../helper-functions.js';
import type { PolicyCommand, PolicyIR } from '../types.js';
import type { TableDraft } from './build-table.js';
import { analyze, type CompileContext } from './context.js';
import { leadingIndexExists, type IndexNames } from './link-foreign-keys.js';
import { first } from './read-directives.js';

/** Schema and name of the claim helper the tenant policies call. */

/**
 * @tenant and @rls -> row-level security in the IR: policies, FORCE, the tenant index. With both,
 * the tenant policies are RESTRICTIVE so a custom policy can never widen access across tenants.
 */
export function applyTenancy(draft: TableDraft, names: IndexNames, ctx: CompileContext): { usesJwtClaim: boolean } {
  const tenantUse = first(draft.typeUses, 'tenant');
  const rlsUse = first(draft.typeUses, 'rls');
  if (!tenantUse && !rlsUse) return { usesJwtClaim: false };
  const table = draft.table;
  const policies: PolicyIR[] = [];
  let usesJwtClaim = false;

  if (tenantUse) {
    const by = tenantUse.args.by as string;
    const column = draft.columnsByField.get(by) ?? table.columns.find((c) => c.name === by);
    if (!column) {
      ctx.reporter.error('WESLEY_IR_TENANT_COLUMN_MISSING', `@tenant(by: "${by}") on ${table.graphqlName}: there is no such column field.`, tenantUse.argNodes.by, {
        expected: `a field of ${table.graphqlName}: ${[...draft.columnsByField.keys()].join(', ')}`,
        hint: didYouMean(by, draft.columnsByField.keys()) ?? `Add "${by}: ID!" (the tenant id, usually with @fk to the tenants table) or name an existing field.`,
      });
    } else {
      if (column.nullable) {
        ctx.reporter.warn('WESLEY_IR_TENANT_COLUMN_NULLABLE', `The tenant field ${table.graphqlName}.${column.graphqlName} is nullable: rows without a tenant are invisible to every tenant.`, tenantUse.argNodes.by, `Make ${column.graphqlName} non-null.`);
      }
      const claim = (tenantUse.args.claim as string | undefined) ?? ctx.options.tenantClaim;
      const fn = `${quoteIdent(JWT_CLAIM_FUNCTION.schema)}.${quoteIdent(JWT_CLAIM_FUNCTION.name)}`;
      const cast = column.type.replace(/\[\]$/, '') === 'text' ? '' : `::${column.type}`;
      const predicate = `${quoteIdent(column.name)} = (SELECT ${fn}(${quoteLiteral(claim)}))${cast}`;
      const permissive = !rlsUse;
      for (const command of ['select', 'insert', 'update', 'delete'] as const) {
        policies.push({
          name: constraintName(table.name, ['tenant'], command),
          command,
          permissive,
          roles: ['public'],
          using: command === 'insert' ? null : predicate,
          withCheck: command === 'insert' || command === 'update' ? predicate : null,
        });
      }
      table.tenant = { column: column.name, claim };
      usesJwtClaim = true;
      if (!leadingIndexExists(draft, [column.name])) {
        table.indexes = [...table.indexes, {
          kind: 'index', name: names.allocate(table.schema, constraintName(table.name, [column.name], 'idx')), columns: [column.name], method: 'btree',
          unique: false, where: null, origin: 'tenant', location: ctx.reporter.locate(tenantUse.node),
        }];
      }
    }
  }

  let enabled = true;
  let force = true;
  if (rlsUse) {
    const a = rlsUse.args;
    enabled = (a.enable ?? a.enabled ?? true) as boolean; // `enable` wins over the legacy `enabled`
    if (!enabled && tenantUse) {
      ctx.reporter.error('WESLEY_IR_INVALID_ARGUMENT', `@rls(${'enable' in a ? 'enable' : 'enabled'}: false) on ${table.graphqlName} would switch off the @tenant isolation of the same table.`, rlsUse.argNodes.enable ?? rlsUse.argNodes.enabled, {
        expected: 'row-level security enabled on a @tenant table',
        hint: 'Remove enable: false, or remove @tenant if the table is shared across tenants.',
      });
      enabled = true;
    }
    force = enabled && ((a.force ?? true) as boolean);
    const roles = (a.roles as string[] | undefined) ?? ['public'];
    for (const role of roles.filter((r) => /^pg_/i.test(r))) {
      ctx.reporter.error('WESLEY_IR_INVALID_ARGUMENT', `@rls(roles:) names "${role}"; names starting with pg_ are reserved for PostgreSQL's own roles.`, rlsUse.argNodes.roles, { expected: 'a role name not starting with pg_', hint: 'Use your application role, e.g. "app_user", or PUBLIC.' });
    }
    const expr = (arg: string): string | null => {
      const text = a[arg] as string | undefined;
      if (text === undefined) return null;
      const outcome = analyze(ctx, text, 'policy');
      if (!outcome.ok) {
        ctx.reporter.error('WESLEY_IR_INVALID_EXPRESSION', `@rls(${arg}:) on ${table.graphqlName}: ${outcome.message}`, rlsUse.argNodes[arg], { expected: outcome.expected, hint: 'Write a SQL condition, e.g. "owner_id = current_setting(\'app.user_id\')::uuid".' });
        return null;
      }
      if (outcome.info.functions.includes('jwt_claim')) usesJwtClaim = true;
      return outcome.info.sql;
    };
    const using = expr('using');
    const check = expr('check');
    const own = { select: expr('select'), insert: expr('insert'), update: expr('update'), delete: expr('delete') };
    // Per command: its own expression, else `using` (and `check` for what a write may produce).
    // A command left with no expression gets no policy, so RLS denies it.
    const plan: Array<[PolicyCommand, string | null, string | null]> = [
      ['select', own.select ?? using, null],
      ['insert', null, own.insert ?? check ?? using],
      ['update', own.update ?? using, own.update ?? check ?? using],
      ['delete', own.delete ?? using, null],
    ];
    for (const [command, u, c] of plan) {
      if (u === null && c === null) continue;
      policies.push({ name: constraintName(table.name, [command], 'policy'), command, permissive: true, roles, using: u, withCheck: c });
    }
  }
  table.rls = { enabled, force, policies };
  return { usesJwtClaim };
}
