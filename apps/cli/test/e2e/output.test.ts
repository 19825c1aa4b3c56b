// What the built binary prints when its output is a pipe (CI logs, `| tee`): quiet progress with
// no escape codes, JSON that is only JSON, and the help, version and completion a user asks for.
import { afterAll, beforeAll, expect, test } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { buildFixture, type Fixture } from './fixtures.js';
import { expectJsonDocument, expectNdjson } from './json-check.js';
import { ANSI, embeddedServerRunning, requireBuiltCli, tempProject } from './run-wesley.js';

let fixture: Fixture;
beforeAll(async () => {
  requireBuiltCli();
  fixture = await buildFixture();
});
afterAll(() => fixture?.remove());

test('a piped migrate execute: quiet progress on stderr, no escape codes; --json: only JSON lines', async () => {
  const project = fixture.copy();
  const [first, second] = fixture.migrations.unique;
  const plain = await project.wesley(['migrate', 'execute', '--dir', 'm-unique', '--to', first!]);
  expect(plain.code, String(plain)).toBe(0);
  expect(plain.stdout + plain.stderr).not.toMatch(ANSI);
  // One line for the server, one at the start and one at the end of each migration: fast steps say nothing.
  const lines = plain.stderr.trimEnd().split('\n');
  expect(lines).toEqual([
    expect.stringMatching(/^Using the embedded PostgreSQL 18\.\d+ in \.wesley\/postgres \(.*\): created and started in .*\.$/),
    `${first}: starting (2 steps)`,
    expect.stringMatching(new RegExp(`^${first}: applied in \\d+ ms$`)),
  ]);
  expect(plain.stdout).toMatch(new RegExp(`^Applied 1 migration \\(PostgreSQL 18\\.\\d+\\):\\n  ${first}  2 steps in \\d+ ms\\n$`));

  const json = await project.wesley(['migrate', 'execute', '--dir', 'm-unique', '--json']);
  expect(json.code, String(json)).toBe(0);
  expect(json.stdout + json.stderr).not.toMatch(ANSI);
  const result = expectNdjson('migrate execute', json.ndjson());
  expect(result).toMatchObject({ ok: true, complete: true, outcomes: [{ id: second, status: 'applied' }] });
  expect(json.ndjson().map((e) => e.type)).toEqual(expect.arrayContaining(['migration-start', 'step-start', 'step-done', 'migration-done', 'result']));
  expect(json.stderr).toBe('');
  expect(embeddedServerRunning(project)).toBe(false);
});

test('--help, migrate --help, completion bash and --version from the binary', async () => {
  const project = tempProject();
  try {
    const help = await project.wesley(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('wesley <command> [options]');
    for (const command of ['generate', 'migrate', 'drift', 'init', 'completion']) expect(help.stdout).toMatch(new RegExp(`^  wesley ${command}\\b`, 'm'));
    const migrate = await project.wesley(['migrate', '--help']);
    expect(migrate.code).toBe(0);
    for (const sub of ['plan', 'generate', 'execute', 'resume', 'status', 'rollback']) expect(migrate.stdout).toMatch(new RegExp(`wesley migrate ${sub}\\b`));
    const completion = await project.wesley(['completion', 'bash']);
    expect(completion.code).toBe(0);
    expect(completion.stdout).toMatch(/complete .*wesley/);
    const completionJson = await project.wesley(['completion', 'zsh', '--json']);
    expect(completionJson.code).toBe(0);
    expectJsonDocument('completion', completionJson.json());
    const version = await project.wesley(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`${pkg.version}\n`);
    for (const r of [help, migrate, completion, version]) {
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toMatch(ANSI);
    }
  } finally {
    project.remove();
  }
});
