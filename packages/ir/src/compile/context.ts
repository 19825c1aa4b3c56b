import { Kind, type TypeNode } from 'graphql';
import { BUILTIN_SCALARS, isBuiltinScalar, type CustomScalarConfig } from '../scalars.js';
import { analyzeExpression, type ExpressionContext, type ExpressionOutcome } from '../sql/sql-expression.js';
import type { EnumIR, GraphqlTypeRef } from '../types.js';
import type { Definitions } from './collect-definitions.js';
import type { Reporter } from './diagnostics.js';
import type { DirectiveContext } from './read-directives.js';

/** Options of a compile (from config). */
export interface CompileOptions {
  /** Custom scalars: GraphQL name -> PostgreSQL type (and TypeScript/Zod for generators). */
  readonly scalars?: Readonly<Record<string, CustomScalarConfig>>;
  /** Schema for tables and enums without @table(schema:) (default "public"). */
  readonly defaultSchema?: string;
  /** JWT claim @tenant compares with when the directive names none (default "org_id"). */
  readonly tenantClaim?: string;
  /** Role with BYPASSRLS that migrations and backfills run as (default "wesley_migrator"). */
  readonly migratorRole?: string;
}

export interface ResolvedOptions {
  readonly scalars: Readonly<Record<string, CustomScalarConfig>>;
  readonly defaultSchema: string;
  readonly tenantClaim: string;
  readonly migratorRole: string;
}

export interface CompileContext {
  readonly reporter: Reporter;
  readonly defs: Definitions;
  readonly options: ResolvedOptions;
  readonly directives: DirectiveContext;
  readonly enums: ReadonlyMap<string, EnumIR>;
  /** Extensions the generated SQL must create. */
  readonly extensions: Set<string>;
  /** Raised by features that need a newer server (generated columns: 120000). */
  minimumServerVersion: number;
}

export function resolveOptions(options: CompileOptions = {}): ResolvedOptions {
  return {
    scalars: options.scalars ?? {},
    defaultSchema: options.defaultSchema ?? 'public',
    tenantClaim: options.tenantClaim ?? 'org_id',
    migratorRole: options.migratorRole ?? 'wesley_migrator',
  };
}

/** The GraphQL shape of a type node (`[String!]!` -> list of non-null String, non-null). */
export function typeRefOf(node: TypeNode, nullable = true): GraphqlTypeRef {
  if (node.kind === Kind.NON_NULL_TYPE) return typeRefOf(node.type, false);
  if (node.kind === Kind.LIST_TYPE) return { named: namedTypeOf(node), nullable, list: typeRefOf(node.type) };
  return { named: node.name.value, nullable };
}

export function namedTypeOf(node: TypeNode): string {
  return node.kind === Kind.NAMED_TYPE ? node.name.value : namedTypeOf(node.type);
}

/** The innermost named-type node, for locating type errors precisely. */
export function namedTypeNode(node: TypeNode): TypeNode {
  return node.kind === Kind.NAMED_TYPE ? node : namedTypeNode(node.type);
}

export type TypeCategory = 'scalar' | 'enum' | 'object' | 'input' | 'abstract' | 'unknown';

/** What a named type is in this schema (built-in scalars need no declaration). */
export function categorize(name: string, defs: Definitions): TypeCategory {
  if (isBuiltinScalar(name) || defs.scalars.has(name)) return 'scalar';
  if (defs.enums.has(name)) return 'enum';
  if (defs.objects.has(name)) return 'object';
  if (defs.inputs.has(name)) return 'input';
  if (defs.abstracts.has(name)) return 'abstract';
  return 'unknown';
}

/** Every type name a field may use, for "did you mean" suggestions. */
export function allTypeNames(defs: Definitions): string[] {
  return [...Object.keys(BUILTIN_SCALARS), ...defs.scalars.keys(), ...defs.enums.keys(), ...defs.objects.keys(), ...defs.inputs.keys(), ...defs.abstracts.keys()];
}

/** The PostgreSQL type of a scalar, or undefined for a custom scalar that config does not map. */
export function scalarSqlType(name: string, options: ResolvedOptions): string | undefined {
  if (isBuiltinScalar(name)) return BUILTIN_SCALARS[name].sql;
  return options.scalars[name]?.sql;
}

/** analyzeExpression, raising the schema's minimum server version for newer syntax it uses. */
export function analyze(ctx: CompileContext, text: string, context: ExpressionContext): ExpressionOutcome {
  const outcome = analyzeExpression(text, context);
  if (outcome.ok) ctx.minimumServerVersion = Math.max(ctx.minimumServerVersion, outcome.info.minimumServerVersion);
  return outcome;
}
