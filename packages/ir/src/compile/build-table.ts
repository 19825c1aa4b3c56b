import type { ConstDirectiveNode, ConstValueNode, FieldDefinitionNode } from 'graphql';
import { MAX_IDENTIFIER_BYTES, constraintName, didYouMean, isTooLong, snakeCase, truncateToBytes } from '../naming.js';
import { analyzeExpression } from '../sql/sql-expression.js';
import type { SourceLocation } from '../errors.js';
import type { CheckIR, ColumnIR, IndexIR, IndexMethod, PrimaryKeyIR, RelationIR, TableIR, UniqueIR } from '../types.js';
import type { ObjectDefinition } from './collect-definitions.js';
import { buildColumn } from './build-column.js';
import { analyze, categorize, typeRefOf, type CompileContext } from './context.js';
import { first, readDirectives, type DirectiveUse, type DirectiveUses } from './read-directives.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A @fk waiting for every table to exist before it can be resolved. */
export interface ForeignKeyRequest {
  readonly column: ColumnIR;
  readonly field: FieldDefinitionNode;
  readonly use: DirectiveUse;
}

/** A table under construction: the linking pass adds foreign keys and compiler-made indexes. */
export interface TableDraft {
  readonly table: Mutable<TableIR>;
  readonly definition: ObjectDefinition;
  readonly typeUses: DirectiveUses;
  readonly fkRequests: ForeignKeyRequest[];
  /** GraphQL field name -> column. */
  readonly columnsByField: ReadonlyMap<string, ColumnIR>;
  /** Some field carried @pk (even if it failed): no "no primary key" warning then. */
  pkAttempted: boolean;
}

const RELATION_DIRECTIVES = new Set(['hasMany', 'hasOne', 'belongsTo', 'renamedFrom']);
/** Every table has these hidden columns; a user column of the same name is refused. */
const SYSTEM_COLUMNS = new Set(['tableoid', 'xmin', 'cmin', 'xmax', 'cmax', 'ctid', 'oid']);

/** Finds a column by GraphQL field name or column name, reporting an unknown one. */
export function findColumn(
  draft: Pick<TableDraft, 'columnsByField' | 'table'>,
  name: string,
  at: ConstValueNode | ConstDirectiveNode,
  ctx: CompileContext,
  what: string,
  code: 'WESLEY_IR_UNKNOWN_FIELD' | 'WESLEY_IR_PARTITION_KEY_UNKNOWN' = 'WESLEY_IR_UNKNOWN_FIELD',
): ColumnIR | undefined {
  const column = draft.columnsByField.get(name) ?? draft.table.columns.find((c) => c.name === name);
  if (!column) {
    const element = at.kind === 'ListValue' ? at.values.find((v) => v.kind === 'StringValue' && v.value === name) ?? at : at;
    ctx.reporter.error(code, `${what} names "${name}", which is not a column field of ${draft.table.graphqlName}.`, element, {
      expected: `one of: ${[...draft.columnsByField.keys()].join(', ')}`,
      hint: didYouMean(name, [...draft.columnsByField.keys()]) ?? 'Name a scalar or enum field of this type.',
    });
  }
  return column;
}

function checkIdentifier(name: string, at: ConstValueNode | ConstDirectiveNode | FieldDefinitionNode['name'], what: string, ctx: CompileContext): void {
  if (isTooLong(name)) {
    ctx.reporter.error('WESLEY_IR_IDENTIFIER_TOO_LONG', `The ${what} name "${name}" is longer than 63 bytes; PostgreSQL would silently truncate it.`, at, {
      expected: 'an identifier of at most 63 bytes',
      hint: 'Give a shorter name with @table(name:) or @column(name:).',
    });
  }
}

