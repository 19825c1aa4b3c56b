import fc from 'fast-check';
import { buildSchemaModel } from './build-schema-model.js';
import { addColumn, dropColumn, dropDefault, renameColumn, setDefault, toggleNullable, widenType } from './edit-columns.js';
import { addCheck, addForeignKey, addIndex, addUnique, dropCheck, dropForeignKey, dropIndex, dropUnique } from './edit-constraints.js';
import { addEnumValue, addPartition, addTable, dropTable, renameTable, toggleRls, toggleTenant } from './edit-tables.js';
import { printSchema } from './print-schema.js';
import { schemaRecipeArbitrary, type GeneratedSchema, type SchemaArbitraryOptions } from './schema-arbitrary.js';
import { EDIT_KINDS, type Edit, type EditKind, type EditRecipe } from './schema-edit.js';
import type { SchemaModel } from './schema-model.js';

const EDITS: Readonly<Record<EditKind, Edit>> = {
  'add-column': addColumn, 'drop-column': dropColumn, 'rename-column': renameColumn, 'toggle-nullable': toggleNullable,
  'set-default': setDefault, 'drop-default': dropDefault, 'widen-type': widenType, 'add-index': addIndex, 'drop-index': dropIndex,
  'add-unique': addUnique, 'drop-unique': dropUnique, 'add-foreign-key': addForeignKey, 'drop-foreign-key': dropForeignKey,
  'add-check': addCheck, 'drop-check': dropCheck, 'add-table': addTable, 'drop-table': dropTable, 'rename-table': renameTable,
  'add-enum-value': addEnumValue, 'add-partition': addPartition, 'toggle-rls': toggleRls, 'toggle-tenant': toggleTenant,
};

export interface SchemaPairOptions extends SchemaArbitraryOptions {
  /** At least this many edits drawn (default 1; 0 lets a pair shrink to two equal schemas). */
  readonly minEdits?: number;
  /** At most this many edits drawn (default 6); edits that fit nothing in the schema are skipped. */
  readonly maxEdits?: number;
  /** Relative weights of the edit kinds (default 1 each; 0 leaves a kind out), to aim at some changes. */
  readonly editWeights?: Partial<Readonly<Record<EditKind, number>>>;
}

export interface SchemaPair {
  readonly from: GeneratedSchema;
  readonly to: GeneratedSchema;
  /** What each applied edit did, in order. */
  readonly edits: readonly string[];
}

/** Applies the edits in order (skipping those that fit nothing) to a copy of the model. */
export function applySchemaEdits(base: SchemaModel, recipes: readonly EditRecipe[], options: { pg11Compatible?: boolean } = {}): { model: SchemaModel; edits: string[] } {
  const ctx = { base, pg11Compatible: options.pg11Compatible ?? false };
  let model = base;
  const edits: string[] = [];
  for (const recipe of recipes) {
    const result = EDITS[recipe.kind](model, recipe, ctx);
    if (!result) continue;
    model = result.model;
    edits.push(result.description);
  }
  return { model, edits };
}

/** The raw choices of one edit (for tests that want to apply edits themselves), kinds weighted as given. */
export function editRecipeArbitrary(weights: SchemaPairOptions['editWeights'] = {}): fc.Arbitrary<EditRecipe> {
  const kinds = EDIT_KINDS.map((kind) => ({ arbitrary: fc.constant(kind), weight: weights[kind] ?? 1 })).filter((k) => k.weight > 0);
  return fc.record({
    kind: fc.oneof({ withCrossShrink: true }, ...kinds),
    table: fc.nat({ max: 7 }),
    field: fc.nat({ max: 7 }),
    pick: fc.nat({ max: 29 }),
    flag: fc.boolean(),
  });
}

const generated = (model: SchemaModel): GeneratedSchema => ({ sdl: printSchema(model), model });

/**
 * Two related valid schemas: a generated one, and the same after a random sequence of edits
 * (tables, columns and renames, nullability, defaults, type widening, indexes, uniques, foreign
 * keys, checks, enum values, partitions, row-level security, tenancy). Shrinks towards fewer
 * edits on a smaller schema.
 */
export function schemaPairArbitrary(options: SchemaPairOptions = {}): fc.Arbitrary<SchemaPair> {
  const pg11Compatible = options.pg11Compatible ?? false;
  const minLength = Math.max(0, options.minEdits ?? 1);
  const recipes = fc.array(editRecipeArbitrary(options.editWeights), { minLength, maxLength: Math.max(minLength, options.maxEdits ?? 6) });
  return fc.tuple(schemaRecipeArbitrary(options), recipes).map(([recipe, drawn]) => {
    const base = buildSchemaModel(recipe, { pg11Compatible });
    const { model, edits } = applySchemaEdits(base, drawn, { pg11Compatible });
    const pair: SchemaPair = { from: generated(base), to: generated(model), edits };
    // fast-check prints a counterexample with this: both SDLs and the edits between them.
    Object.defineProperty(pair, fc.toStringMethod, {
      value: () => `FROM:\n${pair.from.sdl}\nTO:\n${pair.to.sdl}\nEDITS:\n${edits.map((e) => `  - ${e}`).join('\n') || '  (none)'}`,
      enumerable: false,
    });
    return pair;
  });
}
