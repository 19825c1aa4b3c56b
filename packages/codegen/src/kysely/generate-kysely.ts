import type { SchemaIR, TableIR } from '@wesley/ir';
import { CODEGEN_ERROR_CODES } from '../errors.js';
import { checkGeneratedNames, type GeneratedName } from '../typescript/type-catalog.js';
import { kyselyColumnType, type KyselyColumnType } from './column-type.js';
import { HELPER_DECLARATIONS, HELPER_DEPENDENCIES } from './helper-types.js';
import type { HelperName } from './runtime-type.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const HELPER_ORDER: readonly HelperName[] = ['JsonValue', 'JsonInput', 'PostgresInterval', 'PostgresPoint'];
const KYSELY_IMPORTS = ['ColumnType', 'Generated', 'GeneratedAlways'] as const;

const propertyKey = (name: string) => (IDENTIFIER.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
const docComment = (text: string | null, indent: string) =>
  text === null ? [] : [`${indent}/**`, ...text.replace(/\*\//g, '*\\/').split('\n').map((line) => `${indent} * ${line}`.trimEnd()), `${indent} */`];

/** The `DB` key of a table: bare for `public` (Kysely's default schema), `schema.table` otherwise. */
export function kyselyTableKey(table: Pick<TableIR, 'schema' | 'name'>): string {
  return table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
}

function tableInterface(table: TableIR, types: ReadonlyMap<string, KyselyColumnType>): string[] {
  const lines = [...docComment(table.comment, ''), `export interface ${table.graphqlName} {`];
  for (const column of table.columns) {
    const type = types.get(`${table.schema}.${table.name}.${column.name}`)!;
    lines.push(...docComment(column.comment, '  '));
    if (type.rawArray) lines.push('  // node-postgres has no parser for this array type: it returns the literal text (\'{a,b}\').');
    lines.push(`  ${propertyKey(column.name)}: ${type.type};`);
  }
  return [...lines, '}'];
}

/**
 * The Kysely database types of a schema (`db.ts`): one interface per table with the values
 * node-postgres returns by default, and the `DB` interface to pass to `new Kysely<DB>()`.
 */
export function generateKysely(ir: SchemaIR, header: readonly string[] = []): string {
  checkKyselyNames(ir);
  const types = new Map<string, KyselyColumnType>();
  for (const table of ir.tables) for (const column of table.columns) types.set(`${table.schema}.${table.name}.${column.name}`, kyselyColumnType(column, ir));
  const used = [...types.values()];
  const kysely = KYSELY_IMPORTS.filter((name) => used.some((t) => t.kysely.includes(name)));
  const helpers = new Set(used.flatMap((t) => t.helpers.flatMap((h) => [h, ...(HELPER_DEPENDENCIES[h] ? [HELPER_DEPENDENCIES[h]] : [])])));
  const enumNames = new Set(used.flatMap((t) => t.type.match(/\b[A-Za-z_$][\w$]*\b/g) ?? []));
  const sections: string[][] = [header.map((line) => `// ${line}`)];
  if (kysely.length > 0) sections.push([`import type { ${kysely.join(', ')} } from 'kysely';`]);
  for (const name of HELPER_ORDER) if (helpers.has(name)) sections.push([...HELPER_DECLARATIONS[name]]);
  for (const e of ir.enums) {
    if (enumNames.has(e.graphqlName)) sections.push([...docComment(e.comment, ''), `export type ${e.graphqlName} = ${e.values.map((v) => `'${v}'`).join(' | ')};`]);
  }
  for (const table of ir.tables) sections.push(tableInterface(table, types));
  sections.push(['export interface DB {', ...ir.tables.map((t) => `  ${propertyKey(kyselyTableKey(t))}: ${t.graphqlName};`), '}']);
  return `${sections.filter((s) => s.length > 0).map((s) => s.join('\n')).join('\n\n')}\n`;
}

/**
 * db.ts declares every table interface and enum union next to `DB`, the helper types and kysely's
 * imports. Those names are reserved whether or not this schema uses them, so that adding a JSON
 * column never turns a schema that generated into one that does not.
 */
function checkKyselyNames(ir: SchemaIR): void {
  const names: GeneratedName[] = [
    { name: 'DB', owner: 'the DB interface' },
    ...HELPER_ORDER.map((name) => ({ name, owner: 'the helper types of db.ts' })),
    ...KYSELY_IMPORTS.map((name) => ({ name, owner: "db.ts's imports from kysely" })),
    ...ir.enums.map((e) => ({ name: e.graphqlName, owner: e.graphqlName })),
    ...ir.tables.map((t) => ({ name: t.graphqlName, owner: t.graphqlName })),
  ];
  checkGeneratedNames(names, {
    code: CODEGEN_ERROR_CODES.kyselyNameClash,
    what: 'Kysely types',
    hint: (name, [, owner]) => `Rename the GraphQL type ${owner}: db.ts needs the name ${name} for itself (a table keeps its name with @table(name: "...")).`,
  });
}