/** Builds a table from an object type with @table: columns, keys, checks and indexes. */
export function buildTable(definition: ObjectDefinition, typeUses: DirectiveUses, ctx: CompileContext): TableDraft {
  const { reporter, options } = ctx;
  const typeName = definition.node.name.value;
  const tableUse = first(typeUses, 'table')!;
  const name = (tableUse.args.name as string | undefined) ?? snakeCase(typeName);
  const schema = (tableUse.args.schema as string | undefined) ?? options.defaultSchema;
  if (/^pg_/i.test(schema)) {
    reporter.error('WESLEY_IR_INVALID_ARGUMENT', `@table(schema: "${schema}"): schema names starting with pg_ are reserved for PostgreSQL.`, tableUse.argNodes.schema ?? tableUse.node, { expected: 'a schema name not starting with pg_', hint: 'Choose another schema name, e.g. "app".' });
  }
  checkIdentifier(name, tableUse.argNodes.name ?? definition.node.name, 'table', ctx);

  const columns: ColumnIR[] = [];
  const columnsByField = new Map<string, ColumnIR>();
  const relations: RelationIR[] = [];
  const uniques: UniqueIR[] = [];
  const indexes: IndexIR[] = [];
  const checks: CheckIR[] = [];
  const fkRequests: ForeignKeyRequest[] = [];
  const pkColumns: Array<{ column: ColumnIR; use: DirectiveUse }> = [];
  const fieldNames = new Set<string>();
  const references: ExpressionReference[] = [];
  let failedFields = 0;
  let pkAttempted = false;

  for (const field of definition.fields) {
    const where = `field "${typeName}.${field.name.value}"`;
    if (fieldNames.has(field.name.value)) {
      reporter.error('WESLEY_IR_DUPLICATE_FIELD', `The field "${field.name.value}" is defined twice on ${typeName}.`, field.name, { expected: 'unique field names', hint: 'Remove or rename one of them.' });
      continue;
    }
    fieldNames.add(field.name.value);
    const uses = readDirectives(field.directives, 'FIELD_DEFINITION', where, ctx.directives);
    if (uses.has('pk')) pkAttempted = true;
    const ref = typeRefOf(field.type);
    const named = ref.list ? ref.list.named : ref.named;
    const category = categorize(named, ctx.defs);
    if (category === 'object' || category === 'abstract') {
      for (const [directive, list] of uses) {
        if (!RELATION_DIRECTIVES.has(directive)) {
          reporter.error('WESLEY_IR_RELATION_DIRECTIVE', `@${directive} cannot stand on the relation field ${typeName}.${field.name.value} (type ${named}): relation fields have no column.`, list[0]!.node, {
            expected: 'a scalar field such as "userId: ID!" for the key',
            hint: `Put @${directive} on the key field (e.g. ${field.name.value}Id: ID! @fk(ref: "${named}.id")).`,
          });
        }
      }
      const kind = (['hasMany', 'hasOne', 'belongsTo'] as const).find((k) => uses.has(k)) ?? 'unspecified';
      relations.push({ field: field.name.value, target: named, type: ref, kind, location: reporter.locate(field.name) });
      continue;
    }
    for (const relationOnly of ['hasMany', 'hasOne', 'belongsTo'] as const) {
      const use = first(uses, relationOnly);
      if (use) {
        reporter.error('WESLEY_IR_RELATION_DIRECTIVE', `@${relationOnly} stands on ${typeName}.${field.name.value}, which is a column (${named}), not a relation.`, use.node, {
          expected: `@${relationOnly} on a field whose type is an object type`,
          hint: 'Remove it, or give the field the related object type.',
        });
      }
    }
    const column = buildColumn(field, ref, uses, typeName, ctx);
    if (!column) {
      failedFields++;
      continue;
    }
    const clash = columns.find((c) => c.name === column.name);
    if (clash) {
      reporter.error('WESLEY_IR_NAME_COLLISION', `The fields "${clash.graphqlName}" and "${column.graphqlName}" of ${typeName} both become the column "${column.name}".`, field.name, {
        expected: 'distinct column names',
        hint: `Rename one field or give it @column(name: "...").`,
      });
      continue;
    }
    checkIdentifier(column.name, first(uses, 'column')?.argNodes.name ?? field.name, 'column', ctx);
    if (SYSTEM_COLUMNS.has(column.name)) {
      reporter.error('WESLEY_IR_NAME_COLLISION', `The column "${column.name}" of ${typeName} has the name of a PostgreSQL system column.`, first(uses, 'column')?.argNodes.name ?? field.name, {
        expected: `a name other than ${[...SYSTEM_COLUMNS].join(', ')}`,
        hint: `Rename the field, or map it with @column(name: "${column.name}_value").`,
      });
    }
    columns.push(column);
    columnsByField.set(field.name.value, column);

    const pk = first(uses, 'pk');
    if (pk) {
      if (column.nullable) {
        reporter.error('WESLEY_IR_PK_NULLABLE', `The primary key field ${typeName}.${field.name.value} is nullable.`, field.type, {
          expected: `${field.type.kind === 'NamedType' ? `${field.type.name.value}!` : `${printType(field.type)}!`} (non-null)`,
          hint: 'Add "!" to the field type: primary key columns are NOT NULL.',
        });
      } else {
        pkColumns.push({ column, use: pk });
      }
    }
    for (const use of uses.get('unique') ?? []) {
      if (use.args.fields) fieldLevelFieldsError(use, 'unique', ctx);
      uniques.push({ kind: 'unique', name: (use.args.name as string) ?? constraintName(name, [column.name], 'key'), columns: [column.name], where: predicate(use, `@unique on ${where}`, ctx), location: reporter.locate(use.node) });
    }
    for (const use of uses.get('index') ?? []) {
      if (use.args.fields) fieldLevelFieldsError(use, 'index', ctx);
      indexes.push(indexFrom(use, name, [column.name], `@index on ${where}`, ctx, new Map([[column.name, column.type]])));
    }
    (uses.get('check') ?? []).forEach((use) => {
      checks.push(checkFrom(use, name, [column.name], checks, `@check on ${where}`, ctx));
      references.push({ use, arg: 'expr', what: `@check on ${where}` });
    });
    for (const directive of ['unique', 'index'] as const) {
      for (const use of uses.get(directive) ?? []) if (use.args.where) references.push({ use, arg: 'where', what: `@${directive}(where:) on ${where}` });
    }
    const generatedUse = first(uses, 'generated');
    if (generatedUse && column.generated) references.push({ use: generatedUse, arg: 'expr', what: `@generated on ${where}` });
    const fk = first(uses, 'fk');
    if (fk) fkRequests.push({ column, field, use: fk });
  }

  const draft: TableDraft = {
    table: {
      kind: 'table', schema, name, graphqlName: typeName, columns, primaryKey: null, uniques, indexes, foreignKeys: [], checks,
      partitioning: null, tenant: null, rls: null, relations,
      renamedFrom: (first(typeUses, 'renamedFrom')?.args.name as string | undefined) ?? null,
      comment: definition.node.description?.value.trim() || null,
      location: reporter.locate(definition.node.name),
    },
    definition, typeUses, fkRequests, columnsByField, pkAttempted: false,
  };

  draft.pkAttempted = pkAttempted;
  if (!columns.length && failedFields === 0) {
    reporter.error('WESLEY_IR_TABLE_WITHOUT_COLUMNS', `${typeName} is a @table but has no scalar or enum fields to become columns.`, definition.node.name, {
      expected: 'at least one scalar or enum field', hint: 'Add fields such as "id: ID! @pk", or remove @table.',
    });
  }
  const pkNames = [...new Set(pkColumns.map((p) => p.use.args.name as string | undefined).filter((n): n is string => n !== undefined))];
  if (pkNames.length > 1) {
    const second = pkColumns.find((p) => p.use.args.name === pkNames[1])!;
    reporter.error('WESLEY_IR_PK_CONFLICT', `The primary key of ${typeName} is given two names: "${pkNames[0]}" and "${pkNames[1]}".`, second.use.argNodes.name, {
      expected: 'one primary key name (a table has one primary key)',
      hint: `Name it once, on the first @pk field, e.g. @pk(name: "${pkNames[0]}"), and drop name: from the others.`,
    });
  }
  if (pkColumns.length) {
    const pkName = pkNames[0] ?? constraintName(name, [], 'pkey');
    draft.table.primaryKey = { name: pkName, columns: pkColumns.map((p) => p.column.name), location: reporter.locate(pkColumns[0]!.use.node) } satisfies PrimaryKeyIR;
  }
  for (const use of typeUses.get('unique') ?? []) {
    if (use.args.where) references.push({ use, arg: 'where', what: `@unique(where:) on ${typeName}` });
    const cols = typeLevelColumns(draft, use, 'unique', ctx);
    if (cols) uniques.push({ kind: 'unique', name: (use.args.name as string) ?? constraintName(name, cols, 'key'), columns: cols, where: predicate(use, `@unique on ${typeName}`, ctx), location: reporter.locate(use.node) });
  }
  // PostgreSQL silently skips a UNIQUE constraint that repeats the primary key in CREATE TABLE:
  // the IR must not promise a constraint the database will not have.
  const pk = draft.table.primaryKey;
  for (const unique of pk ? [...uniques] : []) {
    if (unique.where !== null || unique.columns.join('\0') !== pk!.columns.join('\0')) continue;
    uniques.splice(uniques.indexOf(unique), 1);
    reporter.warn('WESLEY_IR_UNIQUE_DUPLICATES_PK', `The unique constraint ${unique.name} on ${typeName} repeats the primary key ${pk!.name} (${pk!.columns.join(', ')}); it is left out.`, unique.location, 'Remove this @unique: the primary key already makes these columns unique.');
  }
  for (const use of typeUses.get('index') ?? []) {
    if (use.args.where) references.push({ use, arg: 'where', what: `@index(where:) on ${typeName}` });
    const cols = typeLevelColumns(draft, use, 'index', ctx);
    if (cols) indexes.push(indexFrom(use, name, cols, `@index on ${typeName}`, ctx, new Map(columns.map((c) => [c.name, c.type]))));
  }
  for (const use of typeUses.get('check') ?? []) {
    checks.push(checkFrom(use, name, [], checks, `@check on ${typeName}`, ctx));
    references.push({ use, arg: 'expr', what: `@check on ${typeName}` });
  }
  checkColumnReferences(draft, references, ctx);
  return draft;
}

