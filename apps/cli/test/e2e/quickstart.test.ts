// The README's quick start, as a newcomer runs it: a fresh clone of this working tree (tracked
// files and untracked ones git does not ignore; no node_modules, dist, .wesley or generated), then
// the first line of the README's first ```sh block, exactly as written, with bash. It installs
// (from the warm pnpm store), builds, and runs the main job on the embedded PostgreSQL. Run it
// again and every step has nothing to do. The second line must stay `pnpm test`: .ci/run runs that.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ANSI, embeddedServerRunning, REPO_ROOT, run, STACK_LINE, tempProject, type TempProject } from './run-wesley.js';

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const FIRST_SH_BLOCK = /^```sh\n([\s\S]*?)^```/m.exec(README)?.[1]?.split('\n') ?? [];
const FIRST_LINE = FIRST_SH_BLOCK[0] ?? '';
const SECOND_LINE = (FIRST_SH_BLOCK[1] ?? '').replace(/\s+#.*$/, '').trim();

// Installing and building from scratch takes about a minute on 2 cores; the job itself seconds.
const TIMEOUT_MS = 8 * 60_000;

let clone: TempProject;
beforeAll(() => {
  clone = tempProject('wesley-e2e-clone-');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 }).split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(REPO_ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree, not yet in the index
    fs.mkdirSync(path.dirname(clone.path(file)), { recursive: true });
    fs.cpSync(from, clone.path(file), { verbatimSymlinks: true });
  }
  // Folders the postgres user (which runs the embedded server under root) must enter.
  execFileSync('chmod', ['-R', 'go+rX', clone.dir]);
});
afterAll(() => clone?.remove());

/** The quick-start line, as a user's shell runs it. */
const quickStart = () => run('bash', ['-c', FIRST_LINE], { cwd: clone.dir, timeoutMs: TIMEOUT_MS, env: { npm_config_prefer_offline: 'true', TURBO_TELEMETRY_DISABLED: '1' } });

test('the README quick start block is the job line, then `pnpm test` (what .ci/run runs)', () => {
  expect(FIRST_LINE).toMatch(/^pnpm install && pnpm -s wesley generate && .*pnpm -s wesley migrate status$/);
  expect(SECOND_LINE).toBe('pnpm test');
  expect(fs.readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf8').trimEnd().split('\n').at(-1)).toBe(SECOND_LINE);
});

test('the first line runs from a fresh clone, and again with nothing to do', { timeout: 2 * TIMEOUT_MS + 60_000 }, async () => {
  expect(fs.existsSync(clone.path('node_modules'))).toBe(false);
  const first = await quickStart();
  console.info(`quick start from a fresh clone: ${(first.ms / 1000).toFixed(1)} s`);
  expect(first.code, String(first)).toBe(0);
  const out = first.stdout;
  expect(out).toMatch(/^Compiled \d+ files?: \d+ tables/m);
  expect(out).toMatch(/^Created generated\/saas\/migrations\/\d{14}_initial\//m);
  expect(out).toMatch(/^== \d{14}_initial \(pending\) ==$/m);
  expect(out).toContain('Migration plan');
  expect(out).toMatch(/^Applied 1 migration \(PostgreSQL 18\.\d+\):$/m);
  expect(out).toMatch(/^id\s+state\s+applied at\s+steps\s+checkpoint$/m);
  expect(out).toMatch(/^\d{14}_initial\s+applied\s+/m);
  expect(first.stderr).toMatch(/^Using the embedded PostgreSQL 18\.\d+ in \.wesley\/postgres .*created and started/m);
  expect(first.stdout + first.stderr).not.toMatch(STACK_LINE);
  expect(embeddedServerRunning(clone)).toBe(false);

  const again = await quickStart();
  console.info(`quick start again: ${(again.ms / 1000).toFixed(1)} s`);
  expect(again.code, String(again)).toBe(0);
  expect(again.stdout).toMatch(/No changes/);
  expect(again.stdout).toMatch(/^Nothing to apply: /m);
  expect(again.stdout).toMatch(/^\d{14}_initial\s+applied\s+/m);
  expect(fs.readdirSync(clone.path('generated/saas/migrations')).filter((n) => /^\d{14}_/.test(n))).toHaveLength(1);
  expect(again.stdout).not.toMatch(ANSI);
  expect(embeddedServerRunning(clone)).toBe(false);
});
