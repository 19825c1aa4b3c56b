import { quoteIdent } from '../naming.js';

/** `CREATE SCHEMA IF NOT EXISTS`: the template database or the platform may provide it (Supabase's `auth`). */
export function createSchemaStatement(name: string): string {
  return `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(name)}`;
}
