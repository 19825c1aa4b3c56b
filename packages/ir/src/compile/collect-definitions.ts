import {
  GraphQLError,
  Kind,
  Source,
  parse,
  type DirectiveDefinitionNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ScalarTypeDefinitionNode,
  type TypeDefinitionNode,
} from 'graphql';
import { DIRECTIVE_SUPPORT_TYPES, findDirectiveSpec } from '../directive-specs.js';
import type { Reporter } from './diagnostics.js';

/** One SDL file: its name (used in every location) and its text. */
export interface SchemaSource {
  readonly name: string;
  readonly text: string;
}

/** An object type with its `extend type` fields and directives merged in. */
export interface ObjectDefinition {
  readonly node: ObjectTypeDefinitionNode;
  readonly fields: readonly FieldDefinitionNode[];
  readonly directives: ObjectTypeDefinitionNode['directives'];
}

export interface Definitions {
  readonly objects: ReadonlyMap<string, ObjectDefinition>;
  readonly inputs: ReadonlyMap<string, InputObjectTypeDefinitionNode>;
  readonly enums: ReadonlyMap<string, EnumTypeDefinitionNode>;
  readonly scalars: ReadonlyMap<string, ScalarTypeDefinitionNode>;
  /** Interfaces and unions: relations may point at them; they never become tables. */
  readonly abstracts: ReadonlyMap<string, TypeDefinitionNode>;
  /** Declared directives that are not Wesley's: usages are ignored. */
  readonly foreignDirectives: ReadonlySet<string>;
}

/** Parses every source and gathers its definitions; syntax errors stop the compile. */
export function collectDefinitions(sources: readonly SchemaSource[], reporter: Reporter): Definitions | null {
  const objects = new Map<string, { node: ObjectTypeDefinitionNode; fields: FieldDefinitionNode[]; directives: NonNullable<ObjectTypeDefinitionNode['directives']>[number][] }>();
  const inputs = new Map<string, InputObjectTypeDefinitionNode>();
  const enums = new Map<string, EnumTypeDefinitionNode>();
  const scalars = new Map<string, ScalarTypeDefinitionNode>();
  const abstracts = new Map<string, TypeDefinitionNode>();
  const directives: DirectiveDefinitionNode[] = [];
  const seen = new Map<string, TypeDefinitionNode>();
  const extensions: Array<{ name: string; fields: readonly FieldDefinitionNode[]; directives: readonly NonNullable<ObjectTypeDefinitionNode['directives']>[number][]; node: { loc?: unknown } }> = [];

  // Sort by file name so the order files are given in never changes the result.
  const ordered = [...sources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const source of ordered) {
    let document;
    try {
      document = parse(new Source(source.text, source.name));
    } catch (error) {
      if (error instanceof RangeError) {
        reporter.error('WESLEY_IR_SYNTAX', 'The schema nests too deeply to read (lists or values inside each other thousands of levels deep).', { file: source.name, line: 1, column: 1 }, {
          expected: 'a schema nested a few levels deep',
          hint: 'Simplify the deeply nested type or value.',
        });
        continue;
      }
      if (!(error instanceof GraphQLError)) throw error;
      const loc = error.locations?.[0];
      reporter.error('WESLEY_IR_SYNTAX', error.message.replace(/^Syntax Error: /, 'GraphQL syntax error: '), loc ? { file: source.name, line: loc.line, column: loc.column } : { file: source.name, line: 1, column: 1 }, {
        expected: 'valid GraphQL SDL',
        hint: syntaxHint(error.message, source.text),
      });
      continue;
    }
    for (const def of document.definitions) {
      if ('name' in def && def.name && 'kind' in def && def.kind !== Kind.DIRECTIVE_DEFINITION && !def.kind.endsWith('Extension')) {
        const name = def.name.value;
        const before = seen.get(name);
        if (before) {
          const where = reporter.locate(before);
          reporter.error('WESLEY_IR_DUPLICATE_TYPE', `The type "${name}" is defined twice (first at ${where.file}:${where.line}:${where.column}).`, def.name, {
            expected: 'each type defined once',
            hint: `Rename one of them, or use "extend type ${name}" to add fields.`,
          });
          continue;
        }
        seen.set(name, def as TypeDefinitionNode);
      }
      switch (def.kind) {
        case Kind.OBJECT_TYPE_DEFINITION:
          objects.set(def.name.value, { node: def, fields: [...(def.fields ?? [])], directives: [...(def.directives ?? [])] });
          break;
        case Kind.OBJECT_TYPE_EXTENSION:
          extensions.push({ name: def.name.value, fields: def.fields ?? [], directives: def.directives ?? [], node: def });
          break;
        case Kind.INPUT_OBJECT_TYPE_DEFINITION:
          inputs.set(def.name.value, def);
          break;
        case Kind.ENUM_TYPE_DEFINITION:
          if (!DIRECTIVE_SUPPORT_TYPES.has(def.name.value)) enums.set(def.name.value, def);
          break;
        case Kind.SCALAR_TYPE_DEFINITION:
          if (!DIRECTIVE_SUPPORT_TYPES.has(def.name.value)) scalars.set(def.name.value, def);
          break;
        case Kind.INTERFACE_TYPE_DEFINITION:
        case Kind.UNION_TYPE_DEFINITION:
          abstracts.set(def.name.value, def);
          break;
        case Kind.DIRECTIVE_DEFINITION:
          directives.push(def);
          break;
        default:
          break;
      }
    }
  }
  if (reporter.errors.length) return null;

  for (const ext of extensions) {
    const target = objects.get(ext.name);
    if (!target) {
      reporter.error('WESLEY_IR_UNKNOWN_TYPE', `"extend type ${ext.name}" extends a type that is not defined.`, ext.node as never, {
        expected: 'an object type defined in the schema',
        hint: `Define "type ${ext.name} { ... }" or fix the name.`,
      });
      continue;
    }
    target.fields.push(...ext.fields);
    target.directives.push(...ext.directives);
  }

  const foreignDirectives = new Set(directives.map((d) => d.name.value).filter((n) => !findDirectiveSpec(n)));
  return { objects, inputs, enums, scalars, abstracts, foreignDirectives };
}

// Common ways people write SDL for other tools; point at what to do instead.
function syntaxHint(message: string, text: string): string {
  if (/@@/.test(text) && /Expected Name, found "@"|Unexpected "@"/.test(message)) {
    return 'Prisma-style "@@" attributes are not GraphQL: put directives on the type, e.g. `type T @unique(fields: ["a", "b"]) { ... }`.';
  }
  if (/Expected Name, found String|Expected Name, found Int/.test(message)) {
    return 'Directive arguments are named in GraphQL: write @weight(value: 9), not @weight(9).';
  }
  if (/Unterminated string/.test(message)) return 'Close the string with a matching quote, or use """ for multi-line strings.';
  return 'Fix the syntax at the location shown.';
}
