import { isRoleKeyword, quoteIdent } from '../naming.js';

/** A role as a policy's TO list writes it: the keyword upper-cased, any other name quoted. */
export function roleSpec(role: string): string {
  return isRoleKeyword(role) ? role.toUpperCase() : quoteIdent(role);
}
