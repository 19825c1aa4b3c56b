// A user's whole day with wesley, from `wesley init` to a rollback, run as separate processes of
// the built binary on the embedded PostgreSQL (and, for drift, on a test kit server): every exit
// code, the lines a user reads, the --json documents, the audit log, and no server left running.
import fs from 'node:fs';
import pg from 'pg';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectJsonDocument } from './json-check.js';
import { embeddedServerRunning, requireBuiltCli, tempProject, type RunResult, type TempProject } from './run-wesley.js';

const SHA256 = /^sha256:[0-9a-f]{64}$/;
const EMBEDDED_NOTE = /^Using the embedded PostgreSQL 18\.\d+ in \.wesley\/postgres .*it stops when this command ends\.$/m;

let project: TempProject;
beforeAll(() => {
  requireBuiltCli();
  project = tempProject();
});
afterAll(() => project?.remove());

/** Runs wesley in the project; asserts the exit code and that no embedded server outlived it. */
async function wesley(args: string[], exit = 0): Promise<RunResult> {
  const result = await project.wesley(args);
  expect(result.code, String(result)).toBe(exit);
  expect(embeddedServerRunning(project), `an embedded server outlived \`wesley ${args.join(' ')}\``).toBe(false);
  return result;
}

const migrationIds = () => fs.readdirSync(project.path('migrations')).filter((name) => /^\d{14}_/.test(name)).sort();

interface AuditRecord {
  formatVersion: number;
  command: string;
  argv: string[];
  database: string | null;
  migration: string | null;
  sqlHash: string | null;
  outcome: string;
  errorCode: string | null;
}
const audit = (): AuditRecord[] => project.read('.wesley/audit.jsonl').trimEnd().split('\n').map((line) => JSON.parse(line));

