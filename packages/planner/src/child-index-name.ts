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
 * The name PostgreSQL gives a partition's copy of a partitioned index (ChooseIndexName ->
 * makeObjectName: `<partition>_<col>_<col>_idx`, the longer part clipped first to fit 63 bytes),
 * so that an index built partition by partition is named as a fresh CREATE TABLE ... PARTITION OF
 * would name it. PostgreSQL appends a number on a clash; the planner does not foresee clashes.
 */
export function childIndexName(partition: string, columns: readonly string[], label: 'idx' | 'key' | 'pkey'): string {
  let addition = '';
  for (const column of columns) {
    if (bytes(addition) >= NAMEDATALEN) break;
    addition = clip(addition ? `${addition}_${column}` : column, NAMEDATALEN - 1);
  }
  const available = NAMEDATALEN - 1 - (bytes(label) + 1) - (addition ? 1 : 0);
  let n1 = bytes(partition);
  let n2 = bytes(addition);
  while (n1 + n2 > available) {
    if (n1 > n2) n1--;
    else n2--;
  }
  const parts = [clip(partition, n1), ...(addition ? [clip(addition, n2)] : []), label];
  return parts.join('_');
}
