import { createExtensionStatement, type SchemaIR } from '@wesley/ir';

/** `CREATE EXTENSION IF NOT EXISTS` for each extension, sorted and deduplicated. */
export function createExtensions(ir: SchemaIR): string[] {
  // Code-unit order, not localeCompare: the output must not depend on the machine's locale.
  const names = [...new Set(ir.extensions)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map(createExtensionStatement);
}
