// Every command's way of saying no, from the built binary: for each command one bad input, its
// exit code (docs/cli/exit-codes.md) and error code, an error a user can act on (a location where
// there is one, a hint, never a stack trace), and with --json one document saying ok: false.
import pg from 'pg';
import { MIGRATION_LOCK_KEYS } from '@wesley/executor';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JsonCommand } from '../../src/json-output.js';
import { buildFixture, type Fixture } from './fixtures.js';
import { expectJsonDocument, expectNdjson } from './json-check.js';
import { embeddedServerRunning, requireBuiltCli, STACK_LINE, type RunResult, type TempProject } from './run-wesley.js';

const UNREACHABLE = 'postgres://u:pw@127.0.0.1:1/db';
const INVALID_SCHEMA = 'type A @table {\n  id: ID! @pk\n  x: Strin\n}\n';

let fixture: Fixture;
beforeAll(async () => {
  requireBuiltCli();
  fixture = await buildFixture();
});
afterAll(() => fixture?.remove());

interface Setup {
  readonly project: TempProject;
  /** A fresh database on the newest test server. */
  database(): Promise<string>;
  /** Runs wesley in the project, expecting exit 0. */
  ok(args: string[]): Promise<RunResult>;
  /** Called after the command (releases what the setup holds). */
  after(fn: () => Promise<void>): void;
}

interface Case {
  readonly name: string;
  readonly command: JsonCommand | null;
  readonly exit: number;
  readonly code: string;
  /** The command line, after any preparation. */
  readonly args: (setup: Setup) => string[] | Promise<string[]>;
  /** What stderr of the plain run must also show (a location, for instance). */
  readonly shows?: RegExp;
}

/** Applies the first migration of `dir` to a fresh database; returns its URL. */
async function withFirstApplied(s: Setup, dir: 'm-drop' | 'm-unique'): Promise<string> {
  const url = await s.database();
  const first = (dir === 'm-drop' ? fixture.migrations.drop : fixture.migrations.unique)[0]!;
  await s.ok(['migrate', 'execute', '--dir', dir, '--to', first, '--database-url', url]);
  return url;
}

const CASES: readonly Case[] = [
  {
    name: 'generate: an invalid schema', command: 'generate', exit: 4, code: 'WESLEY_IR_UNKNOWN_TYPE', shows: /^bad\.graphql:3:6 WESLEY_IR_UNKNOWN_TYPE: .*\n[\s\S]*  hint: Did you mean "String"\?/m,
    args: (s) => (s.project.write('bad.graphql', INVALID_SCHEMA), ['generate', '--schema', 'bad.graphql']),
  },
  {
    name: 'init: the files exist, no --force', command: 'init', exit: 4, code: 'WESLEY_CLI_INIT_EXISTS', shows: /wesley\.config\.json/,
    args: () => ['init'],
  },
  { name: 'completion: an unknown shell', command: 'completion', exit: 2, code: 'WESLEY_CLI_USAGE', shows: /Given: "fish"/, args: () => ['completion', 'fish'] },
  { name: 'migrate plan: an unknown option', command: 'migrate plan', exit: 2, code: 'WESLEY_CLI_USAGE', shows: /Unknown argument: frobnicate/, args: () => ['migrate', 'plan', '--frobnicate'] },
  {
    name: 'migrate generate: a config that is not JSON', command: 'migrate generate', exit: 4, code: 'WESLEY_CONFIG_INVALID', shows: /^bad\.json:1:17 WESLEY_CONFIG_INVALID: /m,
    args: (s) => (s.project.write('bad.json', '{ "schema": "x",, }\n'), ['migrate', 'generate', '--config', 'bad.json']),
  },
  {
    name: 'migrate execute: a destructive migration without --unsafe', command: 'migrate execute', exit: 3, code: 'WESLEY_CLI_UNSAFE_REQUIRED', shows: /--unsafe/,
    args: async (s) => ['migrate', 'execute', '--database-url', await withFirstApplied(s, 'm-drop')],
  },
  {
    name: 'migrate execute: a step fails part-way', command: 'migrate execute', exit: 6, code: 'WESLEY_EXEC_STEP_FAILED', shows: /stopped at step .*[\s\S]*wesley migrate resume/,
    args: async (s) => {
      const url = await withFirstApplied(s, 'm-unique');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`INSERT INTO public.item (name) VALUES ('twice'), ('twice')`).finally(() => client.end());
      return ['migrate', 'execute', '--dir', 'm-unique', '--database-url', url];
    },
  },
  {
    name: 'migrate resume: --no-wait while another migrator holds the lock', command: 'migrate resume', exit: 7, code: 'WESLEY_EXEC_LOCKED', shows: /holds the migration lock: pid \d+ \(e2e lock holder\)/,
    args: async (s) => {
      const url = await s.database();
      const holder = new pg.Client({ connectionString: url, application_name: 'e2e lock holder' });
      await holder.connect();
      await holder.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK_KEYS]);
      s.after(() => holder.end());
      return ['migrate', 'resume', '--no-wait', '--database-url', url];
    },
  },
  {
    name: 'migrate status: an unreachable database', command: 'migrate status', exit: 5, code: 'WESLEY_CLI_DATABASE_UNREACHABLE', shows: /ECONNREFUSED/,
    args: () => ['migrate', 'status', '--database-url', UNREACHABLE],
  },
  {
    name: 'migrate rollback: nothing to roll back', command: 'migrate rollback', exit: 4, code: 'WESLEY_EXEC_NOTHING_TO_ROLL_BACK',
    args: async (s) => ['migrate', 'rollback', '--database-url', await s.database()],
  },
  {
    name: 'drift check: a schema path that does not exist', command: 'drift check', exit: 4, code: 'WESLEY_CLI_SCHEMA_NOT_FOUND', shows: /nothing\/here\.graphql/,
    args: () => ['drift', 'check', '--schema', 'nothing/here.graphql'],
  },
  { name: 'no command: an unknown one', command: null, exit: 2, code: 'WESLEY_CLI_USAGE', shows: /frobnicate/, args: () => ['frobnicate'] },
];

