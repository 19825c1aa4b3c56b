// Every dangerous operation needs --unsafe, and its refusal names the operation, the risk and the
// flag (exit 3, nothing run or written): planning and generating a destructive change, executing
// a migration with destructive steps, rolling back an irreversible step, running low-traffic steps
// outside the maintenance window, and a drift fix that drops objects.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { EXIT } from '../../src/main.js';
import { wesley } from '../migrate-plan-helpers.js';

const V1 = 'type Account @table {\n  id: Int! @pk\n  name: String!\n  legacy: String\n}\n';
const V2 = 'type Account @table {\n  id: Int! @pk\n  name: String!\n}\n';

type Server = Parameters<typeof createTestDatabase>[0];

async function project(server: Server) {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-unsafe-'));
  fs.writeFileSync(path.join(cwd, 'wesley.config.json'), '{ "schema": "schema.graphql" }\n');
  const db = await createTestDatabase(server);
  const env = { WESLEY_DATABASE_URL: db.url };
  const run = (argv: readonly string[]) => wesley(argv, { cwd, env });
  const schema = (text: string) => fs.writeFileSync(path.join(cwd, 'schema.graphql'), text);
  return { cwd, url: db.url, run, schema, close: () => fs.rmSync(cwd, { recursive: true, force: true }) };
}

