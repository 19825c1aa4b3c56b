import { quoteIdent } from '../naming.js';

/** `CREATE EXTENSION IF NOT EXISTS`: the template database or the platform may have installed it already. */
export function createExtensionStatement(name: string): string {
  return `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(name)}`;
}