interface ExpressionReference {
  readonly use: DirectiveUse;
  readonly arg: 'expr' | 'where';
  readonly what: string;
}

/**
 * Checks, predicates and generated columns are SQL over the table's columns: a name that is not a
 * column (often the camelCase GraphQL name instead of the snake_case column) fails at CREATE time.
 */
function checkColumnReferences(draft: TableDraft, references: readonly ExpressionReference[], ctx: CompileContext): void {
  const columnNames = new Set(draft.table.columns.map((c) => c.name));
  // Unquoted identifiers reach us lower-cased (priceCents -> pricecents): match fields that way too.
  const byLowerField = new Map([...draft.columnsByField].map(([field, column]) => [field.toLowerCase(), column]));
  for (const { use, arg, what } of references) {
    const outcome = analyzeExpression(String(use.args[arg]), arg === 'where' ? 'predicate' : 'check');
    if (!outcome.ok) continue; // already reported
    for (const ref of outcome.info.columns) {
      if (columnNames.has(ref)) continue;
      const byField = draft.columnsByField.get(ref) ?? byLowerField.get(ref.toLowerCase());
      ctx.reporter.error('WESLEY_IR_INVALID_EXPRESSION', `${what} refers to "${ref}", which is not a column of ${draft.table.name}.`, use.argNodes[arg], {
        expected: `columns of ${draft.table.name}: ${[...columnNames].join(', ')}`,
        hint: byField ? `SQL uses column names: write ${byField.name} instead of ${byField.graphqlName}.` : (didYouMean(ref, columnNames) ?? 'Use the snake_case column names of this table.'),
      });
    }
  }
}

