// SQL fragments in the SDL (defaults, checks, predicates, policies, types, partition bounds) are
// checked with the real PostgreSQL parser (libpg-query, WebAssembly), never with regexes.
import { loadModule, parseSync } from 'libpg-query';

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
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const position = typeof details?.cursorPosition === 'number' ? Math.max(0, details.cursorPosition - 1) : null;
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
