import { LEDGER_TABLES, createEnumStatement, createExtensionStatement, createFunctionStatement, createRoleStatement, createSchemaStatement, qualifiedName, quoteIdent, quoteLiteral, type EnumIR } from '@wesley/ir';
import { REFUSAL_CODES } from '../errors.js';
import type { PlanContext } from '../plan-context.js';

const none = (reason: string) => ({ kind: 'none', reason }) as const;

/** Extensions, schemas, helper functions and roles the new schema needs and the old one lacked. */
export function planGlobalObjects(ctx: PlanContext): void {
  const from = ctx.from;
  const had = <T>(items: readonly T[] | undefined, key: (item: T) => string) => new Set((items ?? []).map(key));

  const extensions = had(from?.extensions, (e) => e);
  for (const name of [...new Set(ctx.to.extensions)].sort()) {
    if (extensions.has(name)) continue;
    ctx.add({
      phase: 'expand', kind: 'create-extension', object: name, table: null, locks: [],
      summary: `Create extension ${name} if it is missing`,
      sql: [createExtensionStatement(name)],
      rollback: none('the extension may be used by other schemas; drop it by hand if it is not'),
    });
  }
  for (const name of [...new Set(from?.extensions ?? [])].filter((n) => !ctx.to.extensions.includes(n))) {
    ctx.warn('WESLEY_PLAN_EXTENSION_KEPT', `Extension ${name} is no longer used by the schema; it is left installed (other schemas may use it).`);
  }

  const schemas = had(from?.schemas, (s) => s);
  schemas.add('public');
  const wanted = new Set([...ctx.to.schemas, ...ctx.to.functions.map((f) => f.schema), ...ctx.to.enums.map((e) => e.schema), ...ctx.to.tables.map((t) => t.schema)]);
  for (const fn of from?.functions ?? []) schemas.add(fn.schema);
  for (const e of from?.enums ?? []) schemas.add(e.schema);
  for (const t of from?.tables ?? []) schemas.add(t.schema);
  for (const name of wanted) {
    if (schemas.has(name)) continue;
    ctx.add({
      phase: 'expand', kind: 'create-schema', object: name, table: null, locks: [],
      summary: `Create schema ${name}`,
      sql: [createSchemaStatement(name)],
      // The ledger lives in Wesley's own schema: dropping it would fail (or take the ledger along).
      rollback: LEDGER_TABLES.some((t) => t.schema === name)
        ? none(`schema ${name} also holds the migration ledger (${LEDGER_TABLES.map((t) => `${t.schema}.${t.name}`).join(', ')}); it is kept`)
        : { kind: 'sql', sql: [`DROP SCHEMA IF EXISTS ${quoteIdent(name)}`], transactional: true },
    });
  }

  const functions = had(from?.functions, (f) => `${f.schema}.${f.name}:${f.purpose}`);
  for (const fn of ctx.to.functions) {
    if (functions.has(`${fn.schema}.${fn.name}:${fn.purpose}`)) continue;
    ctx.add({
      phase: 'expand', kind: 'create-function', object: `${fn.schema}.${fn.name}`, table: null, locks: [],
      summary: `Create helper function ${fn.schema}.${fn.name} (${fn.purpose})`,
      sql: [createFunctionStatement(fn)],
      rollback: { kind: 'sql', sql: [`DROP FUNCTION IF EXISTS ${qualifiedName(fn.schema, fn.name)}${fn.purpose === 'jwt-claim' ? '(text)' : '()'}`], transactional: true },
    });
  }

  const roles = had(from?.roles, (r) => r.name);
  for (const role of ctx.to.roles) {
    if (roles.has(role.name)) continue;
    ctx.add({
      phase: 'expand', kind: 'create-role', object: role.name, table: null, locks: [],
      summary: `Create role ${role.name} if it is missing${role.bypassRls ? ' (BYPASSRLS: needs a superuser)' : ''}`,
      sql: [createRoleStatement(role)],
      rollback: none('roles belong to the whole cluster and may be used by other databases'),
    });
  }
}

/** New enums, and values added to existing ones (ADD VALUE, in order, each in its own transaction). */
export function planEnums(ctx: PlanContext): void {
  const old = new Map((ctx.from?.enums ?? []).map((e) => [`${e.schema}.${e.name}`, e]));
  for (const e of ctx.to.enums) {
    const previous = old.get(`${e.schema}.${e.name}`);
    if (!previous) {
      ctx.add({
        phase: 'expand', kind: 'create-enum', object: `${e.schema}.${e.name}`, table: null, locks: [],
        summary: `Create enum ${e.schema}.${e.name}`,
        sql: [createEnumStatement(e)],
        rollback: { kind: 'sql', sql: [`DROP TYPE IF EXISTS ${qualifiedName(e.schema, e.name)}`], transactional: true },
      });
      continue;
    }
    addEnumValues(ctx, previous, e);
  }
}

function addEnumValues(ctx: PlanContext, previous: EnumIR, next: EnumIR): void {
  const object = `${next.schema}.${next.name}`;
  const kept = next.values.filter((v) => previous.values.includes(v));
  const removed = previous.values.filter((v) => !next.values.includes(v));
  if (removed.length || kept.some((v, i) => v !== previous.values.filter((p) => next.values.includes(p))[i])) {
    ctx.refuse({
      code: REFUSAL_CODES.enumValueRemoved, object, unsafeAllows: false,
      reason: removed.length
        ? `Enum ${object} loses value(s) ${removed.map((v) => `'${v}'`).join(', ')}: PostgreSQL cannot remove an enum value, only recreate the type (rewriting every column that uses it).`
        : `Enum ${object} reorders existing values: PostgreSQL cannot reorder enum values.`,
      hint: 'Keep the old values (stop using them in code), or migrate the columns to a new enum type by hand.',
    });
    return;
  }
  const name = qualifiedName(next.schema, next.name);
  // ADD VALUE cannot run inside a transaction block on PG 11; on 12+ it can, but the new label is
  // unusable until that transaction commits: either way it gets a transaction of its own.
  const inTransaction = ctx.version >= 120000;
  next.values.forEach((value, i) => {
    if (previous.values.includes(value)) return;
    // Values are added in order, so the previous one always exists by now.
    const before = next.values.slice(i + 1).find((v) => previous.values.includes(v));
    const position = i > 0 ? ` AFTER ${quoteLiteral(next.values[i - 1]!)}` : before !== undefined ? ` BEFORE ${quoteLiteral(before)}` : '';
    ctx.add({
      phase: 'expand', kind: 'add-enum-value', object: `${object}.${value}`, table: null, locks: [],
      summary: `Add value '${value}' to enum ${object}`,
      sql: [`ALTER TYPE ${name} ADD VALUE IF NOT EXISTS ${quoteLiteral(value)}${position}`],
      transactional: inTransaction,
      versionGate: inTransaction
        ? { min: 120000, below: null, reason: 'PostgreSQL 12+ accepts ADD VALUE in a transaction block; the label is usable once it commits' }
        : { min: null, below: 120000, reason: 'PostgreSQL 11 refuses ALTER TYPE ... ADD VALUE inside a transaction block' },
      rollback: { kind: 'irreversible', reason: 'PostgreSQL cannot remove an enum value' },
    });
  });
}
