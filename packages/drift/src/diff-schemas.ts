// Compares the schema a database should have (compiled from the SDL) with the one it has
// (introspected): every missing, extra and changed object, field by field. Pure: no I/O.
import {
  canonicalExpression,
  canonicalPartitionBound,
  hashSchema,
  type ColumnIR,
  type JsonValue,
  type PolicyIR,
  type SchemaIR,
  type TableIR,
} from '@wesley/ir';
import { ignorePatterns, isIgnoredPath } from './ignore-patterns.js';
import type { DatabaseState } from './introspect.js';

export const DRIFT_OBJECT_TYPES = [
  'schema', 'extension', 'enum', 'function', 'role', 'table', 'column', 'primary-key', 'unique', 'index', 'foreign-key', 'check', 'partition', 'policy',
] as const;
export type DriftObjectType = (typeof DRIFT_OBJECT_TYPES)[number];

export interface DriftDifference {
  /** `missing`: the schema has it, the database does not; `extra`: the reverse; `changed`: both, different. */
  readonly kind: 'missing' | 'extra' | 'changed';
  readonly object: DriftObjectType;
  /** Dotted path: `schema.table`, `schema.table.column`, `schema.table.constraint`, `schema.table.partition`, `extension.name`, `role.name`. */
  readonly path: string;
  /** For `changed`: the field that differs. */
  readonly field?: string;
  readonly expected?: JsonValue;
  readonly actual?: JsonValue;
  /** One sentence naming the difference. */
  readonly message: string;
}

export interface DiffOptions {
  /** What the IR cannot hold (validity, unrepresentable indexes), from `introspect`. */
  readonly state?: DatabaseState;
  /**
   * Paths to leave out, `*` matching any run of characters: `public.audit_*`,
   * `*.legacy_column`, `extension.*`. A pattern that matches an object also covers what is inside it.
   */
  readonly ignore?: readonly string[];
}

export interface SchemaDiff {
  readonly clean: boolean;
  readonly expectedHash: string;
  readonly actualHash: string;
  readonly differences: readonly DriftDifference[];
  /** Differences left out by `ignore`. */
  readonly ignored: number;
}

/** A field to compare: what to show, and what to compare (canonical form). */
interface Field {
  readonly show: JsonValue;
  readonly compare?: string;
}

/** What a field is compared by: its canonical form, the value itself, or an array's JSON. */
const comparable = (f: Field) => f.compare ?? (typeof f.show === 'object' && f.show !== null ? JSON.stringify(f.show) : f.show);
const same = (a: Field, b: Field) => comparable(a) === comparable(b);
const expr = (sql: string | null | undefined): Field => ({ show: sql ?? null, compare: sql == null ? 'null' : canonicalExpression(sql) });
const plain = (value: JsonValue | undefined): Field => ({ show: value ?? null });

const OBJECT_WORDS: Readonly<Record<DriftObjectType, string>> = {
  schema: 'schema', extension: 'extension', enum: 'enum', function: 'function', role: 'role', table: 'table', column: 'column',
  'primary-key': 'primary key', unique: 'unique constraint', index: 'index', 'foreign-key': 'foreign key', check: 'check constraint', partition: 'partition', policy: 'policy',
};

const show = (value: JsonValue | undefined) => (value === undefined ? 'nothing' : typeof value === 'string' ? value : JSON.stringify(value));

class Differences {
  readonly list: DriftDifference[] = [];

  missing(object: DriftObjectType, path: string, expected?: JsonValue) {
    this.list.push({ kind: 'missing', object, path, ...(expected !== undefined ? { expected } : {}), message: `The ${OBJECT_WORDS[object]} ${path} is in the schema but not in the database.` });
  }

  extra(object: DriftObjectType, path: string, actual?: JsonValue) {
    this.list.push({ kind: 'extra', object, path, ...(actual !== undefined ? { actual } : {}), message: `The ${OBJECT_WORDS[object]} ${path} is in the database but not in the schema.` });
  }

  changed(object: DriftObjectType, path: string, field: string, expected: JsonValue, actual: JsonValue) {
    this.list.push({
      kind: 'changed', object, path, field, expected, actual,
      message: `The ${OBJECT_WORDS[object]} ${path}: ${field} is ${show(actual)} in the database, ${show(expected)} in the schema.`,
    });
  }

  fields(object: DriftObjectType, path: string, expected: Record<string, Field>, actual: Record<string, Field>) {
    for (const [field, e] of Object.entries(expected)) {
      const a = actual[field]!;
      if (!same(e, a)) this.changed(object, path, field, e.show, a.show);
    }
  }

