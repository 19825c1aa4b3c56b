import type { FieldDefinitionNode } from 'graphql';
import { didYouMean, qualifiedName, snakeCase } from '../naming.js';
import { extensionsFor, functionVolatility, isKnownFunction } from '../sql/sql-expression.js';
import { EXTENSION_TYPES, parseSqlType } from '../sql/sql-type.js';
import { literalDefault, type LiteralTarget } from '../sql/literal-default.js';
import type { ColumnDefault, ColumnIR, GraphqlTypeRef, JsonValue } from '../types.js';
import { allTypeNames, analyze, categorize, namedTypeNode, scalarSqlType, type CompileContext } from './context.js';
import { first, type DirectiveUses } from './read-directives.js';

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint']);
const TIMESTAMP_TYPES = new Set(['timestamp with time zone', 'timestamp without time zone']);

interface ColumnType extends LiteralTarget {
  readonly enum?: { readonly schema: string; readonly name: string };
}

/** The PostgreSQL type of a scalar or enum field (with @column(type:) taking precedence). */
function columnType(field: FieldDefinitionNode, ref: GraphqlTypeRef, uses: DirectiveUses, where: string, ctx: CompileContext): ColumnType | null {
  const { reporter, defs, options } = ctx;
  const override = first(uses, 'column')?.args.type as string | undefined;
  if (ref.list?.list) {
    reporter.error('WESLEY_IR_UNSUPPORTED_TYPE', `${where} is a list of lists; PostgreSQL arrays do not keep nesting that a column could enforce.`, field.type, {
      expected: 'a scalar, an enum, or a list of them',
      hint: 'Store nested data in a JSON field, or use a child table.',
    });
    return null;
  }
  const array = ref.list !== undefined;
  if (override !== undefined) {
    const parsed = parseSqlType(override);
    if (!parsed.ok) {
      reporter.error('WESLEY_IR_INVALID_SQL_TYPE', `${where}: ${parsed.message}`, first(uses, 'column')!.argNodes.type, { expected: 'a PostgreSQL type', hint: parsed.hint });
      return null;
    }
    const t = parsed.type;
    const enumIr = t.userDefined ? [...ctx.enums.values()].find((e) => e.name === t.userDefined!.name && (t.userDefined!.schema ?? e.schema) === e.schema) : undefined;
    if (enumIr) {
      const base = qualifiedName(enumIr.schema, enumIr.name);
      return { base, rendered: t.array || array ? `${base}[]` : base, modifiers: [], array: t.array || array, enumValues: enumIr.values, enumName: enumIr.graphqlName, enum: { schema: enumIr.schema, name: enumIr.name } };
    }
    if (EXTENSION_TYPES[t.base]) ctx.extensions.add(EXTENSION_TYPES[t.base]!);
    const isArray = t.array || array;
    return { base: t.base, rendered: isArray && !t.array ? `${t.rendered}[]` : t.rendered, modifiers: t.modifiers, array: isArray };
  }
  const named = ref.list ? ref.list.named : ref.named;
  const enumIr = ctx.enums.get(named);
  if (enumIr) {
    const base = qualifiedName(enumIr.schema, enumIr.name);
    return { base, rendered: array ? `${base}[]` : base, modifiers: [], array, enumValues: enumIr.values, enumName: enumIr.graphqlName, enum: { schema: enumIr.schema, name: enumIr.name } };
  }
  const sql = scalarSqlType(named, options);
  if (!sql) {
    reporter.error('WESLEY_IR_UNMAPPED_SCALAR', `The custom scalar "${named}" (${where}) has no PostgreSQL type.`, namedTypeNode(field.type), {
      expected: `a mapping for ${named} in the config's scalars`,
      hint: `Give the field @column(type: "text") (or another PostgreSQL type), or map the scalar with the compile option scalars: { ${named}: { sql: 'text' } }.`,
    });
    return null;
  }
  const parsed = parseSqlType(sql);
  if (!parsed.ok) {
    reporter.error('WESLEY_IR_INVALID_SQL_TYPE', `The config maps the scalar "${named}" to "${sql}": ${parsed.message}`, namedTypeNode(field.type), { expected: 'a PostgreSQL type', hint: parsed.hint });
    return null;
  }
  return { base: parsed.type.base, rendered: array ? `${parsed.type.rendered}[]` : parsed.type.rendered, modifiers: parsed.type.modifiers, array };
}

