const NAMEDATALEN = 64;
const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s).length;

/** The longest prefix of `s` of at most `max` UTF-8 bytes, never splitting a character. */
function clip(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (bytes(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/**
 * PostgreSQL's makeObjectName: `<name1>_<name2>_<label>`, the longer of name1 and name2 clipped
 * first until the whole fits in 63 bytes. It names the indexes, constraints and NOT NULL
 * constraints (PG 18) that the server names by itself. PostgreSQL appends a number on a clash;
 * the planner does not foresee clashes.
 */
export function makeObjectName(name1: string, name2: string | null, label: string): string {
  const available = NAMEDATALEN - 1 - (bytes(label) + 1) - (name2 ? 1 : 0);
  let n1 = bytes(name1);
  let n2 = name2 ? bytes(name2) : 0;
  while (n1 + n2 > available) {
    if (n1 > n2) n1--;
    else n2--;
  }
  return [clip(name1, n1), ...(name2 ? [clip(name2, n2)] : []), label].join('_');
}

/**
 * The name PostgreSQL gives a partition's copy of a partitioned index (ChooseIndexName:
 * `<partition>_<col>_<col>_idx`), so that an index built partition by partition is named as a
 * fresh CREATE TABLE ... PARTITION OF would name it.
 */
export function childIndexName(partition: string, columns: readonly string[], label: string): string {
  let addition = '';
  for (const column of columns) {
    if (bytes(addition) >= NAMEDATALEN) break;
    addition = clip(addition ? `${addition}_${column}` : column, NAMEDATALEN - 1);
  }
  return makeObjectName(partition, addition || null, label);
}

/** The name PostgreSQL 18 gives a column's NOT NULL constraint: `<table>_<column>_not_null`. */
export function notNullConstraintName(table: string, column: string): string {
  return makeObjectName(table, column, 'not_null');
}
