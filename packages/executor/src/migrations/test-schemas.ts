// Schemas and temp folders shared by the migrations tests (not exported from the package).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileSchema, type SchemaIR } from '@wesley/ir';

export const V1 = `type Org @table {
  id: ID! @pk
  name: String!
}
`;

/** V1 plus a column and an index: additive, so it plans without --unsafe. */
export const V2 = `type Org @table {
  id: ID! @pk
  name: String!
  slug: String @index
}
`;

/** V2 without `name`: a destructive change. */
export const V3_DROP = `type Org @table {
  id: ID! @pk
  slug: String @index
}
`;

export async function compile(text: string): Promise<SchemaIR> {
  const result = await compileSchema([{ name: 'schema.graphql', text }]);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.ir;
}

/** A fresh folder under the system temp folder; remove it with `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-migrations-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const at = (iso: string) => new Date(iso);
