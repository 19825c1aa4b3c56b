// SQL fragments in the SDL (defaults, checks, predicates, policies, types, partition bounds) are
// checked with the real PostgreSQL parser (libpg-query, WebAssembly), never with regexes.
import { hasSqlDetails, loadModule, parseSync, scanSync } from 'libpg-query';

let loaded: Promise<void> | undefined;

/** Loads the parser once; every compile awaits it before parsing synchronously. */
export function loadSqlParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/** A parse tree node: `{ NodeType: { ...fields } }`. */
export type PgNode = Record<string, unknown>;

export type ParseOutcome =
  | { readonly ok: true; readonly stmts: readonly PgNode[] }
  | { readonly ok: false; readonly message: string; readonly position: number | null };

/** Parses SQL text; `position` is the 0-based character offset of a syntax error. */
export function parseSql(sql: string): ParseOutcome {
  try {
    const result = parseSync(sql) as { stmts?: Array<{ stmt: PgNode }> };
    return { ok: true, stmts: (result.stmts ?? []).map((s) => s.stmt) };
  } catch (error) {
    // Not a syntax error (e.g. the parser was never loaded): never report that as bad input.
    if (!hasSqlDetails(error)) throw error;
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const position = typeof details?.cursorPosition === 'number' ? Math.max(0, details.cursorPosition) : null; // 0-based already
    return { ok: false, message: (error as Error).message, position };
  }
}

/** Calls `visit` on every node of a parse tree (objects keyed by node type), depth first. */
export function walkNodes(tree: unknown, visit: (type: string, node: Record<string, unknown>) => void): void {
  if (Array.isArray(tree)) {
    for (const item of tree) walkNodes(item, visit);
    return;
  }
  if (tree === null || typeof tree !== 'object') return;
  for (const [key, value] of Object.entries(tree)) {
    if (/^[A-Z]/.test(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      visit(key, value as Record<string, unknown>);
    }
    walkNodes(value, visit);
  }
}

/** The string parts of a `names` / `funcname` list (`[{String:{sval}}]`). */
export function nameParts(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((n) => ((n as { String?: { sval?: string } }).String?.sval ?? ''));
}

export type FragmentOutcome =
  | { readonly ok: true; readonly sql: string }
  | { readonly ok: false; readonly message: string };

/**
 * A SQL fragment from the SDL that will be embedded in generated DDL: it must be one piece of a
 * statement. Refuses `;` (a second statement), parentheses that close what they did not open,
 * and `$1` parameters; strips comments, which could otherwise swallow the DDL that follows.
 * The scanner is PostgreSQL's own, so quotes, dollar quotes and comments are read exactly.
 */
export function checkFragment(sql: string): FragmentOutcome {
  let tokens: Array<{ start: number; end: number; tokenName: string; text: string }>;
  try {
    tokens = scanSync(sql).tokens;
  } catch (error) {
    if (!hasSqlDetails(error)) throw error;
    return { ok: false, message: `it does not scan as SQL (${(error as Error).message})` };
  }
  let depth = 0;
  let out = '';
  let last = 0;
  for (const t of tokens) {
    if (t.tokenName === 'ASCII_59') return { ok: false, message: 'it contains ";": one fragment may not end the statement or start another' };
    if (t.tokenName === 'PARAM') return { ok: false, message: `it contains the parameter ${t.text}, which DDL cannot take` };
    if (t.tokenName === 'ASCII_40') depth++;
    if (t.tokenName === 'ASCII_41' && --depth < 0) return { ok: false, message: 'it closes a parenthesis it did not open' };
    if (t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT') {
      out += `${sql.slice(last, t.start)} `;
      last = t.end;
    }
  }
  if (depth !== 0) return { ok: false, message: 'its parentheses do not balance' };
  out += sql.slice(last);
  return { ok: true, sql: out.replace(/[ \t]+\n/g, '\n').trim() };
}
