import type { GraphqlTypeIR } from '@wesley/ir';
import { renderInterface, type Property } from './render-module.js';
import { typeExpression, type TypeCatalog, type TypeRefs } from './type-catalog.js';

/**
 * An object or input type that is not a table. A nullable input field may be left out of an
 * input value (GraphQL treats a missing field like null), and so may one with a default (`= 20`):
 * both are optional.
 */
export function graphqlTypeBlocks(type: GraphqlTypeIR, catalog: TypeCatalog, refs: TypeRefs): string[][] {
  const properties: Property[] = type.fields.map((field) => ({
    name: field.name,
    type: typeExpression(field.type, catalog, refs, `${type.name}.${field.name}`),
    optional: type.kind === 'input' && (field.type.nullable || field.defaultValue !== undefined),
    comment: field.comment,
  }));
  return [renderInterface(type.name, type.comment, properties)];
}
