import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readWorkspace } from './check-dependencies.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const published = readWorkspace(root).filter((p) => !(p.manifest as { private?: boolean }).private);

// Runs after `pnpm build` (the test command builds first): publint checks the built package.
describe.each(published.map((p) => [p.name, p] as const))('%s is publishable', (_name, pkg) => {
  const manifest = pkg.manifest as Record<string, unknown>;

  test('package.json follows the house rules', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.engines).toEqual({ node: '>=20.19' });
    expect((manifest.exports as Record<string, { types?: string }>)['.']?.types).toMatch(/\.d\.ts$/);
    expect(fs.existsSync(path.join(pkg.dir, 'README.md'))).toBe(true);
  });

  test('publint finds nothing to fix', async () => {
    const { messages } = await publint({ pkgDir: pkg.dir, strict: true, level: 'suggestion' });
    const readable = messages.map((m) => `${m.type}: ${formatMessage(m, JSON.parse(fs.readFileSync(path.join(pkg.dir, 'package.json'), 'utf8'))) ?? m.code}`);
    expect(readable).toEqual([]);
  });
});
