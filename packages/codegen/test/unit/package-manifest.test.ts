// The runtime dependencies of @wesley/codegen are exactly the packages its public code imports:
// a test helper's parser (libpg-query) must not be installed by every user.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** Bare package names imported by the files reachable from src/index.ts (type-only imports included). */
function packagesImportedByPublicCode(): string[] {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2] ?? match[3])!;
      // Generators print import lines of the code they generate: template text, not imports.
      if (specifier.includes('${')) continue;
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (!specifier.startsWith('node:')) packages.add(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
    }
  };
  visit(path.join(pkgDir, 'src/index.ts'));
  return [...packages].sort();
}

test('every runtime dependency is imported by the public code, and nothing else is', () => {
  expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(packagesImportedByPublicCode());
});
