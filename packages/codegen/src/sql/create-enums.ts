import { qualifiedName, quoteLiteral, type EnumIR } from '@wesley/ir';

/** `CREATE TYPE ... AS ENUM (...)` for each enum, in IR order. */
export function createEnums(enums: readonly EnumIR[]): string[] {
  return enums.map((e) => `CREATE TYPE ${qualifiedName(e.schema, e.name)} AS ENUM (${e.values.map(quoteLiteral).join(', ')})`);
}
