// docs/errors.md has a section per error code whose example, compiled as schema.graphql, prints
// exactly the output shown there: wording changes in the compiler must update the page.
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileSchema } from '../../src/compile-schema.js';
import { IR_ERROR_CODES } from '../../src/compile/diagnostics.js';
import { formatError } from '../../src/errors.js';

const DOC = fs.readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
const WARNING_CODES = ['WESLEY_IR_NO_PRIMARY_KEY', 'WESLEY_IR_UNIQUE_DUPLICATES_PK', 'WESLEY_IR_TENANT_COLUMN_NULLABLE', 'WESLEY_IR_FK_CYCLE_DEFERRABLE'];

function section(code: string): string | undefined {
  const start = DOC.indexOf(`<a id="${code}"></a>\n### ${code}\n`);
  if (start < 0) return undefined;
  const next = DOC.indexOf('<a id="', start + 1);
  return DOC.slice(start, next < 0 ? undefined : next);
}

const block = (text: string, lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```').exec(text)?.[1];

describe('docs/errors.md', () => {
  test('has an anchor for every warning the compiler emits', () => {
    expect(WARNING_CODES.filter((code) => !DOC.includes(`<a id="${code}"></a>`))).toEqual([]);
  });

  test.each([...IR_ERROR_CODES])('%s: the section exists and shows what the compiler prints', async (code) => {
    const text = section(code);
    expect(text, `docs/errors.md has no section <a id="${code}"></a> ### ${code}`).toBeDefined();
    const printed = block(text!, 'text');
    if (code === 'WESLEY_IR_NO_SOURCES') {
      const result = await compileSchema([]);
      expect(result.ok ? '' : result.errors.map(formatError).join('\n')).toBe(printed);
      return;
    }
    const sdl = block(text!, 'graphql');
    expect(sdl, `${code}: no graphql example`).toBeDefined();
    const result = await compileSchema([{ name: 'schema.graphql', text: `${sdl}\n` }]);
    if (printed === undefined) {
      // A code the compiler does not report yet: the page says so, and the example still compiles.
      expect(text).toContain('does not report it yet');
      expect(result.ok, `${code} is reported now: show its output in docs/errors.md`).toBe(true);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code)).toContain(code);
    expect(result.errors.map(formatError).join('\n')).toBe(printed);
  });
});