describe.sequential('init, generate, migrate, change, drift, roll back', () => {
  test('wesley init writes a project', async () => {
    const init = await wesley(['init']);
    expect(init.stdout).toMatch(/created\s+wesley\.config\.json/);
    expect(init.stdout).toMatch(/created\s+schema\/schema\.graphql/);
    expect(JSON.parse(project.read('wesley.config.json'))).toMatchObject({ schema: 'schema/schema.graphql' });
    expect(project.read('.gitignore')).toContain('.wesley/');
  });

  test('generate compiles the starter schema', async () => {
    const generate = await wesley(['generate']);
    expect(generate.stdout).toMatch(/^Compiled 1 file: 3 tables/);
    expect(project.read('generated/schema.sql')).toContain('CREATE TABLE "public"."task"');
    expect(fs.existsSync(project.path('generated/wesley.ir.json'))).toBe(true);
  });

  test('migrate generate writes the first migration; migrate plan plans from nothing without a server', async () => {
    const generate = await wesley(['migrate', 'generate']);
    expect(generate.stdout).toMatch(/^Created migrations\/\d{14}_initial\//);
    expect(migrationIds()).toEqual([expect.stringMatching(/_initial$/)]);
    for (const file of ['migration.json', 'plan.json', 'up.sql', 'down.sql', 'schema.ir.json']) {
      expect(fs.existsSync(project.path('migrations', migrationIds()[0]!, file)), file).toBe(true);
    }
    const plan = await wesley(['migrate', 'plan']);
    expect(plan.stdout).toContain('Migration plan');
    expect(plan.stdout).toContain('schemas:        empty database ->');
    expect(plan.stderr).not.toContain('embedded');
    expect(fs.existsSync(project.path('.wesley/postgres')), 'migrate plan started the embedded server').toBe(false);
  });

  test('execute --explain and --dry-run show the pending migration; nothing runs', async () => {
    const [id] = migrationIds();
    const explain = await wesley(['migrate', 'execute', '--explain']);
    expect(explain.stdout).toContain(`== ${id} (pending) ==`);
    expect(explain.stdout).toContain('locks:');
    expect(explain.stderr).toMatch(EMBEDDED_NOTE);
    expect(explain.stderr).toContain('created and started');
    const dryRun = await wesley(['migrate', 'execute', '--dry-run']);
    expect(dryRun.stdout).toContain(`-- ==== ${id} (pending) ====`);
    expect(dryRun.stdout).toContain('CREATE TABLE "public"."task"');
    const status = await wesley(['migrate', 'status']);
    expect(status.stdout).toMatch(new RegExp(`^${id}\\s+pending`, 'm'));
  });

  test('execute applies it; status --json says applied; a second execute has nothing to do', async () => {
    const [id] = migrationIds();
    const execute = await wesley(['migrate', 'execute']);
    expect(execute.stdout).toMatch(new RegExp(`^Applied 1 migration \\(PostgreSQL 18\\.\\d+\\):\\n  ${id}  11 steps in `));
    expect(execute.stderr).toMatch(EMBEDDED_NOTE);
    expect(execute.stderr).toContain(`${id}: applied in`);
    const status = await wesley(['migrate', 'status', '--json']);
    const doc = status.json();
    expectJsonDocument('migrate status', doc);
    expect(doc).toMatchObject({ ok: true, lockHolder: null, migrations: [{ id, state: 'applied', steps: 11, stepsDone: 11 }], database: { source: 'embedded' } });
    expect(status.stderr).toBe('');
    const again = await wesley(['migrate', 'execute']);
    expect(again.stdout).toMatch(/^Nothing to apply: every migration in migrations is applied/);
  });

  test('a changed schema (a column with a default, an index) becomes a second migration and applies', async () => {
    const schema = project.read('schema/schema.graphql');
    project.write('schema/schema.graphql', schema.replace('  dueOn: Date\n', '  dueOn: Date\n  priority: Int! @default(value: 0) @index\n'));
    const generate = await wesley(['migrate', 'generate', '--name', 'add_priority']);
    expect(generate.stdout).toMatch(/^Created migrations\/\d{14}_add_priority\//);
    const [, second] = migrationIds();
    expect(second).toMatch(/_add_priority$/);
    expect(project.read(`migrations/${second}/up.sql`)).toMatch(/ADD COLUMN "priority" integer/);
    expect(project.read(`migrations/${second}/up.sql`)).toMatch(/CREATE INDEX .*"task_priority_idx"/);
    await wesley(['migrate', 'generate', '--check']);
    const execute = await wesley(['migrate', 'execute']);
    expect(execute.stdout).toMatch(new RegExp(`^Applied 1 migration .*\\n  ${second}  \\d+ steps? in `));
    const drift = await wesley(['drift', 'check']);
    expect(drift.stdout).toMatch(/^No drift: the database matches schema\/schema\.graphql/);
  });

  test('drift check on a server changed behind wesley\'s back exits 1 and names the change', async () => {
    const server = testServers().at(-1)!;
    const db = await createTestDatabase(server);
    const url = ['--database-url', db.url];
    const execute = await wesley(['migrate', 'execute', ...url]);
    expect(execute.stdout).toMatch(/^Applied 2 migrations/);
    expect(execute.stderr).not.toContain('embedded');
    await wesley(['drift', 'check', ...url]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('ALTER TABLE public.task ADD COLUMN notes text; DROP INDEX public.task_priority_idx');
    } finally {
      await client.end();
    }
    const drift = await wesley(['drift', 'check', ...url], 1);
    expect(drift.stdout).toContain('task_priority_idx');
    expect(drift.stdout).toContain('notes');
    const json = await wesley(['drift', 'check', ...url, '--json'], 1);
    const doc = json.json();
    expectJsonDocument('drift check', doc);
    // Drift is a finding, not a failure of the command: ok, not clean, exit 1.
    expect(doc).toMatchObject({ ok: true, clean: false });
    expect((doc as { differences: Array<{ path: string }> }).differences.map((d) => d.path).join(' ')).toMatch(/notes[\s\S]*task_priority_idx|task_priority_idx[\s\S]*notes/);
  });

  test('rollback undoes the last migration; status shows it pending; resume has nothing to resume', async () => {
    const [first, second] = migrationIds();
    const rollback = await wesley(['migrate', 'rollback']);
    expect(rollback.stdout).toMatch(new RegExp(`^Rolled back ${second}: \\d+ steps? undone in .*; it is pending again`));
    const status = await wesley(['migrate', 'status']);
    expect(status.stdout).toMatch(new RegExp(`^${first}\\s+applied`, 'm'));
    expect(status.stdout).toMatch(new RegExp(`^${second}\\s+(pending|rolled back)`, 'm'));
    expect(status.stdout).toContain('1 migration to apply: `wesley migrate execute`.');
    const resume = await wesley(['migrate', 'resume', '--to', first!]);
    expect(resume.stdout).toMatch(/^Nothing to (apply|resume)/);
  });

  test('the audit log has one record per change, with the SQL hash', () => {
    const [first, second] = migrationIds();
    const records = audit();
    for (const r of records) {
      expect(r.formatVersion).toBe(1);
      if (r.sqlHash !== null) expect(r.sqlHash).toMatch(SHA256);
      expect(JSON.stringify(r)).not.toMatch(/postgres:\/\/[^@"]*:[^@"]*@/);
    }
    const summary = records.map((r) => [r.command, r.outcome, r.migration, r.database === null ? null : r.database.replace(/^postgres:\/\/.*$/, 'url')]);
    expect(summary).toEqual([
      ['migrate generate', 'created', first, null],
      ['migrate execute', 'applied', first, 'embedded:.wesley/postgres'],
      ['migrate execute', 'nothing-to-do', null, 'embedded:.wesley/postgres'],
      ['migrate generate', 'created', second, null],
      ['migrate execute', 'applied', second, 'embedded:.wesley/postgres'],
      ['migrate execute', 'applied', first, 'url'],
      ['migrate execute', 'applied', second, 'url'],
      ['migrate rollback', 'rolled-back', second, 'embedded:.wesley/postgres'],
      ['migrate resume', 'nothing-to-do', null, 'embedded:.wesley/postgres'],
    ]);
    // The hash of what generate wrote is the hash of what execute ran (no database facts changed it).
    const hash = (command: string, migration: string | undefined) => records.find((r) => r.command === command && r.migration === migration)?.sqlHash;
    expect(hash('migrate execute', first)).toBe(hash('migrate generate', first));
  });

  // The first migration creates the schema `wesley`, which also holds the ledger: its rollback
  // keeps that schema (it used to fail dropping it, exit 5) and undoes the rest.
  test('rollback of the first migration undoes it too', async () => {
    const [first] = migrationIds();
    const rollback = await wesley(['migrate', 'rollback']);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stdout).toMatch(new RegExp(`^Rolled back ${first}: `));
    expect((await wesley(['migrate', 'status'])).stdout).toMatch(new RegExp(`${first}\\s+(pending|rolled back)`));
  });
});