function printType(node: FieldDefinitionNode['type']): string {
  if (node.kind === 'NonNullType') return `${printType(node.type)}!`;
  if (node.kind === 'ListType') return `[${printType(node.type)}]`;
  return node.name.value;
}

function fieldLevelFieldsError(use: DirectiveUse, directive: string, ctx: CompileContext): void {
  ctx.reporter.error('WESLEY_IR_INVALID_ARGUMENT', `@${directive}(fields:) belongs on the type; on a field, the field itself is the column.`, use.argNodes.fields, {
    expected: `@${directive} without fields on a field, or @${directive}(fields: [...]) on the type`,
    hint: `Move @${directive}(fields: ...) to the type for a composite ${directive === 'unique' ? 'key' : 'index'}.`,
  });
}

function typeLevelColumns(draft: TableDraft, use: DirectiveUse, directive: string, ctx: CompileContext): string[] | null {
  const fields = use.args.fields as string[] | undefined;
  if (!fields?.length) {
    ctx.reporter.error('WESLEY_IR_MISSING_ARGUMENT', `@${directive} on the type ${draft.table.graphqlName} needs "fields".`, use.node, { expected: 'fields: ["a", "b"]', hint: `List the fields, or put @${directive} on a single field.` });
    return null;
  }
  const columns = fields.map((f) => findColumn(draft, f, use.argNodes.fields!, ctx, `@${directive}(fields:)`));
  return columns.every(Boolean) ? columns.map((c) => c!.name) : null;
}

