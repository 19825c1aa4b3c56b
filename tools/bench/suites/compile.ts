import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSql } from '@wesley/codegen';
import { compileSchema } from '@wesley/ir';
import { measure, type BenchSuite } from '../measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'apps/cli/dist/wesley.js');

/** A realistic schema of `n` tables: keys, a foreign key chain, enums, indexes, checks, defaults. */
export function syntheticSchema(n: number): string {
  const parts = ['enum Status { ACTIVE SUSPENDED DELETED }'];
  for (let i = 0; i < n; i++) {
    const parent = i > 0 ? `  parentId: ID @fk(ref: "Entity${i - 1}.id", onDelete: SET_NULL)\n` : '';
    parts.push(`"""Entity number ${i}."""
type Entity${i} @table @index(fields: ["status", "createdAt"]) {
  id: ID! @pk @default(expr: "gen_random_uuid()")
${parent}  name: String! @column(type: "varchar(200)") @check(expr: "char_length(name) > 0")
  slug: String! @unique
  status: Status! @default(value: ACTIVE)
  score: Int! @default(value: 0)
  metadata: JSON @index(using: GIN)
  createdAt: DateTime! @default(expr: "now()")
  updatedAt: DateTime @updatedAt
}`);
  }
  return parts.join('\n\n');
}

export const suite: BenchSuite = {
  name: 'compile',
  async run() {
    const results = [];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-bench-'));
    try {
      for (const n of [100, 1000]) {
        const sdl = syntheticSchema(n);
        const file = path.join(dir, `schema-${n}.graphql`);
        fs.writeFileSync(file, sdl);
        const meta = { tables: n, sdlBytes: Buffer.byteLength(sdl) };
        results.push(
          await measure('compile', `in-process compile + generateSql, ${n} tables`, async () => {
            const result = await compileSchema([{ name: 'schema.graphql', text: sdl }]);
            if (!result.ok) throw new Error(JSON.stringify(result.errors[0]));
            generateSql(result.ir);
          }, { samples: 5, warmup: 1, meta }),
        );
        results.push(
          await measure('compile', `cold CLI run: wesley generate, ${n} tables`, () => {
            const run = spawnSync(process.execPath, [cli, 'generate', '--schema', file, '--out', path.join(dir, `out-${n}`)], { encoding: 'utf8' });
            if (run.status !== 0) throw new Error(run.stderr);
          }, { samples: 5, warmup: 1, meta }),
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return results;
  },
};
