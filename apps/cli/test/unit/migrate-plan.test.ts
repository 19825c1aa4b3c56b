import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EXIT } from '../../src/main.js';
import { migratePlanFailure as failureEnvelope } from '../../src/json-schemas.js';
import { fixtures, parseSuccess, wesley } from '../migrate-plan-helpers.js';

const V1_V2 = ['migrate', 'plan', '--from', 'v1.graphql', '--to', 'v2.graphql'];

describe('wesley migrate plan: output', () => {
  test('text: the plan of v1 -> v2 for PostgreSQL 16 (snapshot), refused drop -> exit 3', async () => {
    const { code, stdout, stderr } = await wesley([...V1_V2, '--pg-version', '16']);
    expect(code).toBe(EXIT.refused);
    expect(stderr).toBe('1 change was refused: the plan is incomplete (exit code 3). --unsafe includes the destructive ones.\n');
    await expect(stdout).toMatchFileSnapshot('../__snapshots__/migrate-plan-v1-v2.txt');
    for (const expected of ['ADD COLUMN "display_name"', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS "user_email_idx"', 'FOREIGN KEY ("org_id") REFERENCES "public"."org"', 'public.user.legacy_code (WESLEY_PLAN_DESTRUCTIVE)']) {
      expect(stdout).toContain(expected);
    }
  });

  test('--unsafe includes the dropped column: complete plan, exit 0', async () => {
    const { code, stdout, stderr } = await wesley([...V1_V2, '--pg-version', '16', '--unsafe']);
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe('');
    expect(stdout).toContain('ALTER TABLE "public"."user" DROP COLUMN "legacy_code";');
    expect(stdout).not.toContain('Refused');
  });

  test('--json: one envelope of the documented shape; the plan validates against plan.schema.json', async () => {
    const { code, stdout, stderr } = await wesley([...V1_V2, '--pg-version', '16', '--json']);
    expect(code).toBe(EXIT.refused);
    expect(stderr).toBe('');
    const doc = parseSuccess(stdout);
    expect(doc).toMatchObject({ complete: false, factsSource: 'pg-version', notes: [], files: { from: ['v1.graphql'], to: ['v2.graphql'] } });
    expect(doc.plan.pgMajor).toBe(16);
    expect(doc.plan.refused.map((r) => r.object)).toEqual(['public.user.legacy_code']);
    expect(doc.plan.steps.map((s) => s.kind)).toEqual(['add-column', 'create-index-concurrently', 'create-index-concurrently', 'add-foreign-key', 'validate-constraint']);
    // The planner's own warnings stay in the plan; the CLI's notes are beside it.
    expect(doc.plan.warnings.map((w) => w.code)).toEqual(['WESLEY_PLAN_SIZES_UNKNOWN']);

    const unsafe = parseSuccess((await wesley([...V1_V2, '--pg-version', '16', '--json', '--unsafe'])).stdout);
    expect(unsafe.complete).toBe(true);
    expect(unsafe.plan.unsafe).toBe(true);
  });

  test('--markdown', async () => {
    const { code, stdout } = await wesley([...V1_V2, '--markdown']);
    expect(code).toBe(EXIT.refused);
    expect(stdout).toMatch(/^> \*\*Note:\*\* No --database-url, --stats or --pg-version: planning for PostgreSQL 18 with unknown table sizes\.\n\n/);
    expect(stdout).toContain('```sql\nALTER TABLE "public"."user" ADD COLUMN "display_name" text;\n```');
  });

  test('--dry-run prints the whole SQL script, phase by phase, every step wrapped as it would run', async () => {
    const { code, stdout } = await wesley([...V1_V2, '--pg-version', '16', '--dry-run']);
    expect(code).toBe(EXIT.refused);
    expect(stdout).toMatch(/^-- Wesley migration plan\n-- PostgreSQL: 16 /);
    const json = parseSuccess((await wesley([...V1_V2, '--pg-version', '16', '--json'])).stdout);
    for (const step of json.plan.steps) for (const sql of step.sql) expect(stdout).toContain(sql);
    expect(stdout.indexOf('-- Phase: expand')).toBeLessThan(stdout.indexOf('-- Phase: validate'));
    expect(stdout).toContain('BEGIN;\nSET LOCAL lock_timeout = \'3000ms\';');
    expect(stdout).toContain('-- Refused: not in this script (1)');
  });

  test('without --from it plans from an empty database', async () => {
    const { code, stdout } = await wesley(['migrate', 'plan', '--to', 'v1.graphql', '--pg-version', '11', '--json']);
    expect(code).toBe(EXIT.ok);
    const doc = parseSuccess(stdout);
    expect(doc.files.from).toEqual([]);
    expect(doc.plan.fromHash).toBeNull();
    expect(doc.plan.steps.filter((s) => s.kind === 'create-table').map((s) => s.table)).toEqual(['public.org', 'public.user']);
  });

  test('the same schema on both sides: no steps, exit 0', async () => {
    const { code, stdout } = await wesley(['migrate', 'plan', '--from', 'v2.graphql', '--to', 'v2.graphql', '--pg-version', '17']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toBe('No changes: the schemas are equivalent.\n');
  });

  test('no facts at all: PostgreSQL 18, with a note in the text and in the JSON envelope', async () => {
    const text = await wesley(V1_V2);
    expect(text.stdout).toMatch(/^note: No --database-url, --stats or --pg-version: planning for PostgreSQL 18 with unknown table sizes\.\n\nMigration plan\n/);
    const doc = parseSuccess((await wesley([...V1_V2, '--json'])).stdout);
    expect(doc.factsSource).toBe('default');
    expect(doc.plan.pgVersion).toBe(180000);
    expect(doc.notes).toEqual([{ code: 'WESLEY_CLI_DEFAULT_PG_VERSION', message: 'No --database-url, --stats or --pg-version: planning for PostgreSQL 18 with unknown table sizes.' }]);
  });
});

describe('wesley migrate plan: arguments', () => {
  test.each([
    [[...V1_V2, '--markdown', '--dry-run'], 'Arguments markdown and dry-run are mutually exclusive'],
    [[...V1_V2, '--stats', 's.json', '--database-url', 'postgres://localhost/x'], 'Arguments stats and database-url are mutually exclusive'],
    [[...V1_V2, '--pg-version', '19'], '--pg-version must be a PostgreSQL major version, not 19.'],
    [[...V1_V2, '--pg-version', '16.4'], '--pg-version must be a PostgreSQL major version, not 16.4.'],
    [[...V1_V2, '--pg-version', 'sixteen'], '--pg-version must be a PostgreSQL major version, not NaN.'],
    [['migrate', 'plan', '--to', ''], '--to needs a value.'],
    [['migrate', 'plan', '--from', ' ', '--to', 'v2.graphql'], '--from needs a value.'],
    [[...V1_V2, '--database-url', ''], '--database-url needs a value.'],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { code, stdout, stderr } = await wesley(argv);
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain(`WESLEY_CLI_USAGE: ${message}`);
  });

  test('--to is required when no config names the schema; `migrate` needs a subcommand; --help lists them', async () => {
    const noTo = await wesley(['migrate', 'plan', '--from', 'v1.graphql']);
    expect(noTo.code).toBe(EXIT.usage);
    expect(noTo.stderr).toContain('WESLEY_CLI_USAGE: Name the schema with --to, or set "schema" in wesley.config.json.');
    const bare = await wesley(['migrate']);
    expect(bare.code).toBe(EXIT.usage);
    expect(bare.stderr).toContain('WESLEY_CLI_USAGE: Name a migrate command');
    const help = await wesley(['migrate', '--help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain('wesley migrate plan');
    const planHelp = await wesley(['migrate', 'plan', '--help']);
    for (const option of ['--from', '--to', '--pg-version', '--stats', '--database-url', '--unsafe', '--json', '--markdown', '--dry-run']) expect(planHelp.stdout).toContain(option);
  });

  test.each([
    [['--markdown'], 'Arguments json and markdown are mutually exclusive'],
    [['--dry-run'], 'Arguments json and dry-run are mutually exclusive'],
  ])('--json with %j: a usage error, as one JSON document', async (extra, message) => {
    const { code, stdout, stderr } = await wesley([...V1_V2, '--json', ...extra]);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toBe('');
    expect(failureEnvelope.parse(JSON.parse(stdout))).toEqual({ formatVersion: 1, command: 'migrate plan', ok: false, errors: [{ code: 'WESLEY_CLI_USAGE', message, hint: expect.any(String) }] });
  });

  test('a version below 11 gets the planner\'s error, exit 5 (an unsupported server)', async () => {
    const { code, stderr } = await wesley([...V1_V2, '--pg-version', '10']);
    expect(code).toBe(EXIT.database);
    expect(stderr).toBe(
      'WESLEY_PLAN_UNSUPPORTED_VERSION: PostgreSQL 10 is not supported: Wesley plans for PostgreSQL 11 and later.\n' +
        '  expected: server_version_num >= 110000\n' +
        '  hint: Upgrade the server to PostgreSQL 11 or later (a supported major is strongly advised).\n',
    );
    const json = failureEnvelope.parse(JSON.parse((await wesley([...V1_V2, '--pg-version', '10', '--json'])).stdout));
    expect(json.errors.map((e) => e.code)).toEqual(['WESLEY_PLAN_UNSUPPORTED_VERSION']);
  });
});

describe('wesley migrate plan: invalid schemas', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-migrate-'));
    fs.copyFileSync(path.join(fixtures, 'v1.graphql'), path.join(dir, 'v1.graphql'));
    fs.writeFileSync(path.join(dir, 'bad.graphql'), 'type User @table {\n  id: ID @pk\n  orgId: ID! @fk(ref: "Org.id")\n}\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('compile errors as generate reports them: file:line:column, code, hint; exit 4', async () => {
    const { code, stdout, stderr } = await wesley(['migrate', 'plan', '--from', 'v1.graphql', '--to', 'bad.graphql'], { cwd: dir });
    expect(code).toBe(EXIT.invalidInput);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad.graphql:2:7 WESLEY_IR_PK_NULLABLE');
    expect(stderr).toContain('bad.graphql:3:23 WESLEY_IR_FK_TARGET_MISSING');
    expect(stderr).toMatch(/\n {2}hint: /);
    expect(stderr).toContain('\n2 errors in 2 files; nothing was planned.\n');
  });

  test('--json: the failure envelope, with the files and every error', async () => {
    const { code, stdout } = await wesley(['migrate', 'plan', '--from', 'bad.graphql', '--to', 'v1.graphql', '--json'], { cwd: dir });
    expect(code).toBe(EXIT.invalidInput);
    const doc = failureEnvelope.parse(JSON.parse(stdout));
    expect(doc.files).toEqual({ from: ['bad.graphql'], to: ['v1.graphql'] });
    expect(doc.errors.map((e) => [e.code, e.location?.line])).toEqual([['WESLEY_IR_PK_NULLABLE', 2], ['WESLEY_IR_FK_TARGET_MISSING', 3]]);
  });

  test('a path that does not exist names the option it came from', async () => {
    const { code, stderr } = await wesley(['migrate', 'plan', '--from', 'nope.graphql', '--to', 'v1.graphql'], { cwd: dir });
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toBe(
      'WESLEY_CLI_SCHEMA_NOT_FOUND: The schema path "nope.graphql" does not exist.\n' +
        '  expected: a .graphql file, a folder of them, or a glob such as "schema/**/*.graphql"\n' +
        '  hint: Check the --from path (relative to the current directory).\n',
    );
  });

  test('folders and globs work as for generate', async () => {
    fs.mkdirSync(path.join(dir, 'next'));
    fs.copyFileSync(path.join(fixtures, 'v2.graphql'), path.join(dir, 'next/v2.graphql'));
    const byFolder = parseSuccess((await wesley(['migrate', 'plan', '--from', 'v1.graphql', '--to', 'next', '--json', '--pg-version', '16'], { cwd: dir })).stdout);
    const byGlob = parseSuccess((await wesley(['migrate', 'plan', '--from', 'v1.graphql', '--to', 'next/*.graphql', '--json', '--pg-version', '16'], { cwd: dir })).stdout);
    expect(byFolder.files.to).toEqual(['next/v2.graphql']);
    expect(byGlob.plan).toEqual(byFolder.plan);
  });
});
