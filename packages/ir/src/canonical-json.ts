// Canonical JSON: the same data always gives the same bytes (the schema hash is taken over it).
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level: the same data always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  const normalize = (v: unknown): Json => {
    if (v === null || typeof v !== 'object') return v === undefined ? null : (v as Json);
    if (Array.isArray(v)) return v.map(normalize);
    const out: Record<string, Json> = {};
    for (const key of Object.keys(v).sort()) {
      const item = (v as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = normalize(item);
    }
    return out;
  };
  return JSON.stringify(normalize(value));
}
