import { Kind, valueFromASTUntyped, type ConstDirectiveNode, type ConstValueNode } from 'graphql';
import { didYouMean, isTooLong, suggest } from '../naming.js';
import type { JsonValue } from '../types.js';
import { ALIAS_PREFIXES, DIRECTIVE_SPECS, GRAPHQL_BUILTIN_DIRECTIVES, findDirectiveSpec, type ArgSpec, type DirectiveLocationName, type DirectiveSpec } from '../directive-specs.js';
import type { Reporter } from './diagnostics.js';

export type ArgValue = string | number | boolean | readonly string[] | JsonValue;

/** One use of one of our directives, with its arguments converted and checked. */
export interface DirectiveUse {
  readonly spec: DirectiveSpec;
  readonly node: ConstDirectiveNode;
  readonly args: Readonly<Record<string, ArgValue>>;
  readonly argNodes: Readonly<Record<string, ConstValueNode>>;
}

/** Our directives on one element, by canonical name. */
export type DirectiveUses = ReadonlyMap<string, readonly DirectiveUse[]>;

export interface DirectiveContext {
  readonly reporter: Reporter;
  /** Directives the SDL declares itself that are not ours: they belong to other tools. */
  readonly foreign: ReadonlySet<string>;
}

const describeKind = (arg: ArgSpec): string => {
  switch (arg.kind.type) {
    case 'string': return 'a string';
    case 'int': return 'an integer';
    case 'boolean': return 'true or false';
    case 'stringList': return 'a list of strings such as ["a", "b"]';
    case 'enum': return `one of ${arg.kind.values.join(', ')}`;
    case 'any': return 'a value';
  }
};

function convert(arg: ArgSpec, node: ConstValueNode): ArgValue | undefined {
  switch (arg.kind.type) {
    case 'string':
      return node.kind === Kind.STRING ? node.value : undefined;
    case 'int':
      return node.kind === Kind.INT ? Number(node.value) : undefined;
    case 'boolean':
      return node.kind === Kind.BOOLEAN ? node.value : undefined;
    case 'stringList':
      if (node.kind === Kind.STRING) return [node.value];
      if (node.kind === Kind.LIST && node.values.every((v) => v.kind === Kind.STRING)) {
        return node.values.map((v) => (v as { value: string }).value);
      }
      return undefined;
    case 'enum': {
      if (node.kind !== Kind.ENUM && node.kind !== Kind.STRING) return undefined;
      const wanted = node.value.trim().toUpperCase().replace(/\s+/g, '_');
      return arg.kind.values.find((v) => v === wanted);
    }
    case 'any':
      return exactValue(node);
  }
}

/**
 * Reads the directives on one element: our own (by any alias) are validated against their spec;
 * directives the SDL declares itself are ignored; anything else is an error with a suggestion.
 */
