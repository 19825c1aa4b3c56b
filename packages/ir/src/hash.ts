import { createHash } from 'node:crypto';
import { compareStrings } from './naming.js';
import type { SchemaIR, TableIR } from './types.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level: the same data always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  const normalize = (v: unknown): Json => {
    if (v === null || typeof v !== 'object') return v === undefined ? null : (v as Json);
    if (Array.isArray(v)) return v.map(normalize);
    const out: Record<string, Json> = {};
    for (const key of Object.keys(v).sort()) {
      const item = (v as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = normalize(item);
    }
    return out;
  };
  return JSON.stringify(normalize(value));
}

const byName = <T extends { name: string }>(items: readonly T[]) => [...items].sort((a, b) => compareStrings(a.name, b.name));
const bySchemaName = <T extends { schema: string; name: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => compareStrings(`${a.schema}.${a.name}`, `${b.schema}.${b.name}`));

function tableShape(t: TableIR) {
  return {
    schema: t.schema,
    name: t.name,
    comment: t.comment,
    columns: byName(t.columns).map((c) => ({
      name: c.name, type: c.type, nullable: c.nullable, default: c.default?.sql ?? null,
      identity: c.identity, generated: c.generated?.expression ?? null, updatedAt: c.updatedAt, comment: c.comment,
    })),
    primaryKey: t.primaryKey ? { name: t.primaryKey.name, columns: t.primaryKey.columns } : null,
    uniques: byName(t.uniques).map((u) => ({ name: u.name, columns: u.columns, where: u.where })),
    indexes: byName(t.indexes).map((i) => ({ name: i.name, columns: i.columns, method: i.method, unique: i.unique, where: i.where })),
    foreignKeys: byName(t.foreignKeys).map((f) => ({ name: f.name, columns: f.columns, references: f.references, onDelete: f.onDelete, onUpdate: f.onUpdate, deferrable: f.deferrable })),
    checks: byName(t.checks).map((c) => ({ name: c.name, expression: c.expression })),
    partitioning: t.partitioning ? { strategy: t.partitioning.strategy, columns: t.partitioning.columns, partitions: byName(t.partitioning.partitions).map((p) => ({ name: p.name, bound: p.bound })) } : null,
    rls: t.rls ? { enabled: t.rls.enabled, force: t.rls.force, policies: byName(t.rls.policies) } : null,
  };
}

/**
 * The database-relevant content of the IR in canonical form: collections sorted by name,
 * GraphQL-only facts (type names, relations, renames, locations) left out. Two schemas that
 * produce the same database have the same shape, whatever order their types or files are in.
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
  const hash = createHash('sha256').update(canonicalJson(databaseShape(ir))).digest('hex');
  // The compiler deep-freezes its IR, so a frozen IR's hash cannot go stale.
  if (Object.isFrozen(ir)) hashes.set(ir, hash);
  return hash;
}

const hashes = new WeakMap<SchemaIR, string>();
