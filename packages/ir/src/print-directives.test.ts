import { readFileSync } from 'node:fs';
import { GraphQLEnumType, GraphQLList, GraphQLNonNull, GraphQLScalarType, buildASTSchema, parse } from 'graphql';
import type { GraphQLInputType } from 'graphql';
import { describe, expect, test } from 'vitest';
import { DIRECTIVE_SPECS, knownDirectiveNames } from './directive-specs.js';
import type { ArgKind, DirectiveSpec } from './directive-specs.js';
import { printDirectiveDefinitions } from './print-directives.js';

const printed = printDirectiveDefinitions();
const schema = buildASTSchema(parse(`${printed}\ntype Query { x: Int }\n`));

/** The GraphQL type an argument of this kind must have, as graphql-js prints it. */
function expectedType(kind: ArgKind): string {
  switch (kind.type) {
    case 'string':
      return 'String';
    case 'int':
      return 'Int';
    case 'boolean':
      return 'Boolean';
    case 'stringList':
      return '[String!]';
    case 'enum':
      return kind.graphqlType;
    case 'any':
      return 'WesleyValue';
  }
}

describe('printDirectiveDefinitions', () => {
  test('prints SDL that graphql-js builds into a schema', () => {
    expect(schema.getDirectives().length).toBeGreaterThan(DIRECTIVE_SPECS.length);
  });

  test('defines every canonical, legacy and wes_ name, and no wesley_ name', () => {
    const defined = new Set(schema.getDirectives().map((d) => d.name));
    const expected = knownDirectiveNames().filter((name) => !name.startsWith('wesley_'));
    for (const name of expected) expect(defined, `@${name}`).toContain(name);
    for (const spec of DIRECTIVE_SPECS) {
      expect(defined).toContain(spec.name);
      expect(defined).toContain(`wes_${spec.name}`);
      for (const legacy of spec.legacyNames ?? []) {
        expect(defined).toContain(legacy);
        expect(defined).toContain(`wes_${legacy}`);
      }
    }
    expect([...defined].filter((name) => name.startsWith('wesley_'))).toEqual([]);
  });

  test.each(DIRECTIVE_SPECS.map((spec) => [spec.name, spec] as const))('@%s matches its spec', (_name, spec) => {
    for (const name of [spec.name, ...(spec.legacyNames ?? []).flatMap((l) => [l, `wes_${l}`]), `wes_${spec.name}`]) {
      const directive = schema.getDirective(name)!;
      expect(directive.isRepeatable).toBe(spec.repeatable ?? false);
      expect([...directive.locations]).toEqual(spec.locations);
      expect(directive.description).toContain(spec.description);
      expect(directive.args.map((a) => a.name)).toEqual(Object.keys(spec.args));
      for (const arg of directive.args) {
        const argSpec = spec.args[arg.name]!;
        const type = arg.type as GraphQLInputType;
        expect(String(type)).toBe(`${expectedType(argSpec.kind)}${argSpec.required ? '!' : ''}`);
        expect(type instanceof GraphQLNonNull).toBe(argSpec.required ?? false);
        expect(arg.description).toBe(argSpec.description);
      }
    }
  });

  test('defines each enum with the spec values and the WesleyValue scalar, once', () => {
    const enumArgs = DIRECTIVE_SPECS.flatMap((spec) => Object.values(spec.args)).flatMap((a) => (a.kind.type === 'enum' ? [a.kind] : []));
    for (const kind of enumArgs) {
      const type = schema.getType(kind.graphqlType);
      expect(type).toBeInstanceOf(GraphQLEnumType);
      expect((type as GraphQLEnumType).getValues().map((v) => v.name)).toEqual(kind.values);
      expect(printed.split(`enum ${kind.graphqlType} {`)).toHaveLength(2);
    }
    expect(schema.getType('WesleyValue')).toBeInstanceOf(GraphQLScalarType);
    expect(printed.split('scalar WesleyValue')).toHaveLength(2);
    expect(String(schema.getDirective('index')!.args.find((a) => a.name === 'fields')!.type)).toBe('[String!]');
    expect(schema.getDirective('unique')!.args.find((a) => a.name === 'fields')!.type).toBeInstanceOf(GraphQLList);
  });

  test('is deterministic', () => {
    expect(printDirectiveDefinitions()).toBe(printed);
  });

  test('keeps descriptions intact that a one-line block string would break', () => {
    const tricky: DirectiveSpec = {
      name: 'quoted',
      locations: ['OBJECT'],
      description: 'Ends with "a quote"',
      args: { x: { kind: { type: 'string' }, description: 'Has """ inside\nand a second line.' } },
    };
    const built = buildASTSchema(parse(`${printDirectiveDefinitions([tricky])}\ntype Query { x: Int }\n`));
    expect(built.getDirective('quoted')!.description).toBe(tricky.description);
    expect(built.getDirective('quoted')!.args[0]!.description).toBe(tricky.args.x!.description);
  });

  test('packages/ir/directives.graphql is up to date', () => {
    const committed = readFileSync(new URL('../directives.graphql', import.meta.url), 'utf8');
    expect(
      committed === printed,
      'packages/ir/directives.graphql differs from printDirectiveDefinitions(). Regenerate it from the repository root with:\n' +
        '  pnpm exec tsx packages/ir/scripts/print-directives.ts > packages/ir/directives.graphql',
    ).toBe(true);
  });
});
