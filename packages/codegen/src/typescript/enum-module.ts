import type { EnumIR } from '@wesley/ir';
import { docComment } from './render-module.js';

/** An enum as a frozen-by-type `const` object plus the union of its values (no TS `enum`). */
export function enumBlocks(e: EnumIR): string[][] {
  const name = e.graphqlName;
  const object = [...docComment(e.comment), `export const ${name} = {`, ...e.values.map((v) => `  ${v}: '${v}',`), '} as const;'];
  return [object, [`export type ${name} = (typeof ${name})[keyof typeof ${name}];`]];
}
