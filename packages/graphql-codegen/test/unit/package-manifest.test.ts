// The manifest: runtime dependencies are exactly what the public code imports, and graphql is a
// peer dependency with the range @wesley/ir uses, so that an app has one copy of graphql.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { packagesImportedBy } from '@wesley/testkit';
import { PACKAGE_DIR } from './codegen-support.js';

type Manifest = { dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; devDependencies?: Record<string, string>; exports: Record<string, unknown> };
const read = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
const manifest = read(PACKAGE_DIR);
const packagesImportedByPublicCode = () => packagesImportedBy(PACKAGE_DIR, ['index', 'typescript', 'zod', 'kysely'].map((e) => `src/${e}.ts`));

test('every runtime or peer dependency is imported by the public code, and nothing else is', () => {
  const declared = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})].sort();
  expect(declared).toEqual(packagesImportedByPublicCode());
});

test('graphql is a peer dependency with the range of @wesley/ir, and a dev dependency for the tests', () => {
  const ir = read(path.join(PACKAGE_DIR, '../ir'));
  expect(manifest.peerDependencies?.graphql).toBe(ir.dependencies?.graphql);
  expect(manifest.devDependencies?.graphql).toBe(ir.dependencies?.graphql);
  expect(manifest.dependencies?.graphql).toBeUndefined();
});

test('each plugin is an entry point GraphQL Code Generator can resolve with require.resolve', () => {
  for (const entry of ['./typescript', './zod', './kysely']) {
    expect(manifest.exports[entry]).toMatchObject({ types: expect.stringMatching(/\.d\.ts$/), default: expect.stringMatching(/\.js$/) });
  }
});
