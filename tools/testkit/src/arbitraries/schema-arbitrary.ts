import fc from 'fast-check';
import { buildSchemaModel } from './build-schema-model.js';
import { printSchema } from './print-schema.js';
import type { SchemaModel } from './schema-model.js';
import type { EnumRecipe, FieldRecipe, PairRecipe, SchemaRecipe, TableRecipe } from './schema-recipe.js';

export interface SchemaArbitraryOptions {
  /** Only what PostgreSQL 11 can create: no generated columns, no foreign keys to partitioned tables. Default false. */
  readonly pg11Compatible?: boolean;
  /** At most this many tables (default 6, at least 1). */
  readonly maxTables?: number;
}

export interface GeneratedSchema {
  readonly sdl: string;
  readonly model: SchemaModel;
}

// Feature switches: `false` / `null` come first and cross-shrinking is on, so that shrinking turns
// features off (without it, oneof only shrinks within the branch it drew).
const flag = (trueWeight: number, falseWeight: number): fc.Arbitrary<boolean> =>
  fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(false), weight: falseWeight }, { arbitrary: fc.constant(true), weight: trueWeight });
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight: number, nullWeight: number): fc.Arbitrary<T | null> =>
  fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(null), weight: nullWeight }, { arbitrary, weight });

const fieldRecipe: fc.Arbitrary<FieldRecipe> = fc.record({
  name: fc.nat({ max: 63 }),
  type: fc.nat({ max: 15 }),
  list: flag(1, 6),
  itemNullable: fc.boolean(),
  nullable: fc.boolean(),
  columnName: sometimes(fc.nat({ max: 15 }), 1, 9),
  fk: sometimes(
    fc.record({
      target: fc.nat({ max: 7 }), forward: flag(1, 4), onDelete: fc.nat({ max: 5 }), onUpdate: fc.nat({ max: 5 }), deferrable: flag(1, 5),
      unique: flag(1, 4), relation: flag(1, 3), inverse: flag(1, 4),
    }),
    1, 3,
  ),
  identity: sometimes(fc.nat({ max: 1 }), 1, 5),
  columnType: sometimes(fc.nat({ max: 4 }), 1, 3),
  generated: flag(1, 6),
  default: sometimes(fc.record({ expr: fc.boolean(), pick: fc.nat({ max: 15 }) }), 2, 3),
  check: flag(1, 4),
  unique: sometimes(fc.record({ partial: flag(1, 2) }), 1, 5),
  index: sometimes(fc.record({ method: fc.nat({ max: 2 }), partial: flag(1, 2) }), 1, 3),
  updatedAt: flag(1, 2),
  description: sometimes(fc.nat({ max: 7 }), 1, 6),
  renamed: flag(1, 12),
  annotation: sometimes(fc.nat({ max: 2 }), 1, 10),
});

const pairRecipe: fc.Arbitrary<PairRecipe> = fc.record({ a: fc.nat({ max: 7 }), b: fc.nat({ max: 7 }), partial: flag(1, 2) });

const tableRecipe: fc.Arbitrary<TableRecipe> = fc.record({
  name: fc.nat({ max: 31 }),
  customName: sometimes(fc.nat({ max: 7 }), 1, 7),
  pk: fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant(0 as const), weight: 8 },
    { arbitrary: fc.constant(1 as const), weight: 2 },
    { arbitrary: fc.constant(2 as const), weight: 1 },
    { arbitrary: fc.constant(3 as const), weight: 1 },
  ),
  pkType: fc.nat({ max: 9 }),
  pkDefault: fc.nat({ max: 5 }),
  partitioned: flag(1, 8),
  partitions: fc.nat({ max: 3 }),
  tenant: sometimes(fc.record({ fk: fc.boolean(), pick: fc.nat({ max: 3 }), claim: sometimes(fc.nat({ max: 2 }), 1, 2) }), 1, 4),
  schema: sometimes(fc.nat({ max: 1 }), 1, 7),
  rls: sometimes(fc.nat({ max: 5 }), 1, 7),
  renamed: flag(1, 10),
  cacheControl: flag(1, 6),
  description: sometimes(fc.nat({ max: 7 }), 1, 4),
  fields: fc.array(fieldRecipe, { minLength: 0, maxLength: 7 }),
  compositeUnique: sometimes(pairRecipe, 1, 4),
  compositeIndex: sometimes(pairRecipe, 1, 4),
  check: sometimes(pairRecipe, 1, 5),
});

const enumRecipe: fc.Arbitrary<EnumRecipe> = fc.record({
  name: fc.nat({ max: 7 }),
  values: fc.array(fc.nat({ max: 8 }), { minLength: 1, maxLength: 4 }),
  description: sometimes(fc.nat({ max: 7 }), 1, 4),
});

/** The raw choices behind a schema (for tests that want to build models themselves). */
export function schemaRecipeArbitrary(options: SchemaArbitraryOptions = {}): fc.Arbitrary<SchemaRecipe> {
  const maxTables = Math.max(1, options.maxTables ?? 6);
  return fc.record({
    foreignDirective: flag(1, 4),
    enums: fc.array(enumRecipe, { maxLength: 2 }),
    // minLength 0, not 1: fast-check's array shrinker can only drop the last element down to
    // minLength, so with 1 a needless trailing table would survive shrinking. No tables builds one
    // default table.
    tables: fc.array(tableRecipe, { minLength: 0, maxLength: maxTables }),
  });
}

/**
 * Valid annotated schemas: a structured model (tables, keys, foreign keys, defaults, checks,
 * indexes, enums, tenancy, partitioning) and its SDL. Shrinks towards fewer tables and fields
 * with fewer directives.
 */
export function schemaArbitrary(options: SchemaArbitraryOptions = {}): fc.Arbitrary<GeneratedSchema> {
  return schemaRecipeArbitrary(options).map((recipe) => {
    const model = buildSchemaModel(recipe, { pg11Compatible: options.pg11Compatible ?? false });
    const generated: GeneratedSchema = { sdl: printSchema(model), model };
    // fast-check prints a counterexample with this: the SDL, not the model's JSON.
    Object.defineProperty(generated, fc.toStringMethod, { value: () => `SDL:\n${generated.sdl}`, enumerable: false });
    return generated;
  });
}
