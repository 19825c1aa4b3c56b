import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const vitestBin = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

// A nested test run that starts its own server and hangs; we kill it the way a user or CI would
// and check that the server and its data directory are gone.
describe.skipIf(Boolean(process.env.DATABASE_URL))('no postgres outlives an interrupted run', () => {
  test.each([['SIGINT (Ctrl-C)', 'SIGINT'] as const, ['SIGKILL', 'SIGKILL'] as const])('%s', async (_label, signal) => {
    const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-hang-')), 'servers.json');
    const run = spawn(process.execPath, [vitestBin, 'run', '--config', path.join(here, '../fixtures/vitest.hang.config.ts')], {
      env: { ...process.env, WESLEY_PG_VERSIONS: '18', WESLEY_HANG_REPORT: report },
      stdio: 'ignore',
      detached: true, // its own process group, so the signal reaches the run the way Ctrl-C does
    });
    try {
      expect(await waitFor(() => fs.existsSync(report), 60_000)).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
      const servers = JSON.parse(fs.readFileSync(report, 'utf8')) as { pid: number; dataDir: string }[];
      expect(servers).toHaveLength(1);
      expect(alive(servers[0]!.pid)).toBe(true);

      process.kill(-run.pid!, signal);

      expect(await waitFor(() => !alive(servers[0]!.pid), 15_000)).toBe(true);
      expect(await waitFor(() => !fs.existsSync(servers[0]!.dataDir), 5_000)).toBe(true);
    } finally {
      if (run.exitCode === null) process.kill(-run.pid!, 'SIGKILL');
      fs.rmSync(path.dirname(report), { recursive: true, force: true });
    }
  }, 90_000);
});
