// Test helpers: compile SDL, generate the Zod modules and load them for real (transpiled to
// JavaScript in a folder under this package's node_modules, so `zod` resolves).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileSchema, type CompileOptions, type SchemaIR } from '@wesley/ir';
import ts from 'typescript';
import type { GeneratedFile } from '../../../src/plugins/generator-plugin.js';
import { generateZod } from '../../../src/zod/zod-generator.js';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Compiles SDL into IR and fails the test on errors. */
export async function compileIr(text: string, options: CompileOptions = {}): Promise<{ ir: SchemaIR; hash: string }> {
  const result = await compileSchema([{ name: 'schema.graphql', text }], options);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return { ir: result.ir, hash: result.hash };
}

/** A scratch folder that resolves `zod` from this package; `remove()` deletes it. */
export function scratchDir(files: readonly GeneratedFile[], transform: (file: GeneratedFile) => GeneratedFile = (f) => f) {
  const root = join(PACKAGE_DIR, 'node_modules', '.cache');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, 'zod-generator-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const file of files.map(transform)) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.contents);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Generates, transpiles and imports the barrel; the caller removes the folder afterwards. */
export async function loadGenerated(ir: SchemaIR): Promise<{ schemas: Record<string, import('zod').ZodType>; remove: () => void }> {
  const files = generateZod(ir, { hash: 'test', sources: ['schema.graphql'] }, { dir: 'out' });
  const toJs = (file: GeneratedFile): GeneratedFile => ({
    path: file.path.replace(/\.ts$/, '.js'),
    contents: ts.transpileModule(file.contents, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText,
  });
  const scratch = scratchDir(files, toJs);
  const schemas = (await import(/* @vite-ignore */ pathToFileURL(join(scratch.dir, 'out/index.js')).href)) as Record<string, import('zod').ZodType>;
  return { schemas, remove: scratch.remove };
}

/** Type-checks the generated modules with the real compiler in strict mode; returns the diagnostics. */
export function typecheckGenerated(files: readonly GeneratedFile[], extra: GeneratedFile[] = []): string[] {
  const scratch = scratchDir([...files, ...extra]);
  try {
    const roots = [...files, ...extra].map((f) => join(scratch.dir, f.path));
    const program = ts.createProgram(roots, {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.slice(scratch.dir.length) ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    scratch.remove();
  }
}
