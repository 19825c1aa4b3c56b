// Type tests: the generated modules and hand-written consumer files, compiled together by the
// real TypeScript compiler in strict mode, in memory.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { compileFixture, consumerDir, type FixtureName } from './fixtures.testing.js';
import { generateTypescript, type TypescriptOptions } from '../../../src/typescript/generate-typescript.js';

const ROOT = '/__wesley_type_test__';

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
};

/** Diagnostics per file of a program over in-memory files (lib files come from disk). */
function compile(files: ReadonlyMap<string, string>): Map<string, readonly ts.Diagnostic[]> {
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const inMemory = (name: string) => name.startsWith(`${ROOT}/`);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.fileExists = (name) => (inMemory(name) ? files.has(name) : fileExists.call(host, name));
  host.readFile = (name) => (inMemory(name) ? files.get(name) : readFile.call(host, name));
  host.directoryExists = (name) => inMemory(`${name}/`) || (directoryExists?.call(host, name) ?? true);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined ? getSourceFile.call(host, name, language, ...rest) : ts.createSourceFile(name, text, language);
  };
  const program = ts.createProgram([...files.keys()], COMPILER_OPTIONS, host);
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length > 0) throw new Error(ts.formatDiagnostics(global, host));
  return new Map([...files.keys()].map((name) => [name, ts.getPreEmitDiagnostics(program, program.getSourceFile(name))]));
}

const codes = (diagnostics: readonly ts.Diagnostic[]) => diagnostics.map((d) => `TS${d.code}`);
const messages = (diagnostics: readonly ts.Diagnostic[]) => diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

const CASES: readonly { fixture: FixtureName; options: TypescriptOptions }[] = [
  { fixture: 'all-directives', options: {} },
  { fixture: 'graphql-types', options: { importExtension: '' } },
];

describe.each(CASES)('$fixture: generated types under tsc --strict', ({ fixture, options }) => {
  const dir = consumerDir(fixture);
  const consumers = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  const results = (async () => {
    const { ir, hash, source } = await compileFixture(fixture);
    const files = new Map(generateTypescript(ir, { hash, sources: [source] }, options).map((f) => [`${ROOT}/${f.path}`, f.contents]));
    for (const consumer of consumers) files.set(`${ROOT}/${consumer}`, fs.readFileSync(path.join(dir, consumer), 'utf8'));
    return { generated: [...files.keys()].filter((f) => f.startsWith(`${ROOT}/ts/`)), diagnostics: compile(files) };
  })();

  test('the generated modules compile cleanly', async () => {
    const { generated, diagnostics } = await results;
    expect(generated.length).toBeGreaterThan(3);
    for (const file of generated) expect(messages(diagnostics.get(file)!), file).toEqual([]);
  });

  test.each(consumers.filter((f) => f.endsWith('.pass.ts')))('%s compiles', async (consumer) => {
    expect(messages((await results).diagnostics.get(`${ROOT}/${consumer}`)!)).toEqual([]);
  });

  test.each(consumers.filter((f) => f.endsWith('.fail.ts')))('%s fails with the expected diagnostics', async (consumer) => {
    const expected = /^\/\/ expected: (TS\d+(?:, TS\d+)*)/m.exec(fs.readFileSync(path.join(dir, consumer), 'utf8'))?.[1]?.split(/,\s*/);
    expect(expected, 'first line: // expected: TSnnnn').toBeDefined();
    expect(codes((await results).diagnostics.get(`${ROOT}/${consumer}`)!)).toEqual(expected);
  });
});
