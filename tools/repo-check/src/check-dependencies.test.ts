import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkDependencies, importsOf, readWorkspace, type WorkspacePackage } from './check-dependencies.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const workspace = readWorkspace(root);

const withExtraSource = (name: string, text: string): WorkspacePackage[] =>
  workspace.map((p) => (p.name === name ? { ...p, sources: [...p.sources, { path: `${p.dir}/src/injected.ts`, text }] } : p));

describe('dependency direction', () => {
  test('the workspace has every package of the design', () => {
    expect(workspace.map((p) => p.name).sort()).toEqual(
      ['@wesley/cli', '@wesley/codegen', '@wesley/drift', '@wesley/executor', '@wesley/graphql-codegen', '@wesley/ir', '@wesley/planner', '@wesley/testkit'],
    );
  });

  test('the repository follows the rules', () => {
    expect(checkDependencies(workspace)).toEqual([]);
  });

  test.each([
    ['@wesley/ir', `import { planMigration } from '@wesley/planner';`, /ir may import only no other/],
    ['@wesley/planner', `export * from '@wesley/cli';`, /planner may import only @wesley\/ir/],
    ['@wesley/executor', `import { introspect } from '@wesley/drift';`, /executor may import only/],
    ['@wesley/drift', `const m = await import('@wesley/executor');`, /drift may import only/],
    ['@wesley/codegen', `import type { SchemaIR } from '@wesley/ir/src/types.js';`, /import only what @wesley\/ir's index exports/],
    ['@wesley/planner', `import pg from 'pg';`, /must stay pure/],
    ['@wesley/ir', `import { readFileSync } from 'node:fs';`, /must stay pure/],
    ['@wesley/codegen', `const url = process.env.DATABASE_URL;`, /must stay pure/],
    ['@wesley/ir', `const now = new Date();`, /reads the clock \(new Date\(\)\)/],
    ['@wesley/ir', `const now = new Date;`, /reads the clock/],
    ['@wesley/planner', `const stamp = Date();`, /reads the clock/],
    ['@wesley/codegen', `const t0 = performance.now();`, /reads the clock \(performance\.now\(\)/],
    ['@wesley/planner', `const t0 = process.hrtime.bigint();`, /reads the clock/],
    ['@wesley/ir', `import { randomBytes } from 'node:crypto';`, /reads randomness \(randomBytes\)/],
    ['@wesley/planner', `const id = crypto.randomUUID();`, /reads randomness \(randomUUID\)/],
    ['@wesley/codegen', `crypto.getRandomValues(buffer);`, /reads randomness/],
    ['@wesley/codegen', `const { env } = globalThis.process;`, /reads the environment \(globalThis\.process\)/],
    ['@wesley/cli', `import { x } from '../../../packages/ir/src/index.js';`, /reaches into another package/],
  ])('a forbidden import in %s fails the check: %s', (name, text, message) => {
    const problems = checkDependencies(withExtraSource(name, text));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  test('pure conversions are not mistaken for reading the clock or randomness', () => {
    const text = `const d = new Date(Date.UTC(2026, 0, 1));\nconst t = new Date(0);\nconst sql = 'gen_random_uuid()';\nconst x = toDate();`;
    expect(checkDependencies(withExtraSource('@wesley/ir', text))).toEqual([]);
  });

  test('a forbidden package.json dependency fails the check', () => {
    const broken = workspace.map((p) =>
      p.name === '@wesley/ir' ? { ...p, manifest: { ...p.manifest, dependencies: { '@wesley/codegen': 'workspace:^' } } } : p,
    );
    expect(checkDependencies(broken)).toEqual(['@wesley/ir: package.json depends on @wesley/codegen, which it may not use']);
  });

  test('tests may use the test kit', () => {
    const withTest = workspace.map((p) =>
      p.name === '@wesley/executor' ? { ...p, tests: [{ path: 'x.test.ts', text: `import { testServers } from '@wesley/testkit/vitest';` }] } : p,
    );
    expect(checkDependencies(withTest)).toEqual([]);
  });

  test('importsOf finds static, re-export, side-effect and dynamic imports', () => {
    const text = `import a from 'a';\nimport type { B } from "b";\nexport { c } from 'c';\nimport 'd';\nconst e = await import('e');\nimport {\n  f,\n} from 'f';`;
    expect(importsOf(text)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
