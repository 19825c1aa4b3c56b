import type { SourceLocation } from '../errors.js';
import type { TableIR, EnumIR } from '../types.js';
import type { TableDraft } from './build-table.js';
import type { CompileContext } from './context.js';

interface Claim {
  readonly what: string;
  readonly location: SourceLocation;
}

/**
 * PostgreSQL shares one namespace per schema between tables, partitions, indexes (including the
 * ones behind primary keys and unique constraints) and sequences, and another between types
 * (enums, and the row type of every table). Two names that collide there fail at CREATE time;
 * catch them here, with both locations.
 */
export function checkNamespaces(drafts: readonly TableDraft[], enums: readonly EnumIR[], ctx: CompileContext): void {
  const relations = new Map<string, Claim>();
  const types = new Map<string, Claim>();
  /** Returns false (after reporting) when the name is taken. */
  const claim = (space: Map<string, Claim>, schema: string, name: string, what: string, location: SourceLocation, kind: string): boolean => {
    const key = `${schema}.${name}`;
    const before = space.get(key);
    if (!before) {
      space.set(key, { what, location });
      return true;
    }
    ctx.reporter.error('WESLEY_IR_NAME_COLLISION', `${what} and ${before.what} are both named "${name}" in schema "${schema}" (${kind} names must be unique; the first is at ${before.location.file}:${before.location.line}:${before.location.column}).`, location, {
      expected: 'distinct names',
      hint: 'Rename one of them (@table(name:), or name: on the directive).',
    });
    return false;
  };
  for (const e of enums) claim(types, e.schema, e.name, `enum ${e.graphqlName}`, e.location, 'type');
  // A table that clashes is reported once; its row type and default key names would only echo it.
  const clashed = new Set<TableIR>();
  for (const { table } of drafts) {
    const t = table as TableIR;
    const ok = claim(relations, t.schema, t.name, `table ${t.graphqlName}`, t.location, 'table and index') &&
      claim(types, t.schema, t.name, `table ${t.graphqlName}`, t.location, 'type (every table has a row type)');
    if (!ok) {
      clashed.add(t);
      continue;
    }
    for (const p of t.partitioning?.partitions ?? []) {
      if (claim(relations, t.schema, p.name, `partition ${p.name} of ${t.graphqlName}`, p.location, 'table and index')) {
        claim(types, t.schema, p.name, `partition ${p.name}`, p.location, 'type');
      }
    }
  }
  for (const { table } of drafts) {
    const t = table as TableIR;
    if (clashed.has(t)) continue;
    if (t.primaryKey) claim(relations, t.schema, t.primaryKey.name, `the primary key of ${t.graphqlName}`, t.primaryKey.location, 'table and index');
    for (const u of t.uniques) claim(relations, t.schema, u.name, `unique ${u.name} of ${t.graphqlName}`, u.location, 'table and index');
    for (const i of t.indexes) claim(relations, t.schema, i.name, `index ${i.name} of ${t.graphqlName}`, i.location, 'table and index');
    // Identity sequences are left out: PostgreSQL picks a free name for them itself.
    // Key names were checked schema-wide above; foreign keys and checks share the table's
    // constraint namespace with them.
    const constraints = new Map<string, Claim>();
    if (t.primaryKey) constraints.set(`${t.schema}.${t.primaryKey.name}`, { what: `the primary key of ${t.graphqlName}`, location: t.primaryKey.location });
    for (const u of t.uniques) constraints.set(`${t.schema}.${u.name}`, { what: `unique ${u.name} of ${t.graphqlName}`, location: u.location });
    for (const f of t.foreignKeys) claim(constraints, t.schema, f.name, `foreign key ${f.name} of ${t.graphqlName}`, f.location, 'constraint');
    for (const c of t.checks) claim(constraints, t.schema, c.name, `check ${c.name} of ${t.graphqlName}`, c.location, 'constraint');
  }
}

/** @renamedFrom must name something that no longer exists, or the planner cannot tell them apart. */
export function checkRenames(drafts: readonly TableDraft[], ctx: CompileContext): void {
  const typeNames = new Set(drafts.map((d) => d.table.graphqlName));
  for (const { table, columnsByField, definition } of drafts) {
    if (table.renamedFrom && typeNames.has(table.renamedFrom)) {
      ctx.reporter.error('WESLEY_IR_RENAMED_FROM_CONFLICT', `${table.graphqlName} is @renamedFrom "${table.renamedFrom}", but ${table.renamedFrom} still exists.`, table.location, {
        expected: 'the previous name of a type that is gone', hint: `Remove @renamedFrom, or remove/rename type ${table.renamedFrom}.`,
      });
    }
    for (const column of table.columns) {
      if (column.renamedFrom && columnsByField.has(column.renamedFrom)) {
        const field = definition.fields.find((f) => f.name.value === column.graphqlName);
        const use = field?.directives?.find((d) => /renamedFrom$/.test(d.name.value));
        const at = use?.arguments?.find((a) => a.name.value === 'name')?.value;
        ctx.reporter.error('WESLEY_IR_RENAMED_FROM_CONFLICT', `${table.graphqlName}.${column.graphqlName} is @renamedFrom "${column.renamedFrom}", but that field still exists.`, at ?? column.location, {
          expected: 'the previous name of a field that is gone', hint: `Remove @renamedFrom, or remove the field ${column.renamedFrom}.`,
        });
      }
    }
  }
}
