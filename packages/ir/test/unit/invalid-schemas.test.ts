// The corpus of invalid schemas in test/invalid: one file (or one folder of files, compiled as one
// schema) per mistake. Each starts with `# expect: <CODE> at [<file>:]<line>:<column>` lines, in
// the order the compiler reports the errors; the file defaults to the one holding the lines.
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileSchema } from '../../src/compile-schema.js';
import { IR_ERROR_CODES } from '../../src/compile/diagnostics.js';
import { formatError } from '../../src/errors.js';

const CORPUS = new URL('../invalid/', import.meta.url);
// Source names are paths relative to packages/ir, as the CLI reports paths relative to its cwd.
const SOURCE_PREFIX = 'test/invalid/';

// Each file here states what the compiler SHOULD report; its test is skipped until the compiler
// does. Remove the entry when the compiler is fixed.
const COMPILER_BUGS = new Set<string>([]);

interface Expectation {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

interface CorpusCase {
  readonly name: string;
  readonly sources: { name: string; text: string }[];
  readonly expected: Expectation[];
}

const EXPECT_LINE = /^# expect: (WESLEY_IR_[A-Z_]+) at (?:([^\s:]+):)?(\d+):(\d+)\s*$/;

function readCase(name: string): CorpusCase {
  const entry = new URL(name, CORPUS);
  const isFolder = fs.statSync(entry).isDirectory();
  const files = isFolder ? fs.readdirSync(entry).filter((f) => f.endsWith('.graphql')).sort().map((f) => `${name}/${f}`) : [name];
  if (!files.length) throw new Error(`test/invalid/${name} holds no .graphql files`);
  const sources = files.map((f) => ({ name: `${SOURCE_PREFIX}${f}`, text: fs.readFileSync(new URL(f, CORPUS), 'utf8') }));
  const first = sources[0]!;
  const expected: Expectation[] = [];
  for (const line of first.text.split('\n')) {
    if (!line.startsWith('# expect:')) break;
    const m = EXPECT_LINE.exec(line);
    if (!m) throw new Error(`${first.name}: malformed expect line "${line}"`);
    expected.push({ code: m[1]!, file: m[2] ? `${SOURCE_PREFIX}${name}/${m[2]}` : first.name, line: Number(m[3]), column: Number(m[4]) });
  }
  if (!expected.length) throw new Error(`${first.name} must start with "# expect: <CODE> at <line>:<column>"`);
  return { name, sources, expected };
}

const cases = fs
  .readdirSync(CORPUS)
  .filter((entry) => entry.endsWith('.graphql') || fs.statSync(new URL(entry, CORPUS)).isDirectory())
  .sort()
  .map(readCase);

const show = (e: { code: string; location?: { file: string; line: number; column: number } }) =>
  `${e.code}@${e.location?.file}:${e.location?.line}:${e.location?.column}`;

describe('invalid schemas (test/invalid)', () => {
  for (const c of cases) {
    (COMPILER_BUGS.has(c.name) ? test.skip : test)(c.name, async () => {
      const result = await compileSchema(c.sources);
      expect(result.ok, `${c.name} compiled, but it is invalid`).toBe(false);
      if (result.ok) return;
      expect(result.errors.map(show)).toEqual(c.expected.map((e) => show({ code: e.code, location: e })));
      for (const error of result.errors) {
        expect(error.hint, `${show(error)} has no hint`).toMatch(/\S/);
        expect(error.expected, `${show(error)} has no "expected"`).toMatch(/\S/);
        expect(error.message).not.toMatch(/\n\s+at /);
        expect(error.message).not.toMatch(/\/work\/|node_modules/);
      }
      expect(result.errors.map(formatError).join('\n\n')).toMatchSnapshot();
    });
  }

  test('the corpus declares every error code except WESLEY_IR_NO_SOURCES', () => {
    const declared = new Set(cases.flatMap((c) => c.expected.map((e) => e.code)));
    const wanted = IR_ERROR_CODES.filter((code) => code !== 'WESLEY_IR_NO_SOURCES');
    expect(wanted.filter((code) => !declared.has(code))).toEqual([]);
    expect([...declared].filter((code) => !(IR_ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  test('every skipped compiler bug names a file of the corpus', () => {
    expect([...COMPILER_BUGS].filter((name) => !cases.some((c) => c.name === name))).toEqual([]);
  });

  test('WESLEY_IR_NO_SOURCES: compiling no files', async () => {
    const result = await compileSchema([]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(show)).toEqual(['WESLEY_IR_NO_SOURCES@<input>:1:1']);
    expect(result.errors[0]!.hint).toMatch(/\S/);
    expect(result.errors[0]!.expected).toMatch(/\S/);
    expect(formatError(result.errors[0]!)).toMatchSnapshot();
  });
});