function columnDefault(uses: DirectiveUses, type: ColumnType, where: string, ctx: CompileContext): ColumnDefault | null | undefined {
  const use = first(uses, 'default');
  if (!use) return null;
  const { reporter } = ctx;
  const hasValue = 'value' in use.args;
  const hasExpr = 'expr' in use.args;
  if (hasValue === hasExpr) {
    reporter.error('WESLEY_IR_DEFAULT_CONFLICT', `@default on ${where} needs exactly one of "value" or "expr".`, use.node, {
      expected: '@default(value: <literal>) or @default(expr: "<SQL>")',
      hint: 'Use value: for a literal such as "light" or 0, expr: for SQL such as "now()".',
    });
    return undefined;
  }
  if (hasExpr) {
    const outcome = analyze(ctx, use.args.expr as string, 'default');
    if (!outcome.ok) {
      reporter.error('WESLEY_IR_INVALID_EXPRESSION', `@default(expr:) on ${where}: ${outcome.message}`, use.argNodes.expr, { expected: outcome.expected, hint: 'Write a SQL expression such as "now()", "gen_random_uuid()" or "0".' });
      return undefined;
    }
    for (const ext of extensionsFor(outcome.info.functions)) ctx.extensions.add(ext);
    return { kind: 'expression', sql: outcome.info.sql, volatility: outcome.info.volatility };
  }
  const outcome = literalDefault(use.args.value as JsonValue, type);
  if (!outcome.ok) {
    const looksLikeSql = typeof use.args.value === 'string' && /\w\(.*\)$/.test(use.args.value);
    reporter.error('WESLEY_IR_INVALID_DEFAULT', `@default(value:) on ${where}: ${outcome.message}`, use.argNodes.value, {
      expected: outcome.expected,
      hint: outcome.hint ?? (looksLikeSql ? `For a SQL expression write @default(expr: ${JSON.stringify(use.args.value)}).` : `Give a literal of type ${type.rendered}.`),
    });
    return undefined;
  }
  return { kind: 'literal', value: outcome.value, sql: outcome.sql, volatility: 'constant' };
}

