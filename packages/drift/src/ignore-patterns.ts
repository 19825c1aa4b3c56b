// Ignore lists: globs over drift paths (`public.audit_*`, `*.legacy_column`, `extension.*`), where
// `*` matches any run of characters and a pattern that matches an object covers what is inside it.

/** The globs as RegExps over a whole path. */
export function ignorePatterns(globs: readonly string[]): RegExp[] {
  return globs.map((glob) => new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`));
}

/** True when the path, or the path of an object it is inside, matches a pattern. */
export function isIgnoredPath(path: string, patterns: readonly RegExp[]): boolean {
  const parts = path.split('.');
  for (let n = 1; n <= parts.length; n++) {
    const prefix = parts.slice(0, n).join('.');
    if (patterns.some((p) => p.test(prefix))) return true;
  }
  return false;
}
