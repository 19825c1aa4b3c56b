import { describe, expect, test } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { EXIT, runCli } from './main.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('wesley', () => {
  test('--help describes the tool and its options', async () => {
    const { code, stdout, stderr } = await run('--help');
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe('');
    expect(stdout).toContain('wesley <command> [options]');
    expect(stdout).toContain('--version');
    expect(stdout).toContain('--debug');
  });

  test('with no arguments it prints the help', async () => {
    const { code, stdout } = await run();
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('wesley <command> [options]');
  });

  test('--version prints the package version', async () => {
    const { code, stdout } = await run('--version');
    expect(code).toBe(EXIT.ok);
    expect(stdout.trim()).toBe(pkg.version);
  });

  test('an unknown command is a usage error with a code and a hint, no stack', async () => {
    const { code, stdout, stderr } = await run('frobnicate');
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^WESLEY_CLI_USAGE: Unknown argument: frobnicate\n  hint: Run `wesley --help`/);
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  test('an unknown option is a usage error', async () => {
    const { code, stderr } = await run('--frobnicate');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('WESLEY_CLI_USAGE');
  });
});