function predicate(use: DirectiveUse, what: string, ctx: CompileContext): string | null {
  const where = use.args.where as string | undefined;
  if (where === undefined) return null;
  const outcome = analyze(ctx, where, 'predicate');
  if (!outcome.ok) {
    ctx.reporter.error('WESLEY_IR_INVALID_EXPRESSION', `${what}: ${outcome.message}`, use.argNodes.where, { expected: outcome.expected, hint: 'Write a SQL condition such as "deleted_at IS NULL".' });
    return null;
  }
  return outcome.info.sql;
}

/** Why `method` cannot index a column of `type` without an extension's operator class, if it cannot. */
function methodProblem(method: IndexMethod, type: string): string | undefined {
  const isArray = type.endsWith('[]');
  const base = type.replace(/\[\]$/, '');
  switch (method) {
    case 'gin':
      return isArray || ['jsonb', 'tsvector', 'hstore'].includes(base) ? undefined : 'GIN indexes arrays, jsonb and tsvector';
    case 'gist':
      return ['tsvector', 'point', 'box', 'circle', 'polygon', 'inet', 'cidr'].includes(base) || /range$/.test(base) ? undefined : 'GiST indexes ranges, geometric types and tsvector (scalars need the btree_gist extension)';
    case 'brin':
      return isArray || ['boolean', 'jsonb', 'json', 'tsvector'].includes(base) || base.startsWith('"') ? 'BRIN indexes ordered scalars such as numbers, timestamps, dates, text and uuid' : undefined;
    case 'hash':
    case 'btree':
      return ['json', 'xml', 'point', 'box', 'polygon', 'circle'].includes(base) ? `${method.toUpperCase()} has no operator class for ${base}${base === 'json' ? ' (use JSON, which is jsonb)' : ''}` : undefined;
  }
}

function indexFrom(use: DirectiveUse, table: string, columns: string[], what: string, ctx: CompileContext, types: ReadonlyMap<string, string>): IndexIR {
  const method = ((use.args.using as string | undefined) ?? 'BTREE').toLowerCase() as IndexMethod;
  for (const column of columns) {
    const type = types.get(column);
    const problem = type ? methodProblem(method, type) : undefined;
    if (problem) {
      ctx.reporter.error('WESLEY_IR_INVALID_ARGUMENT', `${what}: a ${method.toUpperCase()} index cannot index "${column}" (${type}): ${problem}.`, use.argNodes.using ?? use.node, {
        expected: `an index method with an operator class for ${type}`,
        hint: method === 'btree' ? 'Change the column type, or index an expression in SQL yourself.' : 'Use the default BTREE (remove using:), or change the column type.',
      });
    }
  }
  return {
    kind: 'index',
    name: (use.args.name as string | undefined) ?? constraintName(table, columns, 'idx'),
    columns,
    method,
    unique: false,
    where: predicate(use, what, ctx),
    origin: 'declared',
    location: ctx.reporter.locate(use.node),
  };
}

function checkFrom(use: DirectiveUse, table: string, columns: string[], existing: readonly CheckIR[], what: string, ctx: CompileContext): CheckIR {
  const outcome = analyze(ctx, use.args.expr as string, 'check');
  if (!outcome.ok) {
    ctx.reporter.error('WESLEY_IR_INVALID_EXPRESSION', `${what}: ${outcome.message}`, use.argNodes.expr, { expected: outcome.expected, hint: 'Write a SQL condition over the columns, such as "price_cents >= 0".' });
  }
  // PostgreSQL's own naming: <table>_<column>_check, then _check1, _check2 ...
  let name = use.args.name as string | undefined;
  if (!name) {
    const stem = columns.length ? constraintName(table, columns, 'check') : constraintName(table, [], 'check');
    name = stem;
    for (let i = 1; existing.some((c) => c.name === name); i++) name = `${truncateToBytes(stem, MAX_IDENTIFIER_BYTES - String(i).length)}${i}`;
  }
  const location: SourceLocation = ctx.reporter.locate(use.node);
  return { kind: 'check', name, expression: outcome.ok ? outcome.info.sql : String(use.args.expr), location };
}