export function readDirectives(
  nodes: readonly ConstDirectiveNode[] | undefined,
  location: DirectiveLocationName | 'NON_TABLE_FIELD' | 'OTHER',
  what: string,
  ctx: DirectiveContext,
): DirectiveUses {
  const uses = new Map<string, DirectiveUse[]>();
  for (const node of nodes ?? []) {
    const name = node.name.value;
    const spec = findDirectiveSpec(name);
    if (!spec) {
      if (ctx.foreign.has(name) || GRAPHQL_BUILTIN_DIRECTIVES.has(name)) continue;
      ctx.reporter.error('WESLEY_IR_UNKNOWN_DIRECTIVE', `Unknown directive "@${name}" on ${what}.`, node, {
        expected: 'a Wesley directive, or a directive this schema declares',
        hint: suggestDirective(name) ?? `If @${name} belongs to another tool, declare it (directive @${name} on ${location === 'OTHER' ? 'FIELD_DEFINITION' : location}) so Wesley ignores it; otherwise remove it.`,
      });
      continue;
    }
    if (location === 'OTHER' || location === 'NON_TABLE_FIELD' || !spec.locations.includes(location)) {
      const places = spec.locations.map((l) => (l === 'OBJECT' ? 'a type' : 'a field of a @table type')).join(' or ');
      ctx.reporter.error('WESLEY_IR_DIRECTIVE_LOCATION', `@${name} cannot be used on ${what}.`, node, {
        expected: `@${name} on ${places}`,
        hint: location === 'NON_TABLE_FIELD' && spec.locations.includes('FIELD_DEFINITION') ? `Add @table to the type, or remove @${name}.` : `Move @${name} to ${places}, or remove it.`,
      });
      continue;
    }
    const previous = uses.get(spec.name);
    if (previous && !spec.repeatable) {
      ctx.reporter.error('WESLEY_IR_DUPLICATE_DIRECTIVE', `@${spec.name} is used more than once on ${what}.`, node, {
        expected: `@${spec.name} at most once here`,
        hint: 'Remove the repeated directive (aliases such as @wes_' + spec.name + ' count as the same directive).',
      });
      continue;
    }
    const args: Record<string, ArgValue> = {};
    const argNodes: Record<string, ConstValueNode> = {};
    const meant = new Set<string>();
    for (const argNode of node.arguments ?? []) {
      const argName = argNode.name.value;
      const argSpec = spec.args[argName];
      if (!argSpec) {
        const suggestion = suggest(argName, Object.keys(spec.args), 1)[0];
        if (suggestion) meant.add(suggestion);
        ctx.reporter.error('WESLEY_IR_UNKNOWN_ARGUMENT', `@${name} has no argument "${argName}".`, argNode.name, {
          expected: Object.keys(spec.args).length ? `one of: ${Object.keys(spec.args).join(', ')}` : 'no arguments',
          hint: suggestion ? `Did you mean "${suggestion}"?` : `Remove "${argName}".`,
        });
        continue;
      }
      const value = convert(argSpec, argNode.value);
      if (containsNul(value)) {
        ctx.reporter.error('WESLEY_IR_INVALID_ARGUMENT', `@${name}(${argName}:) contains a NUL character (\\u0000), which PostgreSQL cannot store or run.`, argNode.value, { expected: 'text without \\u0000', hint: 'Remove the \\u0000 escape.' });
        continue;
      }
      if (value === undefined || (typeof value === 'string' && argSpec.kind.type === 'string' && !value.trim())) {
        const enumHint = argSpec.kind.type === 'enum' && (argNode.value.kind === Kind.ENUM || argNode.value.kind === Kind.STRING)
          ? didYouMean(argNode.value.value, argSpec.kind.values, (v) => v)
          : undefined;
        ctx.reporter.error('WESLEY_IR_INVALID_ARGUMENT', `@${name}(${argName}:) does not accept ${value === '' || (typeof value === 'string' && !value.trim()) ? 'an empty string' : 'this value'}.`, argNode.value, {
          expected: describeKind(argSpec) + (argSpec.kind.type === 'string' ? ' (not empty)' : ''),
          hint: enumHint ?? (argSpec.kind.type === 'enum' ? `Write for example ${argName}: ${argSpec.kind.values[0]}.` : `Give ${argName} ${describeKind(argSpec)}${argSpec.kind.type === 'string' ? ' that is not empty' : ''}.`),
        });
        continue;
      }
      if ((argName === 'name' || argName === 'schema') && typeof value === 'string' && isTooLong(value)) {
        ctx.reporter.error('WESLEY_IR_IDENTIFIER_TOO_LONG', `@${name}(${argName}: "${value}") is longer than 63 bytes; PostgreSQL would silently truncate it.`, argNode.value, {
          expected: 'an identifier of at most 63 bytes',
          hint: `Choose a shorter ${argName}.`,
        });
        continue;
      }
      args[argName] = value;
      argNodes[argName] = argNode.value;
    }
    let complete = true;
    for (const [argName, argSpec] of Object.entries(spec.args)) {
      const given = (node.arguments ?? []).some((a) => a.name.value === argName);
      if (argSpec.required && !given) {
        complete = false;
        // A misspelt required argument was already reported as unknown, with this suggestion.
        if (meant.has(argName)) continue;
        ctx.reporter.error('WESLEY_IR_MISSING_ARGUMENT', `@${name} needs the argument "${argName}".`, node, {
          expected: `${argName}: ${describeKind(argSpec)}`,
          hint: `Add ${argName}: ${argSpec.description.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}.`,
        });
      } else if (argSpec.required && !(argName in args)) {
        complete = false; // given, but invalid: already reported
      }
    }
    // Without a required argument the directive means nothing; with a bad optional one it still
    // applies (so one typo does not cascade into errors about everything that depends on it).
    if (!complete) continue;
    uses.set(spec.name, [...(previous ?? []), { spec, node, args, argNodes }]);
  }
  return uses;
}

/** The first use of a directive, if any. */
export function first(uses: DirectiveUses, name: string): DirectiveUse | undefined {
  return uses.get(name)?.[0];
}

/** "Did you mean @x?" over the documented names: canonical, legacy and `wes_` aliases, one per directive. */
function suggestDirective(name: string): string | undefined {
  const prefix = ALIAS_PREFIXES.find((p) => name.startsWith(p)) ?? '';
  const bare = name.slice(prefix.length);
  const candidates = DIRECTIVE_SPECS.flatMap((s) => [s.name, ...(s.legacyNames ?? [])]);
  const found = suggest(bare, candidates, 3);
  if (!found.length) return undefined;
  const names = [...new Set(found.map((f) => `@${prefix === 'wesley_' ? 'wes_' : prefix}${f}`))];
  return `Did you mean ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`}?`;
}

/**
 * A GraphQL literal as JSON, keeping numbers exact: graphql-js parses Int/Float with parseInt /
 * parseFloat, which rounds 9007199254740993 and long decimals. A number that would lose digits
 * stays the string it was written as (literal checks accept numeric strings).
 */
function exactValue(node: ConstValueNode): JsonValue {
  switch (node.kind) {
    case Kind.INT:
    case Kind.FLOAT: {
      const n = Number(node.value);
      return String(n) === node.value ? n : node.value;
    }
    case Kind.LIST:
      return node.values.map(exactValue);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, exactValue(f.value)]));
    default:
      return valueFromASTUntyped(node) as JsonValue;
  }
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}