/** A column from a scalar or enum field, or null after reporting why it cannot be one. */
export function buildColumn(field: FieldDefinitionNode, ref: GraphqlTypeRef, uses: DirectiveUses, tableName: string, ctx: CompileContext): ColumnIR | null {
  const { reporter } = ctx;
  const where = `${tableName}.${field.name.value}`;
  const named = ref.list ? ref.list.named : ref.named;
  const category = categorize(named, ctx.defs);
  if (category === 'unknown') {
    reporter.error('WESLEY_IR_UNKNOWN_TYPE', `Unknown type "${named}" for field ${where}.`, namedTypeNode(field.type), {
      expected: 'a scalar, enum or type defined in the schema',
      hint: didYouMean(named, allTypeNames(ctx.defs)) ?? `Define it (e.g. "scalar ${named}" mapped in config, or "enum ${named} { ... }").`,
    });
    return null;
  }
  if (category === 'input') {
    reporter.error('WESLEY_IR_UNSUPPORTED_TYPE', `Field ${where} has the input type "${named}"; object types cannot contain input types.`, namedTypeNode(field.type), {
      expected: 'a scalar, enum or object type',
      hint: `Use a JSON field, or an object type instead of "input ${named}".`,
    });
    return null;
  }
  const type = columnType(field, ref, uses, where, ctx);
  if (!type) return null;
  const name = (first(uses, 'column')?.args.name as string | undefined) ?? snakeCase(field.name.value);
  const fallback = columnDefault(uses, type, where, ctx);
  if (fallback === undefined) return null;

  let identity: ColumnIR['identity'] = null;
  const identityUse = first(uses, 'identity');
  if (identityUse) {
    if (type.array || !INTEGER_TYPES.has(type.base)) {
      reporter.error('WESLEY_IR_IDENTITY_TYPE', `@identity on ${where} needs an integer column, not ${type.rendered}.`, identityUse.node, { expected: 'Int or BigInt (smallint, integer or bigint)', hint: 'Make the field Int! or BigInt!, or use @default(expr: "gen_random_uuid()") for uuid keys.' });
      return null;
    }
    if (ref.nullable) {
      reporter.error('WESLEY_IR_IDENTITY_TYPE', `@identity on ${where}: identity columns are always NOT NULL, but the field is nullable.`, field.type, { expected: `${named}!`, hint: `Make the field ${named}!.` });
      return null;
    }
    if (fallback) {
      reporter.error('WESLEY_IR_DEFAULT_CONFLICT', `${where} has both @identity and @default.`, identityUse.node, { expected: 'one of them', hint: 'An identity column generates its own values: remove @default.' });
      return null;
    }
    identity = identityUse.args.mode === 'BY_DEFAULT' ? 'by default' : 'always';
  }

  let generated: ColumnIR['generated'] = null;
  const generatedUse = first(uses, 'generated');
  if (generatedUse) {
    const outcome = analyze(ctx, generatedUse.args.expr as string, 'generated');
    if (!outcome.ok) {
      reporter.error('WESLEY_IR_INVALID_EXPRESSION', `@generated on ${where}: ${outcome.message}`, generatedUse.argNodes.expr, { expected: outcome.expected, hint: 'Write an immutable SQL expression over other columns, e.g. "lower(email)".' });
      return null;
    }
    if (fallback || identity) {
      reporter.error('WESLEY_IR_DEFAULT_CONFLICT', `${where} is @generated and also has a default or identity.`, generatedUse.node, { expected: 'only @generated', hint: 'A generated column computes its value: remove @default / @identity.' });
      return null;
    }
    const notImmutable = outcome.info.functions.filter((fn) => isKnownFunction(fn) && functionVolatility(fn) !== 'immutable');
    if (outcome.info.hasValueFunction) notImmutable.push('CURRENT_TIMESTAMP/CURRENT_DATE/CURRENT_USER');
    if (notImmutable.length) {
      reporter.error('WESLEY_IR_INVALID_EXPRESSION', `@generated on ${where} calls ${notImmutable.map((f) => (f.includes('/') ? f : `${f}()`)).join(', ')}, which ${notImmutable.length === 1 ? 'is' : 'are'} not immutable; PostgreSQL requires a generated column to depend only on the row.`, generatedUse.argNodes.expr, {
        expected: 'an immutable expression over columns of the same row',
        hint: 'Compute time- or random-dependent values in a default (@default(expr:)) or in the application.',
      });
      return null;
    }
    generated = { expression: outcome.info.sql };
    ctx.minimumServerVersion = Math.max(ctx.minimumServerVersion, 120000);
  }

  const updatedAt = first(uses, 'updatedAt');
  if (updatedAt && (type.array || !TIMESTAMP_TYPES.has(type.base))) {
    reporter.error('WESLEY_IR_UPDATED_AT_TYPE', `@updatedAt on ${where} needs a timestamp column, not ${type.rendered}.`, updatedAt.node, { expected: 'a DateTime field', hint: 'Make the field DateTime or DateTime!.' });
    return null;
  }

  const column: ColumnIR = {
    kind: 'column',
    name,
    graphqlName: field.name.value,
    type: type.rendered,
    graphqlType: ref,
    ...(type.enum ? { enum: type.enum } : {}),
    nullable: ref.nullable,
    default: fallback,
    identity,
    generated,
    updatedAt: Boolean(updatedAt),
    renamedFrom: (first(uses, 'renamedFrom')?.args.name as string | undefined) ?? null,
    comment: field.description?.value.trim() || null,
    location: reporter.locate(field.name),
  };
  return column;
}
