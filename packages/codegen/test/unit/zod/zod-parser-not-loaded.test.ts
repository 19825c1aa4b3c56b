// An IR saved as JSON and generated in a process that never compiled a schema: the PostgreSQL
// parser was never loaded, and the zod generator must say so rather than drop the checks.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { compileIr, scratchDir } from './zod-test-support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../../..');

it('throws WESLEY_CODEGEN_SQL_PARSER_NOT_LOADED, and generates once loadSqlParser() ran', async () => {
  const { ir } = await compileIr('type Item @table { id: Int! @pk, n: Int! @check(expr: "n > 0") }');
  const scratch = scratchDir([{ path: 'ir.json', contents: JSON.stringify(ir) }]);
  try {
    const script = (load: boolean) => `
      import fs from 'node:fs';
      import { loadSqlParser } from '@wesley/ir';
      import { generateZod } from ${JSON.stringify(path.join(repo, 'packages/codegen/src/zod/zod-generator.ts'))};
      ${load ? 'await loadSqlParser();' : ''}
      const ir = JSON.parse(fs.readFileSync(${JSON.stringify(path.join(scratch.dir, 'ir.json'))}, 'utf8'));
      try { console.log(generateZod(ir, { hash: 'h', sources: [] })[0].contents.includes('.gt(0)')); } catch (e) { console.log(e.code); }`;
    const run = (load: boolean) => {
      const child = spawnSync(path.join(repo, 'node_modules/.bin/tsx'), ['--input-type=module', '-e', script(load)], { cwd: path.join(repo, 'packages/codegen'), encoding: 'utf8' });
      expect(child.stderr).toBe('');
      return child.stdout.trim();
    };
    expect(run(false)).toBe('WESLEY_CODEGEN_SQL_PARSER_NOT_LOADED');
    expect(run(true)).toBe('true');
  } finally {
    scratch.remove();
  }
  expect(fs.existsSync(scratch.dir)).toBe(false);
});
