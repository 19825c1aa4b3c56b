import { quoteIdent } from '@wesley/ir';

// Keywords in a policy's TO list; quoted, they would name ordinary roles called that.
const KEYWORDS = new Set(['public', 'current_user', 'session_user']);

/** True for PUBLIC, CURRENT_USER and SESSION_USER (any case): keywords, not roles to create. */
export function isRoleKeyword(role: string): boolean {
  return KEYWORDS.has(role.toLowerCase());
}

/** A role as a policy's TO list writes it: the keyword upper-cased, any other name quoted. */
export function roleSpec(role: string): string {
  return isRoleKeyword(role) ? role.toUpperCase() : quoteIdent(role);
}
