import { createSchemaStatement, type SchemaIR } from '@wesley/ir';

/**
 * `CREATE SCHEMA IF NOT EXISTS` for every schema the script puts something in, except `public`
 * (present in every new database): the IR's schemas first, then those only helper functions,
 * enums or tables name, so a compiler that forgets one still yields SQL that applies.
 */
export function createSchemas(ir: SchemaIR): string[] {
  const names = new Set<string>();
  for (const name of ir.schemas) names.add(name);
  for (const fn of ir.functions) names.add(fn.schema);
  for (const e of ir.enums) names.add(e.schema);
  for (const t of ir.tables) names.add(t.schema);
  names.delete('public');
  return [...names].map(createSchemaStatement);
}
