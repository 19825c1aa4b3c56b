import { valueFromASTUntyped, type FieldDefinitionNode, type InputValueDefinitionNode } from 'graphql';
import type { WesleyErrorData } from './errors.js';
import { hashSchema } from './hash.js';
import { compareStrings, didYouMean, isRoleKeyword, isTooLong, snakeCase } from './naming.js';
import { BUILTIN_SCALARS, isBuiltinScalar } from './scalars.js';
import { loadSqlParser } from './sql/parse-sql.js';
import { IR_VERSION, type Diagnostic, type EnumIR, type FieldIR, type FunctionIR, type GraphqlTypeIR, type JsonValue, type RoleIR, type ScalarIR, type SchemaIR } from './types.js';
import { buildTable, type TableDraft } from './compile/build-table.js';
import { checkNamespaces, checkRenames } from './compile/check-names.js';
import { collectDefinitions, type SchemaSource } from './compile/collect-definitions.js';
import { allTypeNames, categorize, namedTypeNode, resolveOptions, scalarSqlType, typeRefOf, type CompileContext, type CompileOptions } from './compile/context.js';
import { Reporter } from './compile/diagnostics.js';
import { indexNames, linkForeignKeys } from './compile/link-foreign-keys.js';
import { applyPartitioning } from './compile/partitioning.js';
import { readDirectives } from './compile/read-directives.js';
import { applyTenancy } from './compile/tenancy.js';
import { JWT_CLAIM_FUNCTION, TOUCH_FUNCTION } from './helper-functions.js';

export type { SchemaSource } from './compile/collect-definitions.js';
export type { CompileOptions } from './compile/context.js';

/** The outcome of a compile: the IR and its hash, or every error found (never both). */
export type CompileResult =
  | { readonly ok: true; readonly ir: SchemaIR; readonly hash: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly errors: readonly WesleyErrorData[]; readonly diagnostics: readonly Diagnostic[] };

/** Compiles annotated SDL (one or more files) into the schema IR. Never throws on bad input. */
export async function compileSchema(sources: readonly SchemaSource[], options: CompileOptions = {}): Promise<CompileResult> {
  await loadSqlParser();
  try {
    return compileLoaded(sources, options);
  } catch (error) {
    // Pathologically deep input can exhaust the stack in graphql-js or in our tree walks.
    if (!(error instanceof RangeError)) throw error;
    const location = { file: sources[0]?.name ?? '<input>', line: 1, column: 1 };
    return { ok: false, errors: [{ code: 'WESLEY_IR_SYNTAX', message: 'The schema nests too deeply to compile.', location, expected: 'a schema nested a few levels deep', hint: 'Simplify the deeply nested type or value.' }], diagnostics: [] };
  }
}

