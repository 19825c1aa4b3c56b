// No password ever leaves the URL it came in: every command, run with a password in
// --database-url, in WESLEY_DATABASE_URL and in the config's database.url, on success and on
// failure (an unreachable host, a step that fails), plain, --json and --debug. Its output and every
// file it leaves in the project (audit log, checkpoints, migrations, generated files) must not
// contain it. The embedded server's own random password stays in its credentials file.
import fs from 'node:fs';
import pg from 'pg';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, type Fixture } from './fixtures.js';
import { listFiles, requireBuiltCli, withPassword, type RunResult, type TempProject } from './run-wesley.js';

// Distinctive, and URL-safe so that it appears in the URL exactly as here.
const PASSWORD = 'Pw4e2eNeverPrintMe7Zq';

let fixture: Fixture;
beforeAll(async () => {
  requireBuiltCli();
  fixture = await buildFixture();
});
afterAll(() => fixture?.remove());

type Source = 'flag' | 'env' | 'config';
// --debug output is the plain output plus stack traces: these two runs cover plain, --json and --debug.
const MODES = [['--debug'], ['--json', '--debug']] as const;

/** Everything a project holds: file names and contents (binary files as latin1). */
function projectText(project: TempProject, skip: readonly string[] = []): Array<{ file: string; text: string }> {
  return listFiles(project.dir, skip).map((file) => ({ file, text: fs.readFileSync(project.path(file)).toString('latin1') }));
}

function expectNowhere(secret: string, outputs: readonly RunResult[], files: ReadonlyArray<{ file: string; text: string }>): void {
  for (const r of outputs) {
    expect(r.stdout.includes(secret), `stdout of\n${String(r)}`).toBe(false);
    expect(r.stderr.includes(secret), `stderr of\n${String(r)}`).toBe(false);
  }
  for (const { file, text } of files) expect(text.includes(secret) || file.includes(secret), file).toBe(false);
}

