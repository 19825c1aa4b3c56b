import type { ColumnIR, SchemaIR, TableIR } from '@wesley/ir';
import { tableKey } from './plan-context.js';

/** A table in both schemas (possibly renamed through `@renamedFrom`). */
export interface TablePair {
  readonly from: TableIR;
  readonly to: TableIR;
  readonly renamed: boolean;
}

export interface ColumnPair {
  readonly from: ColumnIR;
  readonly to: ColumnIR;
  readonly renamed: boolean;
}

export interface Matched<P, T> {
  readonly pairs: readonly P[];
  readonly created: readonly T[];
  readonly dropped: readonly T[];
}

/** Pairs tables by schema-qualified name, then by `@renamedFrom` (the previous GraphQL name). */
export function matchTables(from: SchemaIR | null, to: SchemaIR): Matched<TablePair, TableIR> {
  const old = new Map((from?.tables ?? []).map((t) => [tableKey(t), t]));
  const pairs: TablePair[] = [];
  const created: TableIR[] = [];
  for (const table of to.tables) {
    const same = old.get(tableKey(table));
    if (same) {
      pairs.push({ from: same, to: table, renamed: false });
      old.delete(tableKey(table));
      continue;
    }
    const previous = table.renamedFrom === null ? undefined : [...old.values()].find((t) => t.graphqlName === table.renamedFrom && t.schema === table.schema);
    if (previous) {
      pairs.push({ from: previous, to: table, renamed: true });
      old.delete(tableKey(previous));
    } else {
      created.push(table);
    }
  }
  return { pairs, created, dropped: [...old.values()] };
}

/** Pairs columns by name, then by `@renamedFrom` (the previous GraphQL field name). */
export function matchColumns(from: TableIR, to: TableIR): Matched<ColumnPair, ColumnIR> {
  const old = new Map(from.columns.map((c) => [c.name, c]));
  const pairs: ColumnPair[] = [];
  const created: ColumnIR[] = [];
  for (const column of to.columns) {
    // @renamedFrom wins while the old column still exists; once the rename has shipped (the old
    // name is gone), a directive left in place pairs the column with itself by name.
    const renamed = column.renamedFrom === null ? undefined : [...old.values()].find((c) => c.name !== column.name && (c.graphqlName === column.renamedFrom || c.name === column.renamedFrom));
    const previous = renamed ?? old.get(column.name);
    if (previous) {
      pairs.push({ from: previous, to: column, renamed: previous.name !== column.name });
      old.delete(previous.name);
    } else {
      created.push(column);
    }
  }
  return { pairs, created, dropped: [...old.values()] };
}

/** Maps the old schema's column names of one table to the new ones (identity for unmatched). */
export function columnRenames(pairs: readonly ColumnPair[]): (name: string) => string {
  const map = new Map(pairs.map((p) => [p.from.name, p.to.name]));
  return (name) => map.get(name) ?? name;
}

/** Maps old qualified table names to new ones across the schema. */
export function tableRenames(pairs: readonly TablePair[]): (schema: string, name: string) => string {
  const map = new Map(pairs.map((p) => [tableKey(p.from), tableKey(p.to)]));
  return (schema, name) => map.get(`${schema}.${name}`) ?? `${schema}.${name}`;
}
