// The runtime dependencies of @wesley/codegen are exactly the packages its public code imports:
// a test helper's parser (libpg-query) must not be installed by every user.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packagesImportedBy } from '@wesley/testkit';
import { expect, test } from 'vitest';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
/** Bare package names imported by the files reachable from src/index.ts (type-only imports included). */
const packagesImportedByPublicCode = () => packagesImportedBy(pkgDir, ['src/index.ts']);

test('every runtime dependency is imported by the public code, and nothing else is', () => {
  expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(packagesImportedByPublicCode());
});
