// The help audit: every command's --help works, shows examples, describes every option, names
// the exit codes and fits in 100 columns, so that `--help` is enough to use a command.
import os from 'node:os';
import { describe, expect, test } from 'vitest';
import { wesley } from '../migrate-plan-helpers.js';

const COMMANDS = [
  [],
  ['generate'],
  ['migrate'],
  ['migrate', 'plan'],
  ['migrate', 'generate'],
  ['migrate', 'execute'],
  ['migrate', 'resume'],
  ['migrate', 'status'],
  ['migrate', 'rollback'],
  ['drift'],
  ['drift', 'check'],
  ['init'],
  ['completion'],
] as const;

const help = async (command: readonly string[]) => {
  // A folder without a config: the help must not depend on one.
  const { code, stdout, stderr } = await wesley([...command, '--help'], { cwd: os.tmpdir(), env: {} });
  return { code, text: stdout, stderr };
};

/** The lines of a section (`Options:`), up to the next blank line. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Option and positional lines that have no description: only flags and `[type]` notes. */
function undescribed(text: string): string[] {
  const options = section(text, 'Options:').filter((line) => /^\s{2}(-\w, )?\s*--?[\w-]+/.test(line));
  const positionals = section(text, 'Positionals:').filter((line) => /^\s{2}\w/.test(line));
  return [...options, ...positionals].filter((line) => {
    const rest = line.replace(/^\s+(-\w, )?\s*--?[\w-]+|^\s+\w+/, '').trim();
    return rest === '' || rest.startsWith('[');
  });
}

describe.each(COMMANDS.map((words) => [`wesley ${words.join(' ')}`.trim(), words] as const))('%s --help', (_name, words) => {
  test('exits 0 and prints the help on stdout', async () => {
    const { code, text, stderr } = await help(words);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(text).toContain(`wesley${words.length ? ` ${words.join(' ')}` : ''}`);
  });

  test('has examples', async () => {
    const examples = section((await help(words)).text, 'Examples:');
    expect(examples.length, 'no Examples: section (.example(...) in the builder)').toBeGreaterThan(0);
  });

  test('describes every option', async () => {
    expect(undescribed((await help(words)).text)).toEqual([]);
  });

  test('names the exit codes', async () => {
    expect((await help(words)).text, 'no "Exit codes" (.epilogue(...) in the builder)').toContain('Exit codes');
  });

  test('fits in 100 columns', async () => {
    const wide = (await help(words)).text.split('\n').filter((line) => line.length > 100);
    expect(wide).toEqual([]);
  });
});

test('the audit catches an option without a description', () => {
  const text = 'Options:\n      --good  Does things  [string]\n      --bad                                  [string]\n  -x, --ex                               [boolean]\n\n';
  expect(undescribed(text)).toEqual(['      --bad                                  [string]', '  -x, --ex                               [boolean]']);
  expect(undescribed('Positionals:\n  shell                     [string]\n  name  The name  [string]\n')).toEqual(['  shell                     [string]']);
});
