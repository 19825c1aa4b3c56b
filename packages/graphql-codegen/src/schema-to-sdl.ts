import {
  getLocation,
  isIntrospectionType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  parse,
  print,
  type ASTNode,
  type DefinitionNode,
  type GraphQLSchema,
  type Source,
} from 'graphql';
import { DIRECTIVE_SPECS, WesleyError, type SourceLocation } from '@wesley/ir';
import { GRAPHQL_CODEGEN_ERROR_CODES } from './errors.js';

/** The SDL of a loaded schema, rebuilt from its AST nodes for Wesley's compiler. */
export interface SchemaSdl {
  /** Every definition, printed in the order the author wrote them. */
  readonly sdl: string;
  /** The files the definitions came from (display names), in name order; empty when unknown. */
  readonly files: readonly string[];
  /** Maps a line and column of `sdl` to where the author wrote it, when the AST knows. */
  readonly originalLocation: (line: number, column: number) => SourceLocation | null;
}

/** Options of `schemaToSdl`. */
export interface SchemaToSdlOptions {
  /** How a source file is named in locations and headers (default: the name as loaded). */
  readonly displayName?: (name: string) => string;
}

type Node = ASTNode & Record<string, unknown>;

// Lists a type extension adds to its definition.
const EXTENSIBLE = ['interfaces', 'directives', 'fields', 'values', 'types'] as const;

/**
 * The SDL behind a schema: `schema.astNode`, each type's `astNode` with its `extensionASTNodes`
 * folded in, and the declared directives, printed with graphql's `print`. Wesley's directives
 * live only in the AST (a built schema drops unknown directive uses), so a schema without AST
 * nodes (introspection, built in code) cannot be compiled and throws.
 */
export function schemaToSdl(schema: GraphQLSchema, options: SchemaToSdlOptions = {}): SchemaSdl {
  const definitions: DefinitionNode[] = [];
  if (schema.astNode) definitions.push(schema.astNode, ...schema.extensionASTNodes);
  for (const directive of schema.getDirectives()) {
    if (directive.astNode) definitions.push(directive.astNode);
  }
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || (isSpecifiedScalarType(type) && !type.astNode)) continue;
    if (!type.astNode) missing.push(type.name);
    else definitions.push(foldExtensions(type.astNode as unknown as Node, type.extensionASTNodes as unknown as readonly Node[]) as DefinitionNode);
  }
  const undeclared = schema.getDirectives().filter((d) => !d.astNode && !isSpecifiedDirective(d));
  if (missing.length > 0 || undeclared.length > 0) {
    const names = [...missing, ...undeclared.map((d) => `@${d.name}`)];
    throw new WesleyError({
      code: GRAPHQL_CODEGEN_ERROR_CODES.noSdl,
      message: `The schema has no SDL for ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}: it was built in code or loaded from introspection, which drops Wesley's directives.`,
      hint: 'Point the codegen `schema` at the .graphql files (or a string of SDL), not at a URL, an introspection result or a schema built in code.',
    });
  }

  const ordered = sortByLocation(definitions.map((d) => restoreOrder(d as unknown as Node)));
  const printed = ordered.map((node) => print(node));
  const starts: number[] = [];
  let line = 1;
  for (const text of printed) {
    starts.push(line);
    line += text.split('\n').length + 1;
  }
  const displayName = options.displayName ?? ((name: string) => name);
  // Files that only declare Wesley's directives and scalars (wesleySchemaDefinitions) are not sources.
  const files = [...new Set(ordered.filter(isAuthored).flatMap((node) => sourcesOf(node)))].sort().map(displayName);

  const originalLocation = (atLine: number, column: number): SourceLocation | null => {
    let index = starts.length - 1;
    while (index > 0 && starts[index]! > atLine) index -= 1;
    const text = printed[index];
    if (text === undefined || atLine < starts[index]!) return null;
    const lines = text.split('\n');
    const row = atLine - starts[index]!;
    if (row >= lines.length) return null;
    const offset = lines.slice(0, row).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
    const found = mapOffset(parse(text).definitions[0] as unknown as Node, ordered[index]!, offset);
    if (!found) return null;
    const where = getLocation(found.source, found.offset);
    return { file: displayName(found.source.name), line: where.line, column: where.column };
  };

  return { sdl: printed.length > 0 ? `${printed.join('\n\n')}\n` : '', files, originalLocation };
}

