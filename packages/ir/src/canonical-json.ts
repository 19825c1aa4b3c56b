// Canonical JSON: the same data always gives the same bytes (the schema hash is taken over it).

/** One value as canonical JSON: object keys sorted, undefined properties left out. */
function write(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${write(item)}`);
  }
  return `{${parts.join(',')}}`;
}

/** JSON with object keys sorted at every level: the same data always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return write(value);
}

/**
 * Feeds canonicalJson(value) to `update` piece by piece (each element of a top-level array on its
 * own), so a 10,000-table schema is hashed without building one 15 MB string.
 */
export function writeCanonicalJson(value: Readonly<Record<string, unknown>>, update: (chunk: string) => void): void {
  let first = true;
  update('{');
  for (const key of Object.keys(value).sort()) {
    const item = value[key];
    if (item === undefined) continue;
    update(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (!Array.isArray(item)) {
      update(write(item));
      continue;
    }
    update('[');
    item.forEach((element, i) => update(`${i ? ',' : ''}${write(element)}`));
    update(']');
  }
  update('}');
}
