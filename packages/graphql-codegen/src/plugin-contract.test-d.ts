// Compile-time only (checked by `pnpm typecheck`, bundled nowhere): the plugins satisfy
// GraphQL Code Generator's own contract, which the public types restate so that users need no
// @graphql-codegen/plugin-helpers to read them.
import type { CodegenPlugin } from '@graphql-codegen/plugin-helpers';
import type * as kysely from './kysely.js';
import type * as typescript from './typescript.js';
import type * as zod from './zod.js';

type Satisfies<T extends CodegenPlugin> = T;
export type Contract = [
  Satisfies<typeof typescript>,
  Satisfies<typeof zod>,
  Satisfies<typeof kysely>,
];
