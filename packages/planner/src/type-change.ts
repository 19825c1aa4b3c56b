// Which ALTER COLUMN ... TYPE changes PostgreSQL performs without rewriting the table. An explicit
// allow-list (docs/planner.md), not a question to the server: each entry is proven on every
// supported major by the lock-truth tests (relfilenode unchanged). Anything else rewrites.

export interface TypeChange {
  readonly rewrite: boolean;
  /** Why it does or does not rewrite, for the explain. */
  readonly reason: string;
}

interface Parsed {
  readonly base: string;
  readonly mods: readonly number[] | null;
}

// format_type() spelling: `character varying(20)`, `numeric(10,2)`, `timestamp(3) without time zone`.
function parse(type: string): Parsed {
  const match = /^([a-z ]+?)(?:\((\d+(?:,\s*\d+)?)\))?( with(?:out)? time zone)?$/.exec(type);
  if (!match) return { base: type, mods: null };
  const base = `${match[1]}${match[3] ?? ''}`;
  return { base, mods: match[2] ? match[2].split(',').map((n) => Number(n.trim())) : null };
}

const TEXT_LIKE = new Set(['text', 'character varying']);
/** Types whose typmod only limits precision or length: widening it, or dropping it, is a no-op. */
const WIDENABLE = new Set([
  'character varying',
  'bit varying',
  'timestamp without time zone',
  'timestamp with time zone',
  'time without time zone',
]);

/** Classifies a column type change between two `format_type()` spellings. */
export function classifyTypeChange(fromType: string, toType: string): TypeChange {
  if (fromType === toType) return { rewrite: false, reason: 'same type' };
  const a = parse(fromType);
  const b = parse(toType);
  // varchar(n) -> text, varchar -> text, text -> varchar (no limit): binary coercible, no check.
  if (TEXT_LIKE.has(a.base) && TEXT_LIKE.has(b.base) && b.mods === null) {
    return { rewrite: false, reason: `${fromType} is binary coercible to ${toType} and no length is checked` };
  }
  if (a.base === b.base && WIDENABLE.has(a.base)) {
    if (b.mods === null) return { rewrite: false, reason: `dropping the limit of ${a.base} changes no stored value` };
    if (a.mods !== null && b.mods[0]! >= a.mods[0]!) return { rewrite: false, reason: `widening ${a.base} changes no stored value` };
  }
  if (a.base === 'numeric' && b.base === 'numeric' && a.mods !== null) {
    if (b.mods === null) return { rewrite: false, reason: 'unconstrained numeric keeps every stored value' };
    const [p1, s1 = 0] = a.mods;
    const [p2, s2 = 0] = b.mods;
    if (s1 === s2 && p2! >= p1!) return { rewrite: false, reason: 'a larger numeric precision with the same scale keeps every stored value' };
  }
  return { rewrite: true, reason: `${fromType} -> ${toType} is not on the no-rewrite allow-list: PostgreSQL rewrites the table and rebuilds its indexes` };
}
