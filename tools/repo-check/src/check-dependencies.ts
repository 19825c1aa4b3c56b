import fs from 'node:fs';
import path from 'node:path';

/**
 * Which @wesley packages each package may import (ARCHITECTURE.md):
 * ir <- planner, codegen, drift <- executor <- cli. Nothing imports cli; executor and drift do
 * not import each other. The private test kit may be used by any package's tests.
 */
export const ALLOWED_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  '@wesley/ir': [],
  '@wesley/planner': ['@wesley/ir'],
  '@wesley/codegen': ['@wesley/ir'],
  '@wesley/drift': ['@wesley/ir', '@wesley/planner'],
  '@wesley/executor': ['@wesley/ir', '@wesley/planner'],
  '@wesley/graphql-codegen': ['@wesley/ir', '@wesley/codegen'],
  '@wesley/cli': ['@wesley/ir', '@wesley/planner', '@wesley/codegen', '@wesley/drift', '@wesley/executor'],
  '@wesley/testkit': [],
};

/** Packages that must stay pure: no database driver, file system, processes, network or env. */
export const PURE_PACKAGES = ['@wesley/ir', '@wesley/planner', '@wesley/codegen'] as const;
const IMPURE_MODULES = /^(node:)?(fs|fs\/promises|child_process|net|http|https|os|worker_threads|cluster|dgram|dns|tls)$|^pg($|\/)|^pg-|^chokidar$/;

/**
 * What a pure package's code must not touch, by what it is. `new Date(...)` with an argument is a
 * pure conversion (the compiler validates dates with `new Date(Date.UTC(y, m, d))`); `new Date()`,
 * `new Date` and `Date()` read the clock.
 */
export const IMPURE_GLOBALS = {
  'the environment': /\bprocess\.env\b|\bglobalThis\.process\b/,
  'the clock': /\bDate\.now\s*\(|\bnew\s+Date\s*\(\s*\)|\bnew\s+Date\b(?!\s*\()|(?<![\w$.])Date\s*\(\s*\)|\bperformance\.now\s*\(|\bprocess\.hrtime\b/,
  randomness: /\bMath\.random\s*\(|\brandomBytes\b|\brandomUUID\b|\brandomInt\b|\bgetRandomValues\b/,
} as const;

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
  /** Non-test source files (src/**, excluding *.test.ts). */
  readonly sources: readonly SourceFile[];
  /** Test files: may use the test kit, their devDependencies and any test tooling. */
  readonly tests: readonly SourceFile[];
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** The module specifiers a TypeScript file imports or re-exports. */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) found.push((match[1] ?? match[2] ?? match[3])!);
  return found;
}

const wesleyPackageOf = (specifier: string) => /^@wesley\/[^/]+/.exec(specifier)?.[0];

/** Every violation of the dependency rules, as human-readable lines (empty: all good). */
export function checkDependencies(packages: readonly WorkspacePackage[]): string[] {
  const problems: string[] = [];
  const known = new Set(packages.map((p) => p.name));
  for (const pkg of packages) {
    const allowed = ALLOWED_DEPENDENCIES[pkg.name];
    if (!allowed) {
      problems.push(`${pkg.name}: not in ALLOWED_DEPENDENCIES; add it to tools/repo-check with the packages it may use`);
      continue;
    }
    const declared = { ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies };
    for (const dep of Object.keys(declared)) {
      if (known.has(dep) && !allowed.includes(dep)) problems.push(`${pkg.name}: package.json depends on ${dep}, which it may not use`);
    }
    const check = (file: SourceFile, isTest: boolean) => {
      for (const specifier of importsOf(file.text)) {
        const target = wesleyPackageOf(specifier);
        if (target && target !== pkg.name) {
          // Tests may also use the test kit, and a package they declare as a devDependency (drift's
          // tests apply the SQL codegen writes): that never reaches the published code.
          const ok = allowed.includes(target) || (isTest && (target === '@wesley/testkit' || target in (pkg.manifest.devDependencies ?? {})));
          if (!ok) problems.push(`${file.path}: imports ${specifier}; ${pkg.name} may import only ${allowed.join(', ') || 'no other @wesley package'}`);
          if (specifier !== target && !isTest) problems.push(`${file.path}: imports ${specifier}; import only what ${target}'s index exports`);
        }
        if (specifier.startsWith('.') && /(^|\/)(packages|apps)\/|\.\.\/\.\.\/[a-z-]+\/src\//.test(specifier)) {
          problems.push(`${file.path}: reaches into another package with ${specifier}`);
        }
        if (!isTest && (PURE_PACKAGES as readonly string[]).includes(pkg.name) && IMPURE_MODULES.test(specifier)) {
          problems.push(`${file.path}: imports ${specifier}, but ${pkg.name} must stay pure (no I/O)`);
        }
      }
      if (!isTest && (PURE_PACKAGES as readonly string[]).includes(pkg.name)) {
        for (const [what, pattern] of Object.entries(IMPURE_GLOBALS)) {
          const found = pattern.exec(file.text);
          if (found) problems.push(`${file.path}: reads ${what} (${found[0].trim()}), but ${pkg.name} must stay pure`);
        }
      }
    };
    for (const file of pkg.sources) check(file, false);
    for (const file of pkg.tests) check(file, true);
  }
  return problems;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|mts|js|mjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Reads the workspace's packages (packages/*, apps/*, tools/* with a package.json). */
export function readWorkspace(root: string): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps', 'tools']) {
    for (const name of fs.readdirSync(path.join(root, group)).sort()) {
      const dir = path.join(root, group, name);
      const manifestPath = path.join(dir, 'package.json');
      if (!fs.existsSync(manifestPath)) continue;
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
      const read = (file: string) => ({ path: path.relative(root, file), text: fs.readFileSync(file, 'utf8') });
      const all = [...listFiles(path.join(dir, 'src')), ...listFiles(path.join(dir, 'test'))].map(read);
      const isTest = (f: SourceFile) => /\.test\.ts$|\/test\//.test(f.path);
      out.push({ name: manifest.name, dir, manifest, sources: all.filter((f) => !isTest(f)), tests: all.filter(isTest) });
    }
  }
  return out;
}
