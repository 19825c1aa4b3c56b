import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { EXIT } from '../../src/main.js';
import { migratePlanFailure as failureEnvelope } from '../../src/json-schemas.js';
import { fixtures, parseSuccess, wesley } from '../migrate-plan-helpers.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-migrate-facts-'));
  for (const f of ['v1.graphql', 'v2.graphql']) fs.copyFileSync(path.join(fixtures, f), path.join(dir, f));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const plan = (...extra: string[]) => wesley(['migrate', 'plan', '--from', 'v1.graphql', '--to', 'v2.graphql', ...extra], { cwd: dir });
const writeStats = (json: unknown, name = 'stats.json') => fs.writeFileSync(path.join(dir, name), typeof json === 'string' ? json : JSON.stringify(json));

const SIZES = { tables: { 'public.user': { rows: 4_000_000, bytes: 500_000_000, indexBytes: 90_000_000 }, 'public.org': { rows: 100, bytes: 16384 } } };

describe('--stats', () => {
  test('the version and the sizes come from the file; the estimates use them', async () => {
    writeStats({ serverVersionNum: 150004, ...SIZES });
    const { code, stdout } = await plan('--stats', 'stats.json', '--json');
    expect(code).toBe(EXIT.refused);
    const doc = parseSuccess(stdout);
    expect(doc.factsSource).toBe('stats');
    expect(doc.notes).toEqual([]);
    expect(doc.plan.pgVersion).toBe(150004);
    expect(doc.plan.warnings).toEqual([]);
    const index = doc.plan.steps.find((s) => s.kind === 'create-index-concurrently')!;
    expect(index.estimate.basis).toBe('477 MB heap x 5.5-169 s/GB (concurrent index build)');
  });

  test('serverVersionNum may be left out when --pg-version is given; --pg-version overrides it otherwise, with a note', async () => {
    writeStats(SIZES);
    const withVersion = parseSuccess((await plan('--stats', 'stats.json', '--pg-version', '13', '--json')).stdout);
    expect(withVersion.plan.pgVersion).toBe(130000);
    expect(withVersion.notes).toEqual([]);

    writeStats({ serverVersionNum: 150004, ...SIZES });
    const text = await plan('--stats', 'stats.json', '--pg-version', '17');
    expect(text.stdout).toMatch(/^note: --pg-version 17 overrides the stats file's server_version_num 150004 \(PostgreSQL 15\): planning for PostgreSQL 17\.\n\nMigration plan\n {2}PostgreSQL: {5}17 /);
    const json = parseSuccess((await plan('--stats', 'stats.json', '--pg-version', '17', '--json')).stdout);
    expect(json.notes.map((n) => n.code)).toEqual(['WESLEY_CLI_PG_VERSION_OVERRIDE']);
  });

  test('without serverVersionNum and without --pg-version: an error that says to add one', async () => {
    writeStats(SIZES);
    const { code, stdout, stderr } = await plan('--stats', 'stats.json');
    expect(code).toBe(EXIT.invalidInput);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^WESLEY_PLAN_INVALID_FACTS: stats\.json: The server facts are not valid: serverVersionNum is missing\.\n/);
    expect(stderr).toContain('hint: Add "serverVersionNum" (SHOW server_version_num on the server) to the stats file, or pass --pg-version.');
  });

  test('a wrong field is named precisely, as text and as JSON', async () => {
    writeStats({ serverVersionNum: 160000, tables: { 'public.user': { rows: 10, bytes: -1 }, org: { rows: 1, bytes: 1 } } });
    const { code, stderr } = await plan('--stats', 'stats.json');
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toContain('stats.json: The server facts are not valid: tables["public.user"].bytes: must be >= 0; tables["org"]: the key must be a qualified table name such as "public.users".');
    const doc = failureEnvelope.parse(JSON.parse((await plan('--stats', 'stats.json', '--json')).stdout));
    expect(doc.errors[0]?.code).toBe('WESLEY_PLAN_INVALID_FACTS');
    expect(doc.files?.to).toEqual(['v2.graphql']);
  });

  test('a file that is not JSON: the position of the syntax error', async () => {
    writeStats('{\n  "serverVersionNum": 160000,\n  "tables": {,}\n}\n');
    const { code, stderr } = await plan('--stats', 'stats.json');
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toMatch(/^stats\.json:3:14 WESLEY_CLI_READ_FAILED: The stats file "stats\.json" is not valid JSON: /);
  });

  test('a file that does not exist', async () => {
    const { code, stderr } = await plan('--stats', 'missing.json');
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toBe(
      'WESLEY_CLI_READ_FAILED: Cannot read the stats file "missing.json": no such file or folder (ENOENT).\n' +
        '  hint: Check the --stats path (relative to the current directory) and that this user may read the file.\n',
    );
  });
});

