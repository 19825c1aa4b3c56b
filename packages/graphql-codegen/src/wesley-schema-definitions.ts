import { BUILTIN_SCALARS, printDirectiveDefinitions } from '@wesley/ir';

// GraphQL's own scalars: every GraphQL schema has them already.
const SPECIFIED_SCALARS: ReadonlySet<string> = new Set(['ID', 'String', 'Int', 'Float', 'Boolean']);

/**
 * The SDL of Wesley's directives and built-in scalars (`DateTime`, `JSON`, `UUID`, ...), to add
 * to the codegen `schema` list: GraphQL Code Generator builds a GraphQLSchema first, and refuses
 * a field whose type (such as `DateTime`) no file declares. Schemas that declare them already
 * may add it too: codegen merges identical definitions.
 */
export function wesleySchemaDefinitions(): string {
  const scalars = Object.keys(BUILTIN_SCALARS).filter((name) => !SPECIFIED_SCALARS.has(name));
  const block = ["# Wesley's built-in scalars.", ...scalars.map((name) => `scalar ${name}`)].join('\n');
  return `${printDirectiveDefinitions()}\n${block}\n`;
}
