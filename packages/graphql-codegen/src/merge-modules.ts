import { WesleyError } from '@wesley/ir';
import type { GeneratedFile } from '@wesley/codegen';
import { GRAPHQL_CODEGEN_ERROR_CODES } from './errors.js';

/** One self-contained module in GraphQL Code Generator's plugin output shape. */
export interface MergedModule {
  /** The header comment, then the external imports (deduplicated, sorted by module). */
  readonly prepend: string[];
  /** Every module body, dependencies before the modules that use them. */
  readonly content: string;
}

interface ParsedModule {
  readonly path: string;
  readonly dependencies: readonly string[];
  readonly body: readonly string[];
}

const NAMED_IMPORT = /^import (type )?\{ ?([^}]*?) ?\} from '([^']+)';$/;
const RE_EXPORT = /^export (?:type )?\* from '([^']+)';$/;
const DECLARATION = /^export (?:declare )?(?:const|let|var|function|class|interface|type|enum) ([A-Za-z_$][\w$]*)/;

/**
 * Merges the modules a Wesley generator wrote into one module: the shared header once, external
 * imports (`zod`, `kysely`) deduplicated into `prepend`, imports between the modules and the
 * barrel's re-exports dropped, and the bodies concatenated so that a module comes after the
 * modules it imports (Zod schemas are values: an enum schema must exist before a table's).
 */
export function mergeModules(files: readonly GeneratedFile[], header: readonly string[]): MergedModule {
  const headerLines = header.map((line) => `// ${line}`);
  const values = new Map<string, Set<string>>();
  const types = new Map<string, Set<string>>();
  const modules = new Map<string, ParsedModule>();
  for (const file of [...files].sort((a, b) => compare(a.path, b.path))) {
    if (!file.path.endsWith('.ts')) continue;
    const lines = file.contents.split('\n');
    let start = 0;
    while (start < headerLines.length && lines[start] === headerLines[start]) start += 1;
    const dependencies: string[] = [];
    const body: string[] = [];
    for (const line of lines.slice(start)) {
      const named = NAMED_IMPORT.exec(line);
      const reExport = RE_EXPORT.exec(line);
      if (named) {
        const [, typeOnly, list, from] = named as unknown as [string, string | undefined, string, string];
        if (isRelative(from)) dependencies.push(resolve(file.path, from));
        else {
          const into = typeOnly ? types : values;
          const names = into.get(from) ?? new Set<string>();
          for (const name of list.split(',').map((n) => n.trim()).filter(Boolean)) names.add(name);
          into.set(from, names);
        }
      } else if (reExport && isRelative(reExport[1]!)) {
        continue;
      } else if (/^(import[\s{(]|export \*|export \{)/.test(line) && line !== 'export {};') {
        throw new WesleyError({
          code: GRAPHQL_CODEGEN_ERROR_CODES.unmergeable,
          message: `${file.path} has a line the merge into one file does not know: ${line}`,
          hint: 'Report this as a bug in @wesley/graphql-codegen, with the schema; use the Wesley CLI meanwhile.',
        });
      } else if (line !== 'export {};') {
        body.push(line);
      }
    }
    modules.set(file.path, { path: file.path, dependencies: dependencies.sort(compare), body: trimBlankLines(body) });
  }

  const ordered: ParsedModule[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (path: string) => {
    const module = modules.get(path);
    // A cycle (Zod input types that refer to each other) is safe: those references sit in getters.
    if (!module || state.has(path)) return;
    state.set(path, 'visiting');
    for (const dependency of module.dependencies) visit(dependency);
    state.set(path, 'done');
    ordered.push(module);
  };
  for (const path of modules.keys()) visit(path);

  checkDeclarations(ordered);
  const imports: string[] = [];
  for (const from of [...new Set([...values.keys(), ...types.keys()])].sort(compare)) {
    const valueNames = [...(values.get(from) ?? [])].sort(compare);
    const typeNames = [...(types.get(from) ?? [])].filter((name) => !valueNames.includes(name)).sort(compare);
    if (valueNames.length > 0) imports.push(`import { ${valueNames.join(', ')} } from '${from}';`);
    if (typeNames.length > 0) imports.push(`import type { ${typeNames.join(', ')} } from '${from}';`);
  }
  const bodies = ordered.filter((m) => m.body.length > 0).map((m) => m.body.join('\n'));
  return { prepend: [...headerLines, ...imports], content: `\n${bodies.join('\n\n')}\n` };
}

function checkDeclarations(modules: readonly ParsedModule[]): void {
  const owners = new Map<string, string>();
  for (const module of modules) {
    for (const line of module.body) {
      const name = DECLARATION.exec(line)?.[1];
      if (name === undefined) continue;
      const owner = owners.get(name);
      if (owner !== undefined && owner !== module.path) {
        throw new WesleyError({
          code: GRAPHQL_CODEGEN_ERROR_CODES.nameClash,
          message: `${owner} and ${module.path} both declare ${name}, so they cannot share one output file.`,
          hint: `Rename one of the GraphQL types behind ${name}.`,
          details: { name, modules: [owner, module.path] },
        });
      }
      owners.set(name, module.path);
    }
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/** The generated file a relative import names, whatever import extension the generator used. */
function resolve(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.replace(/\.[cm]?[jt]s$/, '').split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return `${parts.join('/')}.ts`;
}

function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start += 1;
  while (end > start && lines[end - 1]!.trim() === '') end -= 1;
  return lines.slice(start, end);
}
