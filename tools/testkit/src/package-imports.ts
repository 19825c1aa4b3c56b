// For packages' manifest tests: the bare package names a package's public code imports, so a test
// can require its runtime dependencies to be exactly those (a test helper's library must not be
// installed by every user).
import fs from 'node:fs';
import path from 'node:path';

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/**
 * Bare package names imported by the files reachable from `entries` (paths relative to
 * `packageDir`, e.g. `src/index.ts`), type-only imports included, `node:` modules left out.
 * Specifiers that are not module names (generated code printed as text: `${...}`, or a regular
 * expression's source) are skipped.
 */
export function packagesImportedBy(packageDir: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2] ?? match[3])!;
      if (!/^[@\w./:-]+$/.test(specifier)) continue;
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (!specifier.startsWith('node:')) packages.add(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
    }
  };
  for (const entry of entries) visit(path.join(packageDir, entry));
  return [...packages].sort();
}