  /** Matches two collections by key: missing, extra, then `compare` on each pair. */
  collection<T>(object: DriftObjectType, prefix: string, expected: readonly T[], actual: readonly T[], key: (item: T) => string, compare?: (e: T, a: T, path: string) => void) {
    const actualByKey = new Map(actual.map((item) => [key(item), item]));
    const expectedKeys = new Set<string>();
    for (const e of expected) {
      const k = key(e);
      expectedKeys.add(k);
      const a = actualByKey.get(k);
      const path = prefix ? `${prefix}.${k}` : k;
      if (a === undefined) this.missing(object, path);
      else compare?.(e, a, path);
    }
    for (const a of actual) {
      const k = key(a);
      if (!expectedKeys.has(k)) this.extra(object, prefix ? `${prefix}.${k}` : k);
    }
  }
}

function columnFields(c: ColumnIR): Record<string, Field> {
  return {
    type: plain(c.type),
    nullable: plain(c.nullable),
    default: expr(c.default?.sql),
    identity: plain(c.identity),
    generated: expr(c.generated?.expression),
    updatedAt: plain(c.updatedAt),
    comment: plain(c.comment),
  };
}

function policyFields(p: PolicyIR): Record<string, Field> {
  const roles = [...p.roles].map((r) => (r.toLowerCase() === 'public' ? 'public' : r)).sort();
  return { command: plain(p.command), permissive: plain(p.permissive), roles: plain(roles), using: expr(p.using), withCheck: expr(p.withCheck) };
}

function compareTables(d: Differences, e: TableIR, a: TableIR, path: string) {
  d.fields('table', path, {
    comment: plain(e.comment),
    partitioning: plain(e.partitioning ? `${e.partitioning.strategy} (${e.partitioning.columns.join(', ')})` : null),
    rowLevelSecurity: plain(e.rls?.enabled ?? false),
    forceRowLevelSecurity: plain(e.rls?.force ?? false),
  }, {
    comment: plain(a.comment),
    partitioning: plain(a.partitioning ? `${a.partitioning.strategy} (${a.partitioning.columns.join(', ')})` : null),
    rowLevelSecurity: plain(a.rls?.enabled ?? false),
    forceRowLevelSecurity: plain(a.rls?.force ?? false),
  });
  d.collection('column', path, e.columns, a.columns, (c) => c.name, (ec, ac, p) => d.fields('column', p, columnFields(ec), columnFields(ac)));
  if (e.primaryKey && !a.primaryKey) d.missing('primary-key', `${path}.${e.primaryKey.name}`);
  else if (!e.primaryKey && a.primaryKey) d.extra('primary-key', `${path}.${a.primaryKey.name}`);
  else if (e.primaryKey && a.primaryKey) {
    d.fields('primary-key', `${path}.${e.primaryKey.name}`, { name: plain(e.primaryKey.name), columns: plain(e.primaryKey.columns) }, { name: plain(a.primaryKey.name), columns: plain(a.primaryKey.columns) });
  }
  d.collection('unique', path, e.uniques, a.uniques, (u) => u.name, (eu, au, p) => d.fields('unique', p, { columns: plain(eu.columns), where: expr(eu.where) }, { columns: plain(au.columns), where: expr(au.where) }));
  d.collection('index', path, e.indexes, a.indexes, (i) => i.name, (ei, ai, p) =>
    d.fields('index', p, { columns: plain(ei.columns), method: plain(ei.method), where: expr(ei.where) }, { columns: plain(ai.columns), method: plain(ai.method), where: expr(ai.where) }));
  d.collection('foreign-key', path, e.foreignKeys, a.foreignKeys, (f) => f.name, (ef, af, p) => {
    const fields = (f: typeof ef) => ({
      columns: plain(f.columns),
      references: plain(`${f.references.schema}.${f.references.name} (${f.references.columns.join(', ')})`),
      onDelete: plain(f.onDelete),
      onUpdate: plain(f.onUpdate),
      deferrable: plain(f.deferrable),
    });
    d.fields('foreign-key', p, fields(ef), fields(af));
  });
  d.collection('check', path, e.checks, a.checks, (c) => c.name, (ec, ac, p) => d.fields('check', p, { expression: expr(ec.expression) }, { expression: expr(ac.expression) }));
  if (e.partitioning && a.partitioning) {
    d.collection('partition', path, e.partitioning.partitions, a.partitioning.partitions, (p) => p.name, (ep, ap, p) =>
      d.fields('partition', p, { bound: { show: ep.bound, compare: canonicalPartitionBound(ep.bound) } }, { bound: { show: ap.bound, compare: canonicalPartitionBound(ap.bound) } }));
  }
  d.collection('policy', path, e.rls?.policies ?? [], a.rls?.policies ?? [], (p) => p.name, (ep, ap, p) => d.fields('policy', p, policyFields(ep), policyFields(ap)));
}

