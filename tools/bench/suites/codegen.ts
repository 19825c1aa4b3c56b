// `pnpm bench codegen`: the TypeScript, Zod and Kysely generators over the synthetic schema, in
// process, and what the real `tsc --noEmit` (strict) costs on their output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kyselyGenerator, runGenerators, typescriptGenerator, zodGenerator } from '@wesley/codegen';
import { compileSchema, type SchemaIR } from '@wesley/ir';
import { measure, type BenchSuite, type Measurement } from '../measure.js';
import { syntheticSchema } from './compile.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
// The output must resolve `zod` and `kysely`: @wesley/codegen has both as dev dependencies.
const scratchRoot = path.join(root, 'packages/codegen/node_modules/.cache');

const TSCONFIG = {
  compilerOptions: {
    strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, types: [],
  },
  include: ['out/**/*.ts'],
};

const generate = (ir: SchemaIR, hash: string) =>
  runGenerators(ir, { hash, sources: ['schema.graphql'] }, [{ plugin: typescriptGenerator }, { plugin: zodGenerator }, { plugin: kyselyGenerator }]);

/** `Check time: 1.23s` and the like from `tsc --extendedDiagnostics`. */
function diagnostics(output: string): Record<string, string> {
  const wanted = ['Files', 'Lines of TypeScript', 'Types', 'Instantiations', 'Memory used', 'Check time', 'Total time'];
  return Object.fromEntries(wanted.flatMap((key) => {
    const match = new RegExp(`^${key}:\\s+(.+)$`, 'm').exec(output);
    return match ? [[key, match[1]!.trim()]] : [];
  }));
}

export const suite: BenchSuite = {
  name: 'codegen',
  async run() {
    const results: Measurement[] = [];
    fs.mkdirSync(scratchRoot, { recursive: true });
    for (const n of [100, 1000]) {
      const compiled = await compileSchema([{ name: 'schema.graphql', text: syntheticSchema(n) }]);
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors[0]));
      const files = generate(compiled.ir, compiled.hash);
      const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.contents), 0);
      const meta = { tables: n, files: files.length, bytes };
      results.push(await measure('codegen', `in-process ts + zod + kysely, ${n} tables`, () => generate(compiled.ir, compiled.hash), { samples: 7, warmup: 2, meta }));
      results.push(
        await measure('codegen', `in-process compile + ts + zod + kysely, ${n} tables`, async () => {
          const again = await compileSchema([{ name: 'schema.graphql', text: syntheticSchema(n) }]);
          if (!again.ok) throw new Error('does not compile');
          generate(again.ir, again.hash);
        }, { samples: 5, warmup: 1, meta }),
      );

      const dir = fs.mkdtempSync(path.join(scratchRoot, `bench-tsc-${n}-`));
      try {
        fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
        fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
        for (const file of files) {
          fs.mkdirSync(path.dirname(path.join(dir, 'out', file.path)), { recursive: true });
          fs.writeFileSync(path.join(dir, 'out', file.path), file.contents);
        }
        let last = '';
        const measured = await measure('codegen', `tsc --noEmit (strict) on the ts + zod + kysely output, ${n} tables`, () => {
          const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', dir, '--extendedDiagnostics'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
          if (run.status !== 0) throw new Error(`tsc failed on the generated output:\n${run.stdout.slice(0, 4000)}${run.stderr}`);
          last = run.stdout;
        }, { samples: 3, warmup: 0, meta });
        results.push({ ...measured, meta: { ...meta, tsc: diagnostics(last) } });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    return results;
  },
};
