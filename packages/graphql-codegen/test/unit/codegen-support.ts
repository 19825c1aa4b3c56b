// Test helpers: run the real GraphQL Code Generator with this package's plugins, run Wesley's own
// generators for comparison, and compile or load generated code for real.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { compileSchema, type SchemaSource } from '@wesley/ir';
import { kyselyGenerator, runGenerators, typescriptGenerator, zodGenerator, type GeneratedFile } from '@wesley/codegen';
import ts from 'typescript';

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO = path.resolve(PACKAGE_DIR, '../..');
export const GENERATORS = { typescript: typescriptGenerator, zod: zodGenerator, kysely: kyselyGenerator } as const;
export type Target = keyof typeof GENERATORS;

/** The text GraphQL Code Generator writes for `plugins: ['@wesley/graphql-codegen/<target>']`. */
export async function runCodegen(target: Target, schema: readonly string[], config: Record<string, unknown> = {}): Promise<string> {
  const [output] = await generate(
    { cwd: PACKAGE_DIR, schema: [...schema], silent: true, generates: { 'out/db.ts': { plugins: [`@wesley/graphql-codegen/${target}`], config } } },
    false,
  );
  return output!.content;
}

/** Wesley's own files for the same SDL, as the CLI would write them. */
export async function wesleyFiles(target: Target, sources: readonly SchemaSource[]): Promise<{ hash: string; files: GeneratedFile[] }> {
  const result = await compileSchema(sources);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return { hash: result.hash, files: runGenerators(result.ir, { hash: result.hash, sources: sources.map((s) => s.name) }, [{ plugin: GENERATORS[target] }]) };
}

/**
 * A module's body: what is left without the header comment (the `//` lines the file starts with)
 * and the import lines. Comments in the body (Zod's `// not checked here: ...`) stay, verbatim.
 */
export function bodyOf(contents: string): string {
  const lines = contents.split('\n');
  let start = 0;
  while (start < lines.length && lines[start]!.startsWith('// ')) start += 1;
  return lines.slice(start).filter((line) => !line.startsWith('import ') && !/^export (type )?\* from /.test(line) && line !== 'export {};').join('\n').trim();
}

/** The names a module declares with `export`. */
export function exportedNames(contents: string): string[] {
  return [...contents.matchAll(/^export (?:const|type|interface) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!).sort();
}

/** A scratch folder under this package's node_modules (so `zod` and `kysely` resolve). */
function scratch(files: Readonly<Record<string, string>>): { dir: string; remove: () => void } {
  const root = path.join(PACKAGE_DIR, 'node_modules', '.cache');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, 'graphql-codegen-'));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** tsc --strict (and the stricter flags this repository uses) over the files; returns the diagnostics. */
export function typecheck(files: Readonly<Record<string, string>>): string[] {
  const { dir, remove } = scratch(files);
  try {
    const program = ts.createProgram(Object.keys(files).map((name) => path.join(dir, name)), {
      strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, verbatimModuleSyntax: true, isolatedModules: true,
      noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [],
    });
    return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    remove();
  }
}

/** Transpiles one module to JavaScript and imports it (proves the order of the merged Zod schemas). */
export async function importModule<T>(contents: string): Promise<T> {
  const js = ts.transpileModule(contents, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const { dir, remove } = scratch({ 'module.js': js });
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(path.join(dir, 'module.js')).href)) as T;
  } finally {
    remove();
  }
}
