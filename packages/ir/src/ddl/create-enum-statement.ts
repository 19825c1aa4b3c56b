import { qualifiedName, quoteLiteral } from '../naming.js';
import type { EnumIR } from '../types.js';

/** `CREATE TYPE ... AS ENUM (...)` with the enum's values in IR order. */
export function createEnumStatement(e: EnumIR): string {
  return `CREATE TYPE ${qualifiedName(e.schema, e.name)} AS ENUM (${e.values.map(quoteLiteral).join(', ')})`;
}
