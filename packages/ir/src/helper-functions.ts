import type { FunctionIR } from './types.js';

/** `auth.jwt_claim(claim)`: reads a claim of the request's JWT (tenant and @rls policies call it). */
export const JWT_CLAIM_FUNCTION: FunctionIR = { schema: 'auth', name: 'jwt_claim', purpose: 'jwt-claim' };

/** `wesley.touch_updated_at()`: the trigger function behind `@updatedAt`. */
export const TOUCH_FUNCTION: FunctionIR = { schema: 'wesley', name: 'touch_updated_at', purpose: 'touch-updated-at' };

/** Every helper function the generated SQL may create (introspection recognises them by name). */
export const HELPER_FUNCTIONS: readonly FunctionIR[] = [JWT_CLAIM_FUNCTION, TOUCH_FUNCTION];

/**
 * The executor's ledger tables (schema `wesley`): Wesley's own bookkeeping, never part of a user
 * schema, so drift checks leave them out.
 */
export const LEDGER_TABLES: readonly { readonly schema: string; readonly name: string }[] = [
  { schema: 'wesley', name: 'migrations' },
  { schema: 'wesley', name: 'migration_steps' },
];