function compileLoaded(sources: readonly SchemaSource[], options: CompileOptions): CompileResult {
  const reporter = new Reporter();
  const fail = (): CompileResult => ({ ok: false, errors: reporter.errors, diagnostics: reporter.diagnostics });
  if (!sources.length) {
    reporter.error('WESLEY_IR_NO_SOURCES', 'No schema files were given.', { file: '<input>', line: 1, column: 1 }, { expected: 'at least one .graphql file', hint: 'Pass --schema with a file, a folder or a glob that matches .graphql files.' });
    return fail();
  }
  const defs = collectDefinitions(sources, reporter);
  if (!defs) return fail();
  const resolved = resolveOptions(options);
  const enums = new Map<string, EnumIR>();
  const ctx: CompileContext = {
    reporter, defs, options: resolved, directives: { reporter, foreign: defs.foreignDirectives }, enums,
    extensions: new Set(), minimumServerVersion: 110000,
  };

  for (const [name, node] of defs.enums) {
    readDirectives(node.directives, 'OTHER', `enum ${name}`, ctx.directives);
    for (const value of node.values ?? []) readDirectives(value.directives, 'OTHER', `enum value ${name}.${value.name.value}`, ctx.directives);
    const labels = new Set<string>();
    for (const value of node.values ?? []) {
      const label = value.name.value;
      if (labels.has(label)) {
        reporter.error('WESLEY_IR_NAME_COLLISION', `The enum ${name} lists the value ${label} twice.`, value.name, { expected: 'distinct enum values', hint: `Remove the second ${label}.` });
      } else if (isTooLong(label)) {
        reporter.error('WESLEY_IR_IDENTIFIER_TOO_LONG', `The enum value ${name}.${label} is longer than 63 bytes; PostgreSQL rejects such enum labels.`, value.name, { expected: 'a label of at most 63 bytes', hint: 'Use a shorter value name.' });
      }
      labels.add(label);
    }
    if (isTooLong(snakeCase(name))) {
      reporter.error('WESLEY_IR_IDENTIFIER_TOO_LONG', `The enum type name "${snakeCase(name)}" is longer than 63 bytes; PostgreSQL would silently truncate it.`, node.name, { expected: 'a type name of at most 63 bytes', hint: 'Use a shorter enum name.' });
    }
    enums.set(name, {
      kind: 'enum', schema: resolved.defaultSchema, name: snakeCase(name), graphqlName: name,
      values: (node.values ?? []).map((v) => v.name.value), comment: node.description?.value.trim() || null, location: reporter.locate(node.name),
    });
  }
  for (const [name, node] of defs.scalars) readDirectives(node.directives, 'OTHER', `scalar ${name}`, ctx.directives);

  const drafts: TableDraft[] = [];
  const types: GraphqlTypeIR[] = [];
  for (const [name, definition] of defs.objects) {
    const typeUses = readDirectives(definition.directives, 'OBJECT', `type ${name}`, ctx.directives);
    if (typeUses.has('table')) {
      drafts.push(buildTable(definition, typeUses, ctx));
      continue;
    }
    for (const [directive, list] of typeUses) {
      ctx.reporter.error('WESLEY_IR_DIRECTIVE_LOCATION', `@${directive} on type ${name}, which is not a table.`, list[0]!.node, { expected: `@table on ${name} as well`, hint: `Add @table to ${name}, or remove @${directive}.` });
    }
    types.push(graphqlType('object', name, definition.node.description?.value, definition.fields, definition.node.name, ctx));
  }
  for (const [name, node] of defs.inputs) {
    readDirectives(node.directives, 'OTHER', `input ${name}`, ctx.directives);
    types.push(graphqlType('input', name, node.description?.value, node.fields ?? [], node.name, ctx));
  }

  // Compiler-made names (index suffixes 1, 2, ...) are handed out in this order: sort it, so the
  // order of type definitions and files never changes a name or the hash.
  drafts.sort((a, b) => compareStrings(`${a.table.schema}.${a.table.name}`, `${b.table.schema}.${b.table.name}`));
  for (const draft of drafts) applyPartitioning(draft, ctx);
  const names = indexNames(drafts);
  linkForeignKeys(drafts, names, ctx);
  let usesJwtClaim = false;
  for (const draft of drafts) usesJwtClaim = applyTenancy(draft, names, ctx).usesJwtClaim || usesJwtClaim;
  checkNamespaces(drafts, [...enums.values()], ctx);
  checkRenames(drafts, ctx);
  for (const { table, pkAttempted } of drafts) {
    if (!table.primaryKey && !pkAttempted) reporter.warn('WESLEY_IR_NO_PRIMARY_KEY', `Table ${table.graphqlName} has no primary key.`, table.location, 'Add @pk to a field: migrations backfill in key order, and replicas and drift checks need a key.');
  }
  if (reporter.errors.length) return fail();

  const tables = drafts.map((d) => d.table).sort((a, b) => compareStrings(`${a.schema}.${a.name}`, `${b.schema}.${b.name}`));
  const functions: FunctionIR[] = [];
  if (usesJwtClaim) functions.push(JWT_CLAIM_FUNCTION);
  if (tables.some((t) => t.columns.some((c) => c.updatedAt))) functions.push(TOUCH_FUNCTION);
  // The migrator role, then every role a policy is granted to: CREATE POLICY fails on a role that
  // does not exist, so the schema creates them (NOLOGIN, only when missing).
  const roles: RoleIR[] = tables.some((t) => t.rls) ? [{ name: resolved.migratorRole, bypassRls: true }] : [];
  for (const role of tables.flatMap((t) => t.rls?.policies.flatMap((p) => p.roles) ?? [])) {
    if (!isRoleKeyword(role) && !roles.some((r) => r.name === role)) roles.push({ name: role, bypassRls: false });
  }
  const schemaNames = new Set([...tables.map((t) => t.schema), ...[...enums.values()].map((e) => e.schema)]);
  const ir: SchemaIR = deepFreeze({
    version: IR_VERSION,
    schemas: [...schemaNames].sort((a, b) => (a === 'public' ? -1 : b === 'public' ? 1 : compareStrings(a, b))),
    extensions: [...ctx.extensions].sort(),
    enums: [...enums.values()].sort((a, b) => compareStrings(`${a.schema}.${a.name}`, `${b.schema}.${b.name}`)),
    tables,
    functions,
    roles,
    types: types.sort((a, b) => compareStrings(a.name, b.name)),
    scalars: scalarsOf(defs.scalars.keys(), resolved.scalars),
    minimumServerVersion: ctx.minimumServerVersion,
  });
  return { ok: true, ir, hash: hashSchema(ir), diagnostics: reporter.diagnostics };
}

