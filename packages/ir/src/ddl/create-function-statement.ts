import { qualifiedName } from '../naming.js';
import type { FunctionIR } from '../types.js';
import { dollarQuote } from './dollar-quote.js';

// A single-SELECT STABLE SQL function is inlined into the policy expression by the planner, so
// it costs no function call per row. Parameters are referenced by name, which works since 9.2.
const JWT_CLAIM_BODY = `
  SELECT nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> claim
`;

// jsonb_populate_record sets the column named by the trigger argument without dynamic SQL, so
// one function serves every table whatever its updated-at column is called.
const TOUCH_BODY = `
BEGIN
  NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], now()));
  RETURN NEW;
END
`;

/** `CREATE OR REPLACE FUNCTION` for a helper function the IR asks for, its body chosen by its purpose. */
export function createFunctionStatement(fn: FunctionIR): string {
  const name = qualifiedName(fn.schema, fn.name);
  switch (fn.purpose) {
    case 'jwt-claim':
      return `CREATE OR REPLACE FUNCTION ${name}(claim text) RETURNS text LANGUAGE sql STABLE AS ${dollarQuote(JWT_CLAIM_BODY)}`;
    case 'touch-updated-at':
      return `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS ${dollarQuote(TOUCH_BODY)}`;
  }
}
