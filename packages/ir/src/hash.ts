import { createHash } from 'node:crypto';
import { canonicalJson, writeCanonicalJson } from './canonical-json.js';
import { compareStrings } from './naming.js';
import { canonicalExpression, canonicalPartitionBound } from './sql/canonical-expression.js';
import type { PolicyIR, SchemaIR, TableIR } from './types.js';

export { canonicalJson };

const byName = <T extends { name: string }>(items: readonly T[]) => [...items].sort((a, b) => compareStrings(a.name, b.name));
const bySchemaName = <T extends { schema: string; name: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => compareStrings(`${a.schema}.${a.name}`, `${b.schema}.${b.name}`));

/** An expression in canonical form (see canonicalExpression), so server-rendered text compares equal. */
const expression = (sql: string | null | undefined) => (sql == null ? null : canonicalExpression(sql));

function policyShape(p: PolicyIR) {
  return {
    name: p.name, command: p.command, permissive: p.permissive,
    roles: [...p.roles].map((r) => (r.toLowerCase() === 'public' ? 'public' : r)).sort(compareStrings),
    using: expression(p.using), withCheck: expression(p.withCheck),
  };
}

function tableShape(t: TableIR) {
  return {
    schema: t.schema,
    name: t.name,
    comment: t.comment,
    columns: byName(t.columns).map((c) => ({
      name: c.name, type: c.type, nullable: c.nullable, default: expression(c.default?.sql),
      identity: c.identity, generated: expression(c.generated?.expression), updatedAt: c.updatedAt, comment: c.comment,
    })),
    primaryKey: t.primaryKey ? { name: t.primaryKey.name, columns: t.primaryKey.columns } : null,
    uniques: byName(t.uniques).map((u) => ({ name: u.name, columns: u.columns, where: expression(u.where) })),
    indexes: byName(t.indexes).map((i) => ({ name: i.name, columns: i.columns, method: i.method, unique: i.unique, where: expression(i.where) })),
    foreignKeys: byName(t.foreignKeys).map((f) => ({ name: f.name, columns: f.columns, references: f.references, onDelete: f.onDelete, onUpdate: f.onUpdate, deferrable: f.deferrable })),
    checks: byName(t.checks).map((c) => ({ name: c.name, expression: expression(c.expression) })),
    partitioning: t.partitioning ? { strategy: t.partitioning.strategy, columns: t.partitioning.columns, partitions: byName(t.partitioning.partitions).map((p) => ({ name: p.name, bound: canonicalPartitionBound(p.bound) })) } : null,
    rls: t.rls ? { enabled: t.rls.enabled, force: t.rls.force, policies: byName(t.rls.policies).map(policyShape) } : null,
  };
}

/**
 * The database-relevant content of the IR in canonical form: collections sorted by name,
 * GraphQL-only facts (type names, relations, renames, locations) left out, SQL expressions in
 * canonical form. Two schemas that produce the same database have the same shape, whatever order
 * their types or files are in, and a database introspected back has the shape of its schema.
 * Needs the SQL parser loaded (`await loadSqlParser()`; compileSchema does that).
 */
export function databaseShape(ir: SchemaIR) {
  return {
    version: ir.version,
    schemas: [...ir.schemas].sort(),
    extensions: [...ir.extensions].sort(),
    enums: bySchemaName(ir.enums).map((e) => ({ schema: e.schema, name: e.name, values: e.values, comment: e.comment })),
    tables: bySchemaName(ir.tables).map(tableShape),
    functions: bySchemaName(ir.functions).map((f) => ({ schema: f.schema, name: f.name, purpose: f.purpose })),
    roles: byName(ir.roles),
  };
}

/** SHA-256 (hex) of the canonical database shape: the schema hash. */
export function hashSchema(ir: SchemaIR): string {
  const known = hashes.get(ir);
  if (known !== undefined) return known;
  const sha = createHash('sha256');
  writeCanonicalJson(databaseShape(ir), (chunk) => sha.update(chunk));
  const hash = sha.digest('hex');
  // The compiler deep-freezes its IR, so a frozen IR's hash cannot go stale.
  if (Object.isFrozen(ir)) hashes.set(ir, hash);
  return hash;
}

const hashes = new WeakMap<SchemaIR, string>();