describe('--database-url that cannot be reached', () => {
  // A port that was free a moment ago: connecting is refused at once.
  let port: number;
  beforeAll(async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
  });
  // Connections that hang: accepted, then never answered.
  let silent: net.Server;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const secret = 'Sup3r-s3cret';

  test('a clear error with a code and a hint; neither the URL nor the password is printed', async () => {
    const url = `postgres://alice:${secret}@127.0.0.1:${port}/app`;
    for (const extra of [[], ['--json'], ['--debug'], ['--dry-run']]) {
      const { code, stdout, stderr } = await plan('--database-url', url, ...extra);
      expect(code).toBe(EXIT.database);
      const output = stdout + stderr;
      expect(output).toContain('WESLEY_CLI_DATABASE_UNREACHABLE');
      expect(output).toContain(`Cannot connect to the database given by --database-url: connect ECONNREFUSED 127.0.0.1:${port}`);
      expect(output).not.toContain(secret);
      expect(output).not.toContain('postgres://');
      expect(output).not.toContain('alice');
    }
    const doc = failureEnvelope.parse(JSON.parse((await plan('--database-url', url, '--json')).stdout));
    expect(doc.errors).toEqual([
      { code: 'WESLEY_CLI_DATABASE_UNREACHABLE', message: expect.stringContaining('ECONNREFUSED'), hint: 'Check the host and port, and that the server is running and accepts TCP connections.' },
    ]);
  });

  test(`${'WESLEY_DATABASE_URL'} is used when neither --database-url nor --stats is given`, async () => {
    const env = { WESLEY_DATABASE_URL: `postgresql://bob:${secret}@127.0.0.1:${port}/app` };
    const { code, stdout, stderr } = await wesley(['migrate', 'plan', '--from', 'v1.graphql', '--to', 'v2.graphql'], { cwd: dir, env });
    expect(code).toBe(EXIT.database);
    expect(stderr).toContain('Cannot connect to the database given by WESLEY_DATABASE_URL');
    expect(stdout + stderr).not.toContain(secret);
    writeStats({ serverVersionNum: 160000 });
    const withStats = await wesley(['migrate', 'plan', '--from', 'v1.graphql', '--to', 'v2.graphql', '--stats', 'stats.json', '--json'], { cwd: dir, env });
    expect(parseSuccess(withStats.stdout).factsSource).toBe('stats');
  });

  test('a URL that does not parse is an error too, and is not echoed', async () => {
    const url = `postgres://alice:${secret}@[not-a-host/app`;
    const { code, stdout, stderr } = await plan('--database-url', url);
    expect(code).toBe(EXIT.database);
    expect(stderr).toContain('WESLEY_CLI_DATABASE_UNREACHABLE');
    expect(stdout + stderr).not.toContain(secret);
  });

  test('a server that never answers: the connection times out after PGCONNECT_TIMEOUT seconds', async () => {
    const address = silent.address() as net.AddressInfo;
    const argv = ['migrate', 'plan', '--from', 'v1.graphql', '--to', 'v2.graphql', '--database-url', `postgres://alice:${secret}@127.0.0.1:${address.port}/app`];
    const started = performance.now();
    const { code, stderr } = await wesley(argv, { cwd: dir, env: { PGCONNECT_TIMEOUT: '1' } });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(code).toBe(EXIT.database);
    expect(stderr).toContain('WESLEY_CLI_DATABASE_UNREACHABLE');
    expect(stderr).toContain('hint: Check the host, the port and any firewall between here and the server.');
    expect(stderr).not.toContain(secret);
  });
});