const WESLEY_SUPPORT_TYPES: ReadonlySet<string> = new Set([
  'WesleyValue',
  ...DIRECTIVE_SPECS.flatMap((spec) => Object.values(spec.args).flatMap((arg) => (arg.kind.type === 'enum' ? [arg.kind.graphqlType] : []))),
]);

/** A definition the author wrote: not a directive, a scalar, or an enum of Wesley's directives. */
function isAuthored(node: Node): boolean {
  const name = (node as { name?: { value?: string } }).name?.value ?? '';
  return !['DirectiveDefinition', 'ScalarTypeDefinition'].includes(node.kind) && !WESLEY_SUPPORT_TYPES.has(name);
}

function foldExtensions(definition: Node, extensions: readonly Node[]): Node {
  if (extensions.length === 0) return definition;
  const folded: Record<string, unknown> = { ...definition };
  for (const key of EXTENSIBLE) {
    const lists = [definition, ...extensions].map((n) => n[key]).filter(Array.isArray);
    if (lists.length > 0) folded[key] = lists.flat();
  }
  return folded as Node;
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';

function compareByLocation(a: Node, b: Node): number {
  if (!a.loc || !b.loc) return a.loc ? -1 : b.loc ? 1 : 0;
  const fileA = a.loc.source.name;
  const fileB = b.loc.source.name;
  return fileA < fileB ? -1 : fileA > fileB ? 1 : a.loc.start - b.loc.start;
}

/** Stable: nodes without a location keep their order, after the located ones. */
const sortByLocation = <T extends Node>(nodes: readonly T[]): T[] => [...nodes].sort(compareByLocation);

/**
 * A copy with every list of nodes back in source order. GraphQL Code Generator loads schemas
 * with `sort: true`, which puts fields in alphabetical order; Wesley's column order is the SDL's.
 */
function restoreOrder(node: Node): Node {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') copy[key] = value;
    else if (Array.isArray(value)) copy[key] = value.every(isNode) ? sortByLocation(value.map(restoreOrder)) : value;
    else copy[key] = isNode(value) ? restoreOrder(value) : value;
  }
  return copy as Node;
}

function sourcesOf(node: Node): string[] {
  const out: string[] = node.loc ? [node.loc.source.name] : [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) out.push(...sourcesOf(child));
  }
  return out;
}

// Nodes whose printed text is their source text, so an offset inside them carries over.
const VERBATIM = new Set(['Name', 'IntValue', 'FloatValue', 'BooleanValue', 'EnumValue', 'NullValue']);

/**
 * Where `offset` of a re-parsed printed definition is in the original source: the deepest node
 * there, found again by its path in the original (printing keeps the tree's shape).
 */
function mapOffset(printed: Node, original: Node, offset: number): { source: Source; offset: number } | null {
  let best: { source: Source; offset: number } | null = original.loc ? { source: original.loc.source, offset: original.loc.start } : null;
  let p: Node | undefined = printed;
  let o: Node | undefined = original;
  while (p && o) {
    if (o.loc && p.loc) {
      const inside = VERBATIM.has(p.kind) ? offset - p.loc.start : 0;
      best = { source: o.loc.source, offset: o.loc.start + inside };
    }
    let next: [Node, Node] | undefined;
    for (const [key, value] of Object.entries(p)) {
      if (key === 'loc') continue;
      const children = Array.isArray(value) ? value : [value];
      const other: unknown = o[key];
      const others: unknown[] = Array.isArray(other) ? other : [other];
      children.forEach((child, i) => {
        if (!next && isNode(child) && child.loc && child.loc.start <= offset && offset < child.loc.end && isNode(others[i])) next = [child, others[i] as Node];
      });
      if (next) break;
    }
    [p, o] = next ?? [undefined, undefined];
  }
  return best;
}
