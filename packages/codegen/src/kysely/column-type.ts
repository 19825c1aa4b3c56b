import type { ColumnIR, SchemaIR } from '@wesley/ir';
import type { HelperName } from './runtime-type.js';
import { runtimeType } from './runtime-type.js';

/** A column's Kysely type, and the helper and kysely types it mentions. */
export interface KyselyColumnType {
  readonly type: string;
  readonly helpers: readonly HelperName[];
  readonly kysely: readonly ('ColumnType' | 'Generated' | 'GeneratedAlways')[];
  readonly rawArray: boolean;
}

const HELPERS: readonly HelperName[] = ['JsonValue', 'JsonInput', 'PostgresInterval', 'PostgresPoint'];

/** The name of the union type for the column's enum, if its type (or element type) is one. */
function enumTypeName(column: ColumnIR, ir: SchemaIR): string | null {
  const found = column.enum
    ? ir.enums.find((e) => e.schema === column.enum!.schema && e.name === column.enum!.name)
    : ir.enums.find((e) => column.type.replace(/(\[\])+$/, '') === `"${e.schema}"."${e.name}"`);
  return found ? found.graphqlName : null;
}

/**
 * The Kysely type of a column: what node-postgres returns, wrapped in `GeneratedAlways` for
 * identity-always and generated columns and in `Generated` (or an optional insert) for defaults.
 */
export function kyselyColumnType(column: ColumnIR, ir: SchemaIR): KyselyColumnType {
  const elementNullable = column.graphqlType.list?.nullable ?? true;
  const runtime = runtimeType(column.type, enumTypeName(column, ir), elementNullable);
  const nullable = (type: string) => (column.nullable ? `${type} | null` : type);
  const [select, insert, update] = [runtime.select, runtime.insert, runtime.update].map(nullable) as [string, string, string];
  const simple = insert === select && update === select;
  let type: string;
  if (column.identity === 'always' || column.generated) type = `GeneratedAlways<${select}>`;
  else if (column.identity === 'by default' || column.default) {
    // Generated<ColumnType<...>> does not distribute in kysely: spell the optional insert out.
    type = simple ? `Generated<${select}>` : `ColumnType<${select}, ${insert} | undefined, ${update}>`;
  } else type = simple ? select : `ColumnType<${select}, ${insert}, ${update}>`;
  const helpers = HELPERS.filter((name) => new RegExp(`\\b${name}\\b`).test(type));
  const kysely = (['ColumnType', 'GeneratedAlways', 'Generated'] as const).filter((name) => new RegExp(`\\b${name}<`).test(type));
  return { type, helpers, kysely, rawArray: runtime.rawArray === true };
}