function stateDifferences(d: Differences, expected: SchemaIR, state: DatabaseState) {
  const table = (schema: string, name: string) => expected.tables.find((t) => t.schema === schema && t.name === name);
  for (const i of state.invalidIndexes) {
    if (table(i.schema, i.table)) d.changed('index', `${i.schema}.${i.table}.${i.name}`, 'valid', true, false);
  }
  for (const c of state.unvalidatedConstraints) {
    const t = table(c.schema, c.table);
    if (!t) continue;
    const object = c.type === 'foreign-key' ? 'foreign-key' : c.type === 'check' ? 'check' : 'column';
    // For NOT NULL (PostgreSQL 18) `name` is the column's: the path is the column.
    d.changed(object, `${c.schema}.${c.table}.${c.name}`, c.type === 'not-null' ? 'notNullValidated' : 'validated', true, false);
  }
  for (const k of state.deferrableKeys) {
    const t = table(k.schema, k.table);
    const object = t?.primaryKey?.name === k.name ? 'primary-key' : 'unique';
    if (t) d.changed(object, `${k.schema}.${k.table}.${k.name}`, 'deferrable', 'not deferrable', k.deferrable);
  }
  for (const c of state.virtualColumns) {
    if (table(c.schema, c.table)?.columns.some((x) => x.name === c.name && x.generated)) d.changed('column', `${c.schema}.${c.table}.${c.name}`, 'generatedStorage', 'stored', 'virtual');
  }
  for (const i of state.unrepresentableIndexes) {
    const t = table(i.schema, i.table);
    if (t?.indexes.some((x) => x.name === i.name) || t?.uniques.some((x) => x.name === i.name)) {
      d.changed('index', `${i.schema}.${i.table}.${i.name}`, 'definition', null, i.definition);
    }
  }
  for (const p of state.partitionRlsMismatches) {
    if (table(p.schema, p.table)) d.changed('partition', `${p.schema}.${p.table}.${p.name}`, 'rowLevelSecurity', `as ${p.schema}.${p.table}`, p.detail);
  }
  for (const t of state.disabledTriggers) {
    if (table(t.schema, t.table)) d.changed('table', `${t.schema}.${t.table}`, `trigger ${t.name}`, 'enabled', 'disabled');
  }
}

/**
 * Every difference between the schema a database should have and the one it has: missing,
 * extra and changed objects, field by field. Expressions compare in canonical form, so the
 * server's rendering of a default or check is not a difference. Extensions and roles are
 * database-wide: only missing ones (and a role's BYPASSRLS) count, not others that exist.
 */
export function diffSchemas(expected: SchemaIR, actual: SchemaIR, options: DiffOptions = {}): SchemaDiff {
  const d = new Differences();
  for (const s of expected.schemas) if (!actual.schemas.includes(s)) d.missing('schema', s);
  for (const x of expected.extensions) if (!actual.extensions.includes(x)) d.missing('extension', `extension.${x}`);
  for (const f of expected.functions) if (!actual.functions.some((a) => a.schema === f.schema && a.name === f.name)) d.missing('function', `${f.schema}.${f.name}`);
  for (const r of expected.roles) {
    const a = actual.roles.find((x) => x.name === r.name);
    if (!a) d.missing('role', `role.${r.name}`);
    else if (a.bypassRls !== r.bypassRls) d.changed('role', `role.${r.name}`, 'bypassRls', r.bypassRls, a.bypassRls);
  }
  const qualified = (x: { schema: string; name: string }) => `${x.schema}.${x.name}`;
  d.collection('enum', '', expected.enums, actual.enums, qualified, (e, a, path) => d.fields('enum', path, { values: plain(e.values), comment: plain(e.comment) }, { values: plain(a.values), comment: plain(a.comment) }));
  d.collection('table', '', expected.tables, actual.tables, qualified, (e, a, path) => compareTables(d, e, a, path));
  if (options.state) stateDifferences(d, expected, options.state);

  const patterns = ignorePatterns(options.ignore ?? []);
  const differences = d.list.filter((x) => !isIgnoredPath(x.path, patterns));
  return {
    clean: differences.length === 0,
    expectedHash: hashSchema(expected),
    actualHash: hashSchema(actual),
    differences,
    ignored: d.list.length - differences.length,
  };
}
