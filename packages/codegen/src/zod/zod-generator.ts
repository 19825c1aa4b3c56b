import type { ColumnIR, GraphqlTypeIR, SchemaIR, TableIR } from '@wesley/ir';
import { defineGenerator, type GeneratedFile, type GeneratorContext } from '../plugins/generator-plugin.js';
import { CODEGEN_ERROR_CODES } from '../errors.js';
import { checkGeneratedNames, type GeneratedName } from '../typescript/type-catalog.js';
import { translateChecks } from './check-refinements.js';
import { JSON_MODULE, zodExpression } from './zod-field.js';
import { fileCode, moduleCode, objectCode, type ZodProperty } from './zod-module.js';

/** Options of the `zod` generator. */
export interface ZodGeneratorOptions {
  /** Folder of the generated modules, relative to the output folder (default `zod`). */
  readonly dir?: string;
  /** Extension in relative import paths (default `.js`, for Node ESM). */
  readonly importExtension?: '.js' | '.ts' | '';
}

/** The built-in `zod` generator: Zod 4 schemas for every input type and every table's insert and update shapes. */
export const zodGenerator = defineGenerator<ZodGeneratorOptions>({
  name: 'zod',
  description: 'Zod 4 schemas for input types, enums and table insert/update shapes, one module per type',
  generate: (ir, context, options) => generateZod(ir, context, options),
});

/** The files of the `zod` generator (the function behind `zodGenerator`). */
export function generateZod(ir: SchemaIR, context: GeneratorContext, options: ZodGeneratorOptions = {}): GeneratedFile[] {
  const dir = (options.dir ?? 'zod').replace(/\/+$/, '');
  const extension = options.importExtension ?? '.js';
  const modules = new Map<string, string>();
  for (const e of ir.enums) {
    const values = e.values.map((v) => `'${v}'`).join(', ');
    modules.set(e.graphqlName, moduleCode(e.graphqlName, [`export const ${e.graphqlName}Schema = z.enum([${values}]);`], [], context, extension));
  }
  for (const type of ir.types) if (type.kind === 'input') modules.set(type.name, inputModule(type, ir, context, extension));
  for (const table of ir.tables) modules.set(table.graphqlName, tableModule(table, ir, context, extension));
  if ([...modules.values()].some((code) => code.includes('jsonValueSchema'))) {
    const body = ['/** Any JSON value (what a JSON column holds). */', 'export const jsonValueSchema = z.json();'];
    modules.set(JSON_MODULE, moduleCode(JSON_MODULE, body, [], context, extension));
  }
  checkGeneratedNames(zodNames(ir), { code: CODEGEN_ERROR_CODES.zodNameClash, what: 'Zod schemas' });
  const names = [...modules.keys()].sort();
  const barrel = fileCode(context, names.map((m) => `export * from './${m}${extension}';`));
  return [...names.map((m) => ({ path: `${dir}/${m}.ts`, contents: modules.get(m)! })), { path: `${dir}/index.ts`, contents: barrel }];
}

function inputModule(type: GraphqlTypeIR, ir: SchemaIR, context: GeneratorContext, extension: string): string {
  const properties = type.fields.map((f): ZodProperty => {
    const schema = zodExpression(f.type, ir);
    // A field with a default may be left out and parses to the default; a nullable one may be left out too (GraphQL input coercion).
    if (f.defaultValue !== undefined) return { key: f.name, schema: { ...schema, code: `${schema.code}.default(${JSON.stringify(f.defaultValue)})` } };
    return { key: f.name, schema: f.type.nullable ? { ...schema, code: `${schema.code}.optional()` } : schema };
  });
  const body = [
    ...docComment(type.comment),
    `export const ${type.name}Schema = ${objectCode(properties)};`,
    '',
    `export type ${type.name}Input = z.input<typeof ${type.name}Schema>;`,
  ];
  return moduleCode(type.name, body, properties.map((p) => p.schema), context, extension);
}

function tableModule(table: TableIR, ir: SchemaIR, context: GeneratorContext, extension: string): string {
  const name = table.graphqlName;
  // Identity ALWAYS and generated columns cannot be written at all.
  const writable = table.columns.filter((c) => c.identity !== 'always' && !c.generated);
  const checks = translateChecks(table, writable);
  const refined = (c: ColumnIR) => checks.refinements.get(c.name) ?? [];
  const insert = writable.map((c) => columnProperty(c, ir, c.nullable || c.default !== null || c.identity === 'by default', refined(c)));
  const update = writable.map((c) => columnProperty(c, ir, true, refined(c)));
  // Say which checks only the database enforces, so no schema silently claims more than it does.
  const notChecked = checks.untranslated.map(({ check, partly }) => `// ${partly ? 'only partly checked here' : 'not checked here'}: ${oneLine(check.expression)}`);
  const body = [
    ...docComment(table.comment),
    ...notChecked,
    `/** A row to insert into ${table.schema}.${table.name}: columns with defaults may be left out. */`,
    `export const ${name}InsertSchema = ${objectCode(insert)};`,
    '',
    `export type ${name}InsertInput = z.input<typeof ${name}InsertSchema>;`,
    '',
    `/** The changes of an update of ${table.schema}.${table.name}: every column is optional. */`,
    `export const ${name}UpdateSchema = ${objectCode(update)};`,
    '',
    `export type ${name}UpdateInput = z.input<typeof ${name}UpdateSchema>;`,
  ];
  return moduleCode(name, body, insert.map((p) => p.schema), context, extension);
}

function columnProperty(column: ColumnIR, ir: SchemaIR, optional: boolean, refinements: readonly string[]): ZodProperty {
  const schema = zodExpression({ ...column.graphqlType, nullable: false }, ir, column.type);
  // A CHECK passes on NULL: refine the value, then allow null.
  const code = `${schema.code}${refinements.join('')}${column.nullable ? '.nullable()' : ''}${optional ? '.optional()' : ''}`;
  return { key: column.graphqlName, schema: { ...schema, code } };
}

const oneLine = (sql: string) => sql.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');

/** Every name the zod modules export, with the module that declares it. */
function zodNames(ir: SchemaIR): GeneratedName[] {
  const names: GeneratedName[] = [];
  const add = (owner: string, exports: readonly string[]) => names.push(...exports.map((name) => ({ name, owner, file: owner })));
  for (const e of ir.enums) add(e.graphqlName, [`${e.graphqlName}Schema`]);
  for (const t of ir.types) if (t.kind === 'input') add(t.name, [`${t.name}Schema`, `${t.name}Input`]);
  for (const t of ir.tables) add(t.graphqlName, [`${t.graphqlName}InsertSchema`, `${t.graphqlName}InsertInput`, `${t.graphqlName}UpdateSchema`, `${t.graphqlName}UpdateInput`]);
  names.push({ name: 'jsonValueSchema', owner: 'the shared JSON schema', file: JSON_MODULE });
  return names;
}

function docComment(comment: string | null): string[] {
  if (!comment) return [];
  return ['/**', ...comment.split('\n').map((line) => ` * ${line.replace(/\*\//g, '*\\/')}`.trimEnd()), ' */'];
}
