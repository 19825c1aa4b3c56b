import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

// The built binary as a user runs it (the test command builds before it tests).
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/wesley.js');
const wesley = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('the built wesley binary answers --version and --help', () => {
  const version = wesley('--version');
  expect(version.status).toBe(0);
  expect(version.stdout.trim()).toBe(pkg.version);
  const help = wesley('--help');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('wesley <command> [options]');
});

test('the built wesley binary exits 2 on an unknown command', () => {
  const result = wesley('frobnicate');
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('WESLEY_CLI_USAGE');
});
