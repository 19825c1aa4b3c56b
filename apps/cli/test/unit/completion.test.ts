// `wesley completion`: the scripts, and what they complete when a real shell runs them. The shell
// tests put a `wesley` on PATH that runs this checkout's source through tsx (dist may be stale).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { completionScript, shellOf } from '../../src/commands/completion.js';
import { wesley } from '../migrate-plan-helpers.js';

const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
const entry = fileURLToPath(new URL('../../src/wesley.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-completion-'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(path.join(dir, 'bin', 'wesley'), `#!/bin/sh\nexec "${process.execPath}" --import "${tsx}" "${entry}" "$@"\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'wesley.bash'), completionScript('bash'));
  fs.writeFileSync(path.join(dir, 'wesley.zsh'), completionScript('zsh'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `script` in `shell` in the temporary folder, with the shim first on PATH; its stdout lines. */
function run(shell: string, args: readonly string[], script: string): string[] {
  // SHELL=zsh: the scripts must not depend on $SHELL (a bash started from zsh, or the reverse).
  const env = { PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}`, HOME: dir, SHELL: shell === 'bash' ? '/bin/zsh' : '/bin/bash' };
  return execFileSync(shell, [...args, script], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 }).split('\n').filter(Boolean);
}

/** COMPREPLY for the words, the last one being completed (bash). */
const bashComplete = (...words: string[]) =>
  run('bash', ['--norc', '--noprofile', '-c'], `source ./wesley.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _wesley_yargs_completions; printf '%s\\n' "\${COMPREPLY[@]}"`);

describe('wesley completion', () => {
  test('prints the bash script; it calls wesley', async () => {
    const { code, stdout } = await wesley(['completion', 'bash'], { cwd: os.tmpdir() });
    expect(code).toBe(0);
    expect(stdout).toBe(completionScript('bash'));
    expect(stdout).toContain('complete -o bashdefault -o default -F _wesley_yargs_completions wesley');
    expect(stdout).toContain('SHELL=/bin/bash wesley --get-yargs-completions');
    expect(stdout).toContain('# Installation: wesley completion bash >> ~/.bashrc');
  });

  test('prints the zsh script', async () => {
    const { code, stdout } = await wesley(['completion', 'zsh'], { cwd: os.tmpdir() });
    expect(code).toBe(0);
    expect(stdout.startsWith('#compdef wesley\n')).toBe(true);
    expect(stdout).toContain('SHELL=/bin/zsh wesley --get-yargs-completions');
    expect(stdout).toContain('compdef _wesley_yargs_completions wesley');
  });

  test('the shell defaults to the one $SHELL names, else bash; process.env is left as it was', async () => {
    const before = process.env.SHELL;
    expect((await wesley(['completion'], { cwd: os.tmpdir(), env: { SHELL: '/usr/bin/zsh' } })).stdout).toMatch(/^#compdef wesley/);
    expect((await wesley(['completion'], { cwd: os.tmpdir(), env: {} })).stdout).toContain('complete -o bashdefault');
    expect((await wesley(['completion'], { cwd: os.tmpdir(), env: { SHELL: '/usr/bin/fish' } })).stdout).toContain('complete -o bashdefault');
    expect(process.env.SHELL).toBe(before);
    expect([shellOf('/bin/zsh'), shellOf('/bin/bash'), shellOf(undefined)]).toEqual(['zsh', 'bash', 'bash']);
  });

  test('--json prints one document with the script', async () => {
    const { code, stdout } = await wesley(['completion', 'zsh', '--json'], { cwd: os.tmpdir() });
    expect(code).toBe(0);
    const doc = z.strictObject({ formatVersion: z.literal(1), command: z.literal('completion'), ok: z.literal(true), shell: z.literal('zsh'), script: z.string() }).parse(JSON.parse(stdout));
    expect(doc.script).toBe(completionScript('zsh'));
  });

  test('another shell is a usage error (exit 2)', async () => {
    const { code, stderr } = await wesley(['completion', 'fish'], { cwd: os.tmpdir() });
    expect(code).toBe(2);
    expect(stderr).toContain('WESLEY_CLI_USAGE');
  });

  test('a broken config does not stop it', async () => {
    fs.writeFileSync(path.join(dir, 'wesley.config.json'), '{ "nope": 1 }');
    try {
      expect((await wesley(['completion', 'bash'], { cwd: dir })).code).toBe(0);
    } finally {
      fs.rmSync(path.join(dir, 'wesley.config.json'));
    }
  });

  test('wesley --get-yargs-completions answers with commands and options (in-process)', async () => {
    const ask = async (...words: string[]) => (await wesley(['--get-yargs-completions', 'wesley', ...words], { cwd: dir })).stdout.split('\n').filter(Boolean);
    expect(await ask('')).toEqual(expect.arrayContaining(['generate', 'migrate', 'drift', 'init', 'completion']));
    expect(await ask('migrate', '')).toEqual(['plan', 'generate', 'execute', 'resume', 'status', 'rollback']);
    expect(await ask('drift', '')).toEqual(['check']);
    expect(await ask('generate', '--')).toEqual(expect.arrayContaining(['--schema', '--out', '--targets', '--json', '--config']));
    expect(await ask('init', '--format', '')).toEqual(['json', 'ts']);
    expect(await ask('completion', '')).toEqual(expect.arrayContaining(['bash', 'zsh']));
  });
});

describe.skipIf(!has('bash'))('the bash script in bash', () => {
  test('completes commands, subcommands and options', () => {
    expect(bashComplete('wesley', 'mi')).toEqual(['migrate']);
    expect(bashComplete('wesley', 'migrate', '')).toEqual(['plan', 'generate', 'execute', 'resume', 'status', 'rollback']);
    expect(bashComplete('wesley', 'generate', '--s')).toContain('--schema');
  }, 60_000);
});

// zsh is not installed on CI; where it is, the script's function runs with _describe and compdef
// stubbed (they need an interactive completion system), receiving `name:description` pairs.
describe.skipIf(!has('zsh'))('the zsh script in zsh', () => {
  test('completes commands with their descriptions, and options', () => {
    const complete = (...words: string[]) =>
      run('zsh', ['-f', '-c'], `compdef() { :; }; _describe() { print -rl -- "\${(@P)2}"; }; source ./wesley.zsh; words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _wesley_yargs_completions`);
    expect(complete('wesley', 'mi')).toEqual(expect.arrayContaining([expect.stringMatching(/^migrate:Plan migrations/)]));
    expect(complete('wesley', 'migrate', '').map((line) => line.split(':')[0])).toEqual(['plan', 'generate', 'execute', 'resume', 'status', 'rollback']);
    expect(complete('wesley', 'generate', '--s')).toEqual(expect.arrayContaining([expect.stringMatching(/^--schema:Schema file/)]));
  }, 60_000);
});