function graphqlType(kind: 'object' | 'input', name: string, description: string | undefined, fields: readonly (FieldDefinitionNode | InputValueDefinitionNode)[], at: FieldDefinitionNode['name'], ctx: CompileContext): GraphqlTypeIR {
  const out: FieldIR[] = [];
  for (const field of fields) {
    readDirectives(field.directives, kind === 'object' ? 'NON_TABLE_FIELD' : 'OTHER', `field ${name}.${field.name.value}${kind === 'object' ? ` (${name} is not a @table)` : ''}`, ctx.directives);
    const ref = typeRefOf(field.type);
    const named = ref.list ? (ref.list.list?.named ?? ref.list.named) : ref.named;
    const category = categorize(named, ctx.defs);
    if (category === 'unknown') {
      ctx.reporter.error('WESLEY_IR_UNKNOWN_TYPE', `Unknown type "${named}" for field ${name}.${field.name.value}.`, namedTypeNode(field.type), {
        expected: 'a scalar, enum or type defined in the schema',
        hint: didYouMean(named, allTypeNames(ctx.defs)) ?? `Define it, e.g. "scalar ${named}" mapped in config.`,
      });
    } else if (category === 'scalar' && !scalarSqlType(named, ctx.options)) {
      ctx.reporter.error('WESLEY_IR_UNMAPPED_SCALAR', `The custom scalar "${named}" (field ${name}.${field.name.value}) has no mapping.`, namedTypeNode(field.type), {
        expected: `a mapping for ${named} in the config's scalars`,
        hint: `Map it in wesley.config: scalars: { ${named}: { sql: 'text', ts: 'string' } }.`,
      });
    }
    const defaultValue = 'defaultValue' in field && field.defaultValue ? { defaultValue: valueFromASTUntyped(field.defaultValue) as JsonValue } : {};
    out.push({ name: field.name.value, type: ref, ...defaultValue, comment: field.description?.value.trim() || null, location: ctx.reporter.locate(field.name) });
  }
  return { kind, name, fields: out, comment: description?.trim() || null, location: ctx.reporter.locate(at) };
}

function scalarsOf(declared: Iterable<string>, custom: CompileOptions['scalars'] = {}): ScalarIR[] {
  const names = new Set([...Object.keys(BUILTIN_SCALARS), ...declared, ...Object.keys(custom)]);
  return [...names].sort().flatMap((name): ScalarIR[] => {
    if (isBuiltinScalar(name)) return [{ name, sqlType: BUILTIN_SCALARS[name].sql, tsType: BUILTIN_SCALARS[name].ts, builtin: true }];
    const mapping = custom[name];
    return mapping ? [{ name, sqlType: mapping.sql, tsType: mapping.ts ?? 'string', builtin: false }] : [];
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
