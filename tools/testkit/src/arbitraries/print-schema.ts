import type { CompositeModel, DefaultModel, EnumModel, FieldModel, JsonLiteral, RelationModel, RlsModel, SchemaModel, TableModel } from './schema-model.js';

// JSON string syntax is GraphQL string syntax for everything JSON.stringify emits (\" \\ \n \uXXXX).
const str = (text: string) => JSON.stringify(text);
const strList = (items: readonly string[]) => `[${items.map(str).join(', ')}]`;

function graphqlValue(value: JsonLiteral, bare: boolean): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => graphqlValue(v, bare)).join(', ')}]`;
  if (typeof value === 'object') {
    return `{ ${Object.entries(value as Record<string, JsonLiteral>).map(([k, v]) => `${k}: ${graphqlValue(v, false)}`).join(', ')} }`;
  }
  if (typeof value === 'string') return bare ? value : str(value);
  return String(value);
}

function printDefault(d: DefaultModel): string {
  return d.kind === 'expr' ? `@default(expr: ${str(d.sql)})` : `@default(value: ${graphqlValue(d.value, d.literal !== undefined)})`;
}

function args(entries: ReadonlyArray<[string, string | undefined]>): string {
  const present = entries.filter((e): e is [string, string] => e[1] !== undefined);
  return present.length ? `(${present.map(([k, v]) => `${k}: ${v}`).join(', ')})` : '';
}

function printField(f: FieldModel): string {
  const named = f.list ? `[${f.type.name}${f.list.itemNullable ? '' : '!'}]` : f.type.name;
  const parts = [`${f.name}: ${named}${f.nullable ? '' : '!'}`];
  if (f.pk) parts.push('@pk');
  if (f.identity) parts.push(`@identity(mode: ${f.identity})`);
  if (f.columnName !== undefined || f.columnType) parts.push(`@column${args([['name', f.columnName && str(f.columnName)], ['type', f.columnType && str(f.columnType)]])}`);
  if (f.default) parts.push(printDefault(f.default));
  if (f.generated) parts.push(`@generated(expr: ${str(f.generated)})`);
  if (f.unique) parts.push(`@unique${args([['where', f.unique.where && str(f.unique.where)]])}`);
  if (f.index) parts.push(`@index${args([['using', f.index.using], ['where', f.index.where && str(f.index.where)]])}`);
  if (f.fk) {
    const { table, field, onDelete, onUpdate, deferrable } = f.fk;
    parts.push(`@fk${args([['ref', str(`${table}.${field}`)], ['onDelete', onDelete], ['onUpdate', onUpdate], ['deferrable', deferrable ? 'true' : undefined]])}`);
  }
  if (f.check) parts.push(`@check(expr: ${str(f.check)})`);
  if (f.updatedAt) parts.push('@updatedAt');
  if (f.renamedFrom) parts.push(`@renamedFrom(name: ${str(f.renamedFrom)})`);
  if (f.deprecated) parts.push(`@deprecated(reason: ${str(f.deprecated)})`);
  if (f.cacheControl !== undefined) parts.push(`@cacheControl(maxAge: ${f.cacheControl})`);
  const line = `  ${parts.join(' ')}`;
  return f.description === undefined ? line : `  ${str(f.description)}\n${line}`;
}

function printRelation(r: RelationModel): string {
  const type = r.list ? `[${r.target}!]` : r.target;
  return `  ${r.name}: ${type}${r.nullable ? '' : '!'} @${r.kind}(ref: ${str(r.ref)})`;
}

function printComposite(directive: 'unique' | 'index', c: CompositeModel): string {
  return `@${directive}${args([['fields', strList(c.fields)], ['using', c.using], ['where', c.where && str(c.where)]])}`;
}

function printTable(t: TableModel, splitAt: number | undefined): string[] {
  const directives = [`@table${args([['name', t.sqlName && str(t.sqlName)], ['schema', t.schema && str(t.schema)]])}`];
  if (t.tenant) directives.push(`@tenant${args([['by', str(t.tenant.by)], ['claim', t.tenant.claim && str(t.tenant.claim)]])}`);
  if (t.rls) {
    const r = t.rls;
    const sql = (key: keyof RlsModel): [string, string | undefined] => {
      const value = r[key];
      return [key, value === undefined ? undefined : typeof value === 'string' ? str(value) : String(value)];
    };
    directives.push(`@rls${args([sql('using'), sql('check'), sql('select'), sql('insert'), sql('update'), sql('delete'), sql('enable'), sql('force')])}`);
  }
  if (t.renamedFrom) directives.push(`@renamedFrom(name: ${str(t.renamedFrom)})`);
  if (t.cacheControl !== undefined) directives.push(`@cacheControl(maxAge: ${t.cacheControl})`);
  if (t.partition) {
    directives.push(`@partition(by: ${t.partition.by}, key: ${strList(t.partition.key)})`);
    for (const p of t.partition.partitions) directives.push(`@partitionValues(name: ${str(p.name)}, bound: ${str(p.bound)})`);
  }
  for (const u of t.uniques) directives.push(printComposite('unique', u));
  for (const i of t.indexes) directives.push(printComposite('index', i));
  for (const c of t.checks) directives.push(`@check(expr: ${str(c)})`);
  const lines = [...t.fields.map(printField), ...t.relations.map(printRelation)];
  // `extend type` takes the fields from splitAt on and the type-level directives after @table.
  const k = splitAt === undefined ? lines.length : Math.max(1, Math.min(splitAt, lines.length - 1));
  const split = k < lines.length;
  const own = split ? directives.slice(0, 1) : directives;
  const head = `type ${t.name}\n${own.map((d) => `  ${d}`).join('\n')} {`;
  const body = `${head}\n${lines.slice(0, k).join('\n')}\n}`;
  const blocks = [t.description === undefined ? body : `${str(t.description)}\n${body}`];
  if (split) blocks.push(`extend type ${t.name}${directives.slice(1).map((d) => `\n  ${d}`).join('')} {\n${lines.slice(k).join('\n')}\n}`);
  return blocks;
}

function printEnum(e: EnumModel): string {
  const body = `enum ${e.name} {\n${e.values.map((v) => `  ${v}`).join('\n')}\n}`;
  return e.description === undefined ? body : `${str(e.description)}\n${body}`;
}

export interface PrintOptions {
  /**
   * For each table, where to split it: fields (and relations) from that index on go into a
   * separate `extend type` block along with the type-level directives other than @table.
   * undefined (or a table with one field) keeps the table in one block.
   */
  readonly splitTable?: (table: TableModel, index: number) => number | undefined;
}

/**
 * One SDL block per definition: the foreign directive's declaration, the enums, then each table
 * (one block, or two with `splitTable`).
 */
export function printSchemaBlocks(model: SchemaModel, options: PrintOptions = {}): string[] {
  return [
    ...(model.foreignDirective ? ['"""Belongs to another tool: Wesley ignores it."""\ndirective @cacheControl(maxAge: Int) on FIELD_DEFINITION | OBJECT'] : []),
    ...model.enums.map(printEnum),
    ...model.tables.flatMap((t, i) => printTable(t, options.splitTable?.(t, i))),
  ];
}

/** The model as one SDL document. */
export function printSchema(model: SchemaModel, options: PrintOptions = {}): string {
  return `${printSchemaBlocks(model, options).join('\n\n')}\n`;
}
