// What the planner properties feed planMigration: compiled schema pairs, a server version the
// target schema runs on (11..18), random table sizes (or none) and the unsafe switch.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { compileSchema, formatError, type SchemaIR } from '@wesley/ir';
import { schemaPairArbitrary, type SchemaPair, type SchemaPairOptions } from '@wesley/testkit/arbitraries';
import { planMigration } from '../../src/plan-migration.js';
import type { Plan, PlanOptions, ServerFacts, TableFacts } from '../../src/types.js';

const SEED = process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED);

/**
 * fast-check parameters: `numRuns`, and the seed from FC_SEED when set (to replay a failure). The
 * properties of a test file share one seed: those over the same inputs draw the same pairs, which
 * the compile cache then serves.
 */
export function fcParams(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, seed: SEED };
}

/** Compiles one SDL document, failing with the errors and the SDL when it does not compile. */
export async function compileFresh(sdl: string): Promise<SchemaIR> {
  const result = await compileSchema([{ name: 'schema.graphql', text: sdl }]);
  if (!result.ok) throw new Error(`The schema does not compile:\n${result.errors.map(formatError).join('\n')}\n\n${sdl}`);
  return result.ir;
}

const cache = new Map<string, Promise<SchemaIR>>();
/** compileFresh, once per SDL text (the IR is read-only: sharing it is safe). */
export function compileCached(sdl: string): Promise<SchemaIR> {
  let ir = cache.get(sdl);
  if (!ir) {
    if (cache.size > 5000) cache.clear();
    ir = compileFresh(sdl);
    cache.set(sdl, ir);
  }
  return ir;
}

/** Heap bytes from empty to 100 GB, biased towards the edges. */
export const tableBytesArbitrary: fc.Arbitrary<number> = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 10_000_000 }),
  fc.double({ min: 0, max: 1e11, noNaN: true }).map(Math.floor),
);

/** Sizes handed out to the tables in order (cycling), or undefined for "no facts". */
export const sizesArbitrary: fc.Arbitrary<readonly number[] | undefined> = fc.option(fc.array(tableBytesArbitrary, { minLength: 1, maxLength: 8 }), { nil: undefined });

const sizeOf = (bytes: number): TableFacts => ({ bytes, rows: Math.floor(bytes / 120) });

/** Facts about the database `from` describes: each table's (and partition's) size from `sizes`, or none. */
export function factsFor(from: SchemaIR | null, serverVersionNum: number, sizes: readonly number[] | undefined): ServerFacts {
  if (sizes === undefined) return { serverVersionNum };
  let i = 0;
  const next = () => sizes[i++ % sizes.length]!;
  const tables: Record<string, TableFacts> = {};
  for (const table of from?.tables ?? []) {
    const key = `${table.schema}.${table.name}`;
    if (!table.partitioning) {
      tables[key] = sizeOf(next());
      continue;
    }
    const partitions = Object.fromEntries(table.partitioning.partitions.map((p) => [`${table.schema}.${p.name}`, sizeOf(next())]));
    tables[key] = { bytes: 0, rows: 0, partitions };
  }
  return { serverVersionNum, tables };
}

export interface PlanInput {
  readonly major: number;
  readonly pair: SchemaPair;
  readonly sizes: readonly number[] | undefined;
  readonly unsafe: boolean;
  /** Plan from an empty database instead of `pair.from`. */
  readonly fromEmpty: boolean;
}

/**
 * Inputs: a major 11..18 with a pair PG 11 can create, or 12..18 with any pair; sizes or none;
 * unsafe or not; now and then an empty database. `pairs` aims the edits (default: up to 8, all kinds alike).
 */
export function planInputs(pairs: SchemaPairOptions = {}): fc.Arbitrary<PlanInput> {
  const options = { maxEdits: 8, ...pairs };
  const versioned = fc.oneof(
    fc.record({ major: fc.integer({ min: 11, max: 18 }), pair: schemaPairArbitrary({ ...options, pg11Compatible: true }) }),
    fc.record({ major: fc.integer({ min: 12, max: 18 }), pair: schemaPairArbitrary(options) }),
  );
  const fromEmpty = fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 });
  return fc.record({ versioned, sizes: sizesArbitrary, unsafe: fc.boolean(), fromEmpty }).map(({ versioned: v, ...rest }) => ({ ...v, ...rest }));
}

export interface ResolvedInput {
  readonly from: SchemaIR | null;
  readonly to: SchemaIR;
  readonly facts: ServerFacts;
  readonly options: PlanOptions;
}

/**
 * The compiled inputs. The server version is the drawn major, raised to what either schema needs
 * (a schema can need a newer server than its features' flags say: e.g. SQL/JSON syntax).
 */
export async function resolveInput(input: PlanInput): Promise<ResolvedInput> {
  const from = input.fromEmpty ? null : await compileCached(input.pair.from.sdl);
  const to = await compileCached(input.pair.to.sdl);
  const version = Math.max(input.major * 10000, to.minimumServerVersion, from?.minimumServerVersion ?? 0);
  return { from, to, facts: factsFor(from, version, input.sizes), options: { unsafe: input.unsafe } };
}

/**
 * A property test: `problems` finds nothing wrong with the plan of any of `numRuns` inputs
 * (fast-check shrinks a failing one to a minimal pair).
 */
export function testEveryPlan(name: string, inputs: fc.Arbitrary<PlanInput>, problems: (plan: Plan, input: ResolvedInput) => string[], numRuns: number): void {
  test(name, async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        const resolved = await resolveInput(input);
        expect(problems(planMigration(resolved.from, resolved.to, resolved.facts, resolved.options), resolved)).toEqual([]);
      }),
      fcParams(numRuns),
    );
  }, 60_000);
}