const NDJSON: ReadonlySet<JsonCommand | null> = new Set(['migrate execute', 'migrate resume']);

async function runCase(c: Case, json: boolean): Promise<RunResult> {
  const project = fixture.copy();
  const cleanups: Array<() => Promise<void>> = [];
  const server = testServers().at(-1)!;
  const setup: Setup = {
    project,
    database: async () => (await createTestDatabase(server)).url,
    ok: async (args) => {
      const result = await project.wesley(args);
      expect(result.code, String(result)).toBe(0);
      return result;
    },
    after: (fn) => void cleanups.push(fn),
  };
  try {
    const args = [...(await c.args(setup)), ...(json ? ['--json'] : [])];
    const result = await project.wesley(args);
    expect(result.code, String(result)).toBe(c.exit);
    expect(result.stderr + result.stdout, 'a stack trace without --debug').not.toMatch(STACK_LINE);
    expect(embeddedServerRunning(project)).toBe(false);
    return result;
  } finally {
    for (const fn of cleanups) await fn();
  }
}

describe('a bad input per command: exit code, error code, a hint, no stack trace', () => {
  test.each(CASES)('$name -> exit $exit ($code)', async (c) => {
    const result = await runCase(c, false);
    expect(result.stderr).toMatch(new RegExp(`(^|\\s)${c.code}: `, 'm'));
    expect(result.stderr).toMatch(/^ {2}hint: \S/m);
    if (c.shows) expect(result.stderr).toMatch(c.shows);
  });

  test.each(CASES)('--json: $name -> exit $exit, one document with ok: false and $code', async (c) => {
    const result = await runCase(c, true);
    const doc = NDJSON.has(c.command) ? expectNdjson(c.command as 'migrate execute', result.ndjson()) : result.json();
    if (!NDJSON.has(c.command)) expectJsonDocument(c.command, doc);
    expect(doc).toMatchObject({ ok: false, errors: [expect.objectContaining({ code: c.code, hint: expect.any(String) })] });
  });
});

test('--debug adds the stack trace to the error', async () => {
  const project = fixture.copy();
  project.write('bad.json', '{ "schema": "x",, }\n');
  const result = await project.wesley(['migrate', 'generate', '--config', 'bad.json', '--debug']);
  expect(result.code).toBe(4);
  expect(result.stderr).toMatch(/^bad\.json:1:17 WESLEY_CONFIG_INVALID: /m);
  expect(result.stderr).toMatch(STACK_LINE);
});
