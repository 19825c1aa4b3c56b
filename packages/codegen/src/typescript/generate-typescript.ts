import type { SchemaIR } from '@wesley/ir';
import type { GeneratedFile, GeneratorContext } from '../plugins/generator-plugin.js';
import { enumBlocks } from './enum-module.js';
import { graphqlTypeBlocks } from './object-module.js';
import { compareNames, renderFile, renderTypeModule } from './render-module.js';
import { tableBlocks } from './table-module.js';
import { buildTypeCatalog, checkGeneratedNames, JSON_VALUE, type TypeRefs } from './type-catalog.js';
import { CODEGEN_ERROR_CODES } from '../errors.js';

/** Options of the `ts` generator. */
export interface TypescriptOptions {
  /** The extension of relative import paths: `.js` (Node ESM, the default), `.ts`, or none (bundlers). */
  readonly importExtension?: '.js' | '.ts' | '';
  /** The folder every file goes in, relative to the output folder (default `ts`; `''` for none). */
  readonly dir?: string;
}

interface TypeModule {
  readonly name: string;
  readonly exports: readonly string[];
  /** Whether the module has runtime values (enum objects); other modules are type-only. */
  readonly values: boolean;
  readonly render: (refs: TypeRefs) => string[][];
}

/**
 * TypeScript types for a schema: one module per enum, table, object and input type under
 * `types/`, the shared `JsonValue` in `scalars.ts` when a field needs it, and a barrel `index.ts`.
 */
export function generateTypescript(ir: SchemaIR, context: GeneratorContext, options: TypescriptOptions = {}): GeneratedFile[] {
  const extension = options.importExtension ?? '.js';
  const dir = options.dir ?? 'ts';
  const at = (path: string) => (dir === '' ? path : `${dir.replace(/\/+$/, '')}/${path}`);
  const catalog = buildTypeCatalog(ir);
  const modules: TypeModule[] = [
    ...ir.enums.map((e) => ({ name: e.graphqlName, exports: [e.graphqlName], values: true, render: () => enumBlocks(e) })),
    ...ir.tables.map((t) => ({
      name: t.graphqlName,
      exports: [t.graphqlName, `${t.graphqlName}Insert`, `${t.graphqlName}Update`],
      values: false,
      render: (refs: TypeRefs) => tableBlocks(t, catalog, refs),
    })),
    ...ir.types.map((t) => ({ name: t.name, exports: [t.name], values: false, render: (refs: TypeRefs) => graphqlTypeBlocks(t, catalog, refs) })),
  ].sort((a, b) => compareNames(a.name, b.name));

  let json = false;
  const files: GeneratedFile[] = modules.map((module) => {
    const refs: TypeRefs = { modules: new Set(), json: false };
    const blocks = module.render(refs);
    json ||= refs.json;
    return { path: at(`types/${module.name}.ts`), contents: renderTypeModule(module.name, refs, blocks, context, extension) };
  });
  // Every export must be unique in the barrel, and every module file unique on case-insensitive disks.
  checkGeneratedNames(
    [...modules.flatMap((m) => m.exports.map((name) => ({ name, owner: m.name, file: m.name }))), ...(json ? [{ name: JSON_VALUE, owner: 'scalars', file: 'scalars' }] : [])],
    { code: CODEGEN_ERROR_CODES.tsNameClash, what: 'TypeScript types' },
  );

  const barrel = modules.map((m) => `export ${m.values ? '*' : 'type *'} from './types/${m.name}${extension}';`);
  if (json) {
    files.unshift({ path: at('scalars.ts'), contents: renderFile(context, [jsonValueBlock()]) });
    barrel.unshift(`export type * from './scalars${extension}';`);
  }
  // An empty schema still gets a module, not a global script.
  return [{ path: at('index.ts'), contents: renderFile(context, [barrel.length > 0 ? barrel : ['export {};']]) }, ...files];
}

function jsonValueBlock(): string[] {
  return [
    '/** Any value JSON can hold: what a JSON field reads and accepts. */',
    `export type ${JSON_VALUE} = null | boolean | number | string | ${JSON_VALUE}[] | { [key: string]: ${JSON_VALUE} };`,
  ];
}