/** The refusal names what (the operation), why (the risk) and how (--unsafe). */
function expectRefusal(out: { code: number; stdout: string; stderr: string }, operation: RegExp, risk: RegExp) {
  expect(out.code, out.stdout + out.stderr).toBe(EXIT.refused);
  const text = out.stdout + out.stderr;
  expect(text).toMatch(operation);
  expect(text).toMatch(risk);
  expect(text).toContain('--unsafe');
}

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test('drop a column: plan, generate, execute and rollback each need --unsafe', async () => {
    const t = await project(server);
    try {
      t.schema(V1);
      expect((await t.run(['migrate', 'generate', '--name', 'initial'])).code).toBe(0);
      expect((await t.run(['migrate', 'execute'])).code).toBe(0);
      await withClient(t.url, (c) => c.query(`INSERT INTO account VALUES (1, 'a', 'keep me')`));
      fs.copyFileSync(path.join(t.cwd, 'schema.graphql'), path.join(t.cwd, 'v1.graphql'));
      t.schema(V2);

      expectRefusal(await t.run(['migrate', 'plan', '--from', 'v1.graphql', '--to', 'schema.graphql']), /public\.account\.legacy/, /WESLEY_PLAN_DESTRUCTIVE|data/);
      const generate = await t.run(['migrate', 'generate', '--name', 'drop_legacy']);
      expectRefusal(generate, /public\.account\.legacy/, /WESLEY_PLAN_DESTRUCTIVE/);
      expect(fs.readdirSync(path.join(t.cwd, 'migrations'))).toHaveLength(1);

      expect((await t.run(['migrate', 'generate', '--name', 'drop_legacy', '--unsafe'])).code).toBe(0);
      const execute = await t.run(['migrate', 'execute']);
      expectRefusal(execute, /migrate execute/, /destructive step/);
      expect(execute.stderr).toContain('WESLEY_CLI_UNSAFE_REQUIRED');
      expect(execute.stderr).toContain('Nothing of this migration was run.');
      expect(await withClient(t.url, async (c) => (await c.query(`SELECT legacy FROM account`)).rows)).toEqual([{ legacy: 'keep me' }]);
      const json = await t.run(['migrate', 'execute', '--json']);
      const result = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
      expect(result).toMatchObject({ type: 'result', command: 'migrate execute', ok: false, errors: [{ code: 'WESLEY_CLI_UNSAFE_REQUIRED', details: { flag: '--unsafe' } }] });

      expect((await t.run(['migrate', 'execute', '--unsafe'])).code).toBe(0);
      expect(await withClient(t.url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'account' AND column_name = 'legacy'`)).rows[0].n)).toBe(0);

      // Dropping a column cannot be undone: the rollback refuses it, naming the step.
      expectRefusal(await t.run(['migrate', 'rollback']), /drop/i, /WESLEY_EXEC_IRREVERSIBLE/);
      const audit = fs.readFileSync(path.join(t.cwd, '.wesley/audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(audit.map((r) => [r.command, r.outcome, r.errorCode])).toEqual([
        ['migrate generate', 'created', null],
        ['migrate execute', 'applied', null],
        ['migrate generate', 'refused', 'WESLEY_MIGRATIONS_REFUSED'],
        ['migrate generate', 'created', null],
        ['migrate execute', 'refused', 'WESLEY_CLI_UNSAFE_REQUIRED'],
        ['migrate execute', 'refused', 'WESLEY_CLI_UNSAFE_REQUIRED'],
        ['migrate execute', 'applied', null],
        ['migrate rollback', 'refused', 'WESLEY_EXEC_IRREVERSIBLE'],
      ]);
    } finally {
      t.close();
    }
  });

  test('low-traffic steps wait for the maintenance window; --unsafe runs them now', async () => {
    const t = await project(server);
    try {
      t.schema('type Org @table {\n  id: Int! @pk\n}\ntype Team @table {\n  id: Int! @pk\n  orgId: Int!\n}\n');
      expect((await t.run(['migrate', 'generate', '--name', 'initial'])).code).toBe(0);
      expect((await t.run(['migrate', 'execute'])).code).toBe(0);
      // A foreign key on an existing table is validated in its own step, which waits for low traffic.
      t.schema('type Org @table {\n  id: Int! @pk\n}\ntype Team @table {\n  id: Int! @pk\n  orgId: Int! @fk(ref: "Org.id")\n}\n');
      expect((await t.run(['migrate', 'generate', '--name', 'team_org_fk'])).code).toBe(0);
      // A window that is never open now: one minute, an hour from now (UTC).
      const at = new Date(Date.now() + 3_600_000);
      const hhmm = (d: Date) => d.toISOString().slice(11, 16);
      fs.writeFileSync(path.join(t.cwd, 'wesley.config.json'), JSON.stringify({ schema: 'schema.graphql', maintenanceWindow: { start: hhmm(at), end: hhmm(new Date(at.getTime() + 60_000)) } }));
      const closed = await t.run(['migrate', 'execute']);
      expectRefusal(closed, /validate/i, /maintenance window \(\d\d:\d\d-\d\d:\d\d UTC\) is closed until/);
      expect(closed.stderr).toContain('WESLEY_CLI_OUTSIDE_MAINTENANCE_WINDOW');
      expect((await t.run(['migrate', 'status'])).stdout).toMatch(/team_org_fk\s+pending/);
      const now = await t.run(['migrate', 'execute', '--unsafe']);
      expect(now.code, now.stderr).toBe(0);
    } finally {
      t.close();
    }
  });

  test('drift check: a fix that drops an extra object is listed as refused until --unsafe', async () => {
    const t = await project(server);
    try {
      t.schema(V2);
      expect((await t.run(['migrate', 'generate'])).code).toBe(0);
      expect((await t.run(['migrate', 'execute'])).code).toBe(0);
      await withClient(t.url, (c) => c.query(`ALTER TABLE account ADD COLUMN extra text`));
      const safe = await t.run(['drift', 'check', '--json']);
      expect(safe.code).toBe(EXIT.difference);
      const report = JSON.parse(safe.stdout);
      expect(report.fix.refused).toEqual([expect.objectContaining({ object: 'public.account.extra', unsafeAllows: true })]);
      expect(report.fix.refused[0].hint).toContain('--unsafe');
      const unsafe = JSON.parse((await t.run(['drift', 'check', '--json', '--unsafe'])).stdout);
      expect(unsafe.fix.refused).toEqual([]);
      expect(unsafe.fix.sql).toMatch(/DROP COLUMN "extra"/);
    } finally {
      t.close();
    }
  });
});