describe.each<Source>(['flag', 'env', 'config'])('a password in the database URL (%s)', (source) => {
  test('appears in no output and no file', async () => {
    const project = fixture.copy();
    const server = testServers().at(-1)!;
    const url = withPassword((await createTestDatabase(server)).url, PASSWORD);
    const unreachable = `postgres://postgres:${PASSWORD}@127.0.0.1:1/nowhere`;
    const config = JSON.parse(project.read('wesley.config.json'));
    project.write('wesley.config.json', JSON.stringify(source === 'config' ? { ...config, database: { url } } : config));
    project.write('unreachable.json', JSON.stringify(source === 'config' ? { ...config, database: { url: unreachable } } : config));

    const outputs: RunResult[] = [];
    /** Runs wesley with the URL given the `source` way; `target` picks the reachable or unreachable database. */
    const run = async (args: string[], exits: readonly number[], target: 'db' | 'unreachable' | 'none' = 'db') => {
      const to = target === 'unreachable' ? unreachable : url;
      const extra = source === 'flag' && target !== 'none' ? ['--database-url', to] : source === 'config' && target === 'unreachable' ? ['--config', 'unreachable.json'] : [];
      const env = source === 'env' ? { WESLEY_DATABASE_URL: to } : {};
      for (const mode of MODES) {
        // --json and --debug change only the output: a state-changing command runs once, plainly.
        if (mode !== MODES[0] && args.includes('--once')) continue;
        const result = await project.wesley([...args.filter((a) => a !== '--once'), ...extra, ...mode], { env });
        outputs.push(result);
        expect(exits, String(result)).toContain(result.code);
      }
    };
    const [first] = fixture.migrations.unique;

    // generate and migrate generate take no database (only the config and env can carry one).
    await run(['generate'], [0], 'none');
    await run(['migrate', 'plan'], [0]);
    await run(['migrate', 'generate', '--dir', 'm-new'], [0], 'none');
    await run(['migrate', 'execute', '--dir', 'm-unique', '--explain'], [0]);
    await run(['migrate', 'execute', '--dir', 'm-unique', '--dry-run'], [0]);
    await run(['migrate', 'execute', '--dir', 'm-unique', '--to', first!, '--once'], [0]);
    await run(['migrate', 'status', '--dir', 'm-unique'], [0]);
    await run(['drift', 'check'], [0]);
    await run(['drift', 'check', '--schema', 'v2-unique.graphql'], [1]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO public.item (name) VALUES ('twice'), ('twice')`).finally(() => client.end());
    // The UNIQUE index fails on the duplicates: a step error from the server, then resume fails the same way.
    await run(['migrate', 'execute', '--dir', 'm-unique'], [6]);
    await run(['migrate', 'resume', '--dir', 'm-unique'], [6]);
    // The failed run's checkpoint (the rollback below removes it): it must not carry the password either.
    const checkpoints = projectText(project).filter(({ file }) => file.startsWith('.wesley/checkpoints/'));
    expect(checkpoints.length, 'the failed run left a checkpoint').toBeGreaterThan(0);
    await run(['migrate', 'status', '--dir', 'm-unique'], [0]);
    await run(['migrate', 'rollback', '--dir', 'm-unique', '--once'], [0]);
    // m-drop's first migration creates the same table again: a step fails on the server.
    await run(['migrate', 'execute', '--dir', 'm-drop'], [6]);
    // An unreachable host, named with the password, for every command that connects.
    await run(['migrate', 'plan'], [5], 'unreachable');
    for (const args of [['migrate', 'execute'], ['migrate', 'resume'], ['migrate', 'status'], ['migrate', 'rollback'], ['drift', 'check']]) {
      await run(args, [5], 'unreachable');
    }

    const files = projectText(project).filter(({ file }) => !/^(wesley\.config|unreachable)\.json$/.test(file));
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(['.wesley/audit.jsonl', expect.stringMatching(/^m-new\/\d{14}_initial\/up\.sql$/), 'generated/schema.sql']));
    expectNowhere(PASSWORD, outputs, [...files, ...checkpoints]);
    // The runs said where they ran, without the password.
    if (source !== 'config') expect(project.read('.wesley/audit.jsonl')).toContain(`postgres://postgres@127.0.0.1:${new URL(url).port}/`);
  });
});

test("the embedded server's password stays in its credentials file", async () => {
  const project = fixture.copy();
  const outputs: RunResult[] = [];
  const run = async (args: string[], exit: number) => {
    const result = await project.wesley(args);
    outputs.push(result);
    expect(result.code, String(result)).toBe(exit);
  };
  const [first] = fixture.migrations.unique;
  await run(['migrate', 'execute', '--dir', 'm-unique', '--to', first!, '--debug'], 0);
  await run(['migrate', 'status', '--dir', 'm-unique', '--json'], 0);
  await run(['migrate', 'execute', '--dir', 'm-unique', '--explain', '--json'], 0);
  await run(['drift', 'check', '--schema', 'v2-unique.graphql', '--debug'], 1);
  await run(['drift', 'check', '--json'], 0);
  // The other folder's first migration creates the same table again: a step fails on the server.
  await run(['migrate', 'execute', '--dir', 'm-drop', '--debug'], 6);
  await run(['migrate', 'execute', '--dir', 'm-drop', '--json', '--debug'], 6);
  await run(['migrate', 'rollback', '--debug'], 0);

  const credentials = JSON.parse(project.read('.wesley/postgres.credentials.json')) as { password: string };
  expect(credentials.password.length).toBeGreaterThanOrEqual(16);
  const files = projectText(project).filter(({ file }) => file !== '.wesley/postgres.credentials.json');
  expect(files.some((f) => f.file.startsWith('.wesley/postgres/'))).toBe(true);
  expectNowhere(credentials.password, outputs, files);
});
