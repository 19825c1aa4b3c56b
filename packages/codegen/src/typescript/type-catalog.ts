import { WesleyError, type GraphqlTypeRef, type SchemaIR } from '@wesley/ir';
import { CODEGEN_ERROR_CODES, type CodegenErrorCode } from '../errors.js';

/** What a GraphQL named type is, for the TypeScript generator. */
export type TypeEntry = { readonly kind: 'scalar'; readonly tsType: string } | { readonly kind: 'module' };

/** The named types of a schema: scalars map to their TypeScript type, the rest to their own module. */
export type TypeCatalog = ReadonlyMap<string, TypeEntry>;

/** The shared JSON value type: the one scalar type that lives in a module of its own. */
export const JSON_VALUE = 'JsonValue';

/** Indexes every named type a field can refer to. */
export function buildTypeCatalog(ir: SchemaIR): TypeCatalog {
  const catalog = new Map<string, TypeEntry>();
  for (const scalar of ir.scalars) catalog.set(scalar.name, { kind: 'scalar', tsType: scalar.tsType });
  const modules = [...ir.enums.map((e) => e.graphqlName), ...ir.tables.map((t) => t.graphqlName), ...ir.types.map((t) => t.name)];
  for (const name of modules) catalog.set(name, { kind: 'module' });
  return catalog;
}

/** The names a type expression needs imported: other modules and, maybe, JsonValue. */
export interface TypeRefs {
  readonly modules: Set<string>;
  json: boolean;
}

const SIMPLE = /^[A-Za-z_$][\w$]*$/;

/** The TypeScript type of a GraphQL type: `T | null` when nullable, `T[]` for lists. */
export function typeExpression(ref: GraphqlTypeRef, catalog: TypeCatalog, refs: TypeRefs, where: string): string {
  let inner: string;
  if (ref.list) {
    const element = typeExpression(ref.list, catalog, refs, where);
    inner = `${SIMPLE.test(element) ? element : `(${element})`}[]`;
  } else {
    inner = namedType(ref.named, catalog, refs, where);
  }
  return ref.nullable ? `${inner} | null` : inner;
}

function namedType(named: string, catalog: TypeCatalog, refs: TypeRefs, where: string): string {
  const entry = catalog.get(named);
  if (!entry) {
    throw new WesleyError({
      code: CODEGEN_ERROR_CODES.tsUnknownType,
      message: `${where} has type ${named}, which the IR does not define.`,
      hint: `Compile the schema with compileSchema so that every named type is in the IR, or add ${named} to ir.scalars.`,
    });
  }
  if (entry.kind === 'module') {
    refs.modules.add(named);
    return named;
  }
  if (new RegExp(`\\b${JSON_VALUE}\\b`).test(entry.tsType)) refs.json = true;
  return entry.tsType;
}

/** One name a generator exports, who it belongs to and, for one-module-per-type layouts, its file. */
export interface GeneratedName {
  readonly name: string;
  /** What declares it: a GraphQL type's name, or a description (`the DB interface`). */
  readonly owner: string;
  /** The module file (without extension) that declares it, when each owner has its own file. */
  readonly file?: string;
}

/** How a generator reports a clash. */
export interface NameClash {
  readonly code: CodegenErrorCode;
  /** What the names are, in the message: `TypeScript types`, `Zod schemas`. */
  readonly what: string;
  readonly hint?: (name: string, owners: readonly [string, string]) => string;
}

/**
 * Throws when two generated exports have one name (a barrel or a file cannot hold both), or two
 * module files differ only in case (they clash on case-insensitive file systems). Shared by the
 * ts, zod and kysely generators.
 */
export function checkGeneratedNames(names: readonly GeneratedName[], clash: NameClash): void {
  const owners = new Map<string, string>();
  const files = new Map<string, string>();
  for (const { name, owner, file } of names) {
    const key = file?.toLowerCase();
    const fileOwner = key === undefined ? undefined : files.get(key);
    const other = owners.get(name) ?? (fileOwner !== undefined && fileOwner !== owner ? fileOwner : undefined);
    if (other !== undefined) {
      throw new WesleyError({
        code: clash.code,
        message: `The ${clash.what} of ${other} and ${owner} clash on the name ${name}${file === undefined ? '' : ' (module files that differ only in case clash on some file systems)'}.`,
        hint: clash.hint?.(name, [other, owner]) ?? `Rename one of the GraphQL types so that ${name} is generated once.`,
        details: { name, modules: [other, owner] },
      });
    }
    owners.set(name, owner);
    if (key !== undefined) files.set(key, owner);
  }
}
