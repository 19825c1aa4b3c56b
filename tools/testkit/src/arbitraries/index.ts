// fast-check arbitraries shared by the property tests of every package.
export { schemaArbitrary, schemaRecipeArbitrary } from './schema-arbitrary.js';
export type { GeneratedSchema, SchemaArbitraryOptions } from './schema-arbitrary.js';
export { schemaPairArbitrary, applySchemaEdits, editRecipeArbitrary } from './schema-pair-arbitrary.js';
export type { SchemaPair, SchemaPairOptions } from './schema-pair-arbitrary.js';
export { EDIT_KINDS } from './schema-edit.js';
export type { EditKind, EditRecipe } from './schema-edit.js';
export { buildSchemaModel } from './build-schema-model.js';
export type { BuildOptions } from './build-schema-model.js';
export { printSchema, printSchemaBlocks } from './print-schema.js';
export type { PrintOptions } from './print-schema.js';
export { SCALARS, snakeCase, columnName, tableName, quoteIdent, quoteColumn } from './schema-model.js';
export type {
  SchemaModel, TableModel, FieldModel, EnumModel, FieldType, ScalarName, DefaultModel, ForeignKeyModel, CompositeModel,
  PartitionModel, RelationModel, IndexMethodName, FkActionName, IdentityMode, JsonLiteral,
} from './schema-model.js';
export type { SchemaRecipe, TableRecipe, FieldRecipe, EnumRecipe, PairRecipe } from './schema-recipe.js';
export { KNOWN_BUGS, knownBugsIn, withoutKnownBugs } from './known-bugs.js';
export type { KnownBug } from './known-bugs.js';
