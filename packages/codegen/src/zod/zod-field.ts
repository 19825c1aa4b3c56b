import { BUILTIN_SCALARS, isBuiltinScalar, type GraphqlTypeRef, type SchemaIR } from '@wesley/ir';

/** The module that defines the shared JSON value schema (a name no GraphQL type can have). */
export const JSON_MODULE = 'json-value';

/** A Zod expression and the generated modules it reads. */
export interface ZodExpression {
  readonly code: string;
  /** Modules (by name, without extension) whose exports the expression uses. */
  readonly modules: readonly string[];
  /** Reads another input type's schema: must sit in a getter so recursion and import cycles work. */
  readonly lazy: boolean;
}

// Custom scalars only carry a TypeScript type; these are the ones whose Zod schema is obvious.
const CUSTOM_BY_TS: Readonly<Record<string, string>> = { string: 'z.string()', number: 'z.number()', boolean: 'z.boolean()' };

const CHARACTER_TYPE = /^(?:character varying|varchar|character|char|bpchar)\((\d+)\)(?:\[\])*$/;

/**
 * The Zod schema of a GraphQL type reference. `sqlType` is the column's PostgreSQL type, when the
 * field is a column: it narrows strings to the column's length and IDs stored as text to strings.
 */
export function zodExpression(ref: GraphqlTypeRef, ir: SchemaIR, sqlType?: string): ZodExpression {
  const inner = ref.list ? zodExpression(ref.list, ir, sqlType) : namedExpression(ref.named, ir, sqlType);
  const code = ref.list ? `z.array(${inner.code})` : inner.code;
  return { ...inner, code: ref.nullable ? `${code}.nullable()` : code };
}

function namedExpression(named: string, ir: SchemaIR, sqlType: string | undefined): ZodExpression {
  if (ir.enums.some((e) => e.graphqlName === named)) return { code: `${named}Schema`, modules: [named], lazy: false };
  if (ir.types.some((t) => t.kind === 'input' && t.name === named)) return { code: `${named}Schema`, modules: [named], lazy: true };
  if (named === 'JSON') return { code: 'jsonValueSchema', modules: [JSON_MODULE], lazy: false };
  return { code: scalarCode(named, ir, sqlType), modules: [], lazy: false };
}

function scalarCode(named: string, ir: SchemaIR, sqlType: string | undefined): string {
  const length = sqlType ? CHARACTER_TYPE.exec(sqlType)?.[1] : undefined;
  const isText = named === 'String' || (named === 'ID' && sqlType !== undefined && sqlType.replace(/(\[\])+$/, '') !== 'uuid');
  if (isText) return length ? `z.string().max(${length})` : 'z.string()';
  if (isBuiltinScalar(named)) return BUILTIN_SCALARS[named].zod;
  const custom = ir.scalars.find((s) => s.name === named);
  return (custom && CUSTOM_BY_TS[custom.tsType]) ?? 'z.unknown()';
}
