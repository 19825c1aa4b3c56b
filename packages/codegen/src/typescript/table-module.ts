import type { ColumnIR, SourceLocation, TableIR } from '@wesley/ir';
import { renderInterface, type Property } from './render-module.js';
import { typeExpression, type TypeCatalog, type TypeRefs } from './type-catalog.js';

/** Columns whose value the database always computes: never written by an insert or update. */
function isWritable(column: ColumnIR): boolean {
  return column.identity !== 'always' && column.generated === null;
}

/** An insert may leave out a column that has a default, a by-default identity, or allows null. */
function isOptionalOnInsert(column: ColumnIR): boolean {
  return column.nullable || column.default !== null || column.identity === 'by default';
}

function byLocation(a: { readonly location: SourceLocation }, b: { readonly location: SourceLocation }): number {
  return a.location.line - b.location.line || a.location.column - b.location.column;
}

/**
 * A table: the row type `Name` (columns and relation fields, in SDL order), `NameInsert` and
 * `NameUpdate` (columns only).
 */
export function tableBlocks(table: TableIR, catalog: TypeCatalog, refs: TypeRefs): string[][] {
  const name = table.graphqlName;
  const columnType = (column: ColumnIR) => typeExpression(column.graphqlType, catalog, refs, `${name}.${column.graphqlName}`);
  const fields = [
    ...table.columns.map((column) => ({ location: column.location, property: { name: column.graphqlName, type: columnType(column), optional: false, comment: column.comment } })),
    ...table.relations.map((relation) => ({
      location: relation.location,
      property: { name: relation.field, type: typeExpression(relation.type, catalog, refs, `${name}.${relation.field}`), optional: false, comment: null },
    })),
  ].sort(byLocation);
  const writable = table.columns.filter(isWritable);
  const shape = (optional: (column: ColumnIR) => boolean): Property[] =>
    writable.map((column) => ({ name: column.graphqlName, type: columnType(column), optional: optional(column), comment: null }));
  return [
    renderInterface(name, table.comment, fields.map((f) => f.property)),
    renderInterface(`${name}Insert`, `The values an INSERT into ${name} takes: columns with a default or that allow null are optional.`, shape(isOptionalOnInsert)),
    renderInterface(`${name}Update`, `The values an UPDATE of ${name} may set.`, shape(() => true)),
  ];
}
