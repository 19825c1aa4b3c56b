import { compileSchema, type SchemaIR } from '@wesley/ir';
// The root workspace does not depend on @wesley/planner: import its entry point by path (tsx runs the source).
import { planMigration, type ServerFacts, type TableFacts } from '../../../packages/planner/src/index.js';
import { measure, type BenchSuite, type Measurement } from '../measure.js';
import { syntheticSchema } from './compile.js';

/** Planning should stay interactive: the 1,000-table diff is meant to plan in under this (reported, not enforced). */
const TARGET_MS = 100;

/**
 * syntheticSchema(n) after a typical release: a column added to every table, an index on every
 * 3rd, a foreign key (a new column, to an earlier table: no new cycles) on every 5th, a varchar
 * widened on every 7th.
 */
export function modifiedSyntheticSchema(n: number): string {
  const [enums, ...tables] = syntheticSchema(n).split('\n\n');
  const changed = tables.map((block, i) => {
    let text = block;
    if (i % 3 === 0) text = text.replace('  score: Int! @default(value: 0)', '  score: Int! @default(value: 0) @index');
    if (i % 7 === 0) text = text.replace('@column(type: "varchar(200)")', '@column(type: "varchar(400)")');
    const added = ['  notes: String', ...(i % 5 === 4 ? [`  reviewerId: ID @fk(ref: "Entity${i - 4}.id", onDelete: SET_NULL)`] : [])];
    return text.replace(/\n}$/, `\n${added.join('\n')}\n}`);
  });
  return [enums, ...changed].join('\n\n');
}

/** Sizes from 10 kB to 10 GB, spread over the tables, so estimates and windows vary. */
function factsFor(ir: SchemaIR, serverVersionNum: number): ServerFacts {
  const tables: Record<string, TableFacts> = {};
  ir.tables.forEach((table, i) => {
    const bytes = 10 ** (4 + (i % 7));
    tables[`${table.schema}.${table.name}`] = { bytes, rows: Math.round(bytes / 150) };
  });
  return { serverVersionNum, tables };
}

async function compile(sdl: string): Promise<SchemaIR> {
  const result = await compileSchema([{ name: 'schema.graphql', text: sdl }]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors[0]));
  return result.ir;
}

/** The 95th percentile of the samples (nearest rank). */
function p95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
}

/** How long planMigration takes for a realistic diff of 100 and 1,000 tables (IRs built outside the timed region). */
export const suite: BenchSuite = {
  name: 'plan',
  async run() {
    const results: Measurement[] = [];
    for (const n of [100, 1000]) {
      const from = await compile(syntheticSchema(n));
      const to = await compile(modifiedSyntheticSchema(n));
      for (const serverVersionNum of [110000, 180000]) {
        const facts = factsFor(from, serverVersionNum);
        const plan = planMigration(from, to, facts);
        const meta = { tables: n, pgMajor: serverVersionNum / 10000, steps: plan.steps.length, refused: plan.refused.length, scheduleEntries: plan.schedule.length, targetMs: TARGET_MS };
        const m = await measure('plan', `planMigration, ${n}-table diff, PG ${serverVersionNum / 10000}`, () => planMigration(from, to, facts), { samples: 20, warmup: 3, meta });
        const slowest = p95(m.samples);
        results.push({ ...m, meta: { ...meta, p95: slowest, withinTarget: slowest < TARGET_MS } });
      }
    }
    return results;
  },
};
