// The embedded PostgreSQL on real servers: first start runs initdb and later ones keep the data;
// concurrent starts (in this process and in a child process) share one server; the owner's stop
// waits for other sessions, then ends them; a kill -9 is survived; Ctrl-C stops only a server the
// process started; failures are WESLEY_CLI_EMBEDDED_FAILED with a hint and without the password.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { EMBEDDED_ERROR_CODES, startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres.js';

const roots: string[] = [];
const servers: EmbeddedPostgres[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.stop()));
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

/** `<fresh project>/.wesley/postgres`; the project is 0755 so that the `postgres` user can enter it when we are root. */
function freshDataDir(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-embedded-'));
  fs.chmodSync(root, 0o755);
  roots.push(root);
  return path.join(root, '.wesley', 'postgres');
}

async function start(dataDir: string, extra: { stopTimeoutMs?: number } = {}): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, ...extra });
  servers.push(server);
  return server;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const pidFile = (dataDir: string) => path.join(dataDir, 'postmaster.pid');
const passwordOf = (dataDir: string) => (JSON.parse(fs.readFileSync(`${dataDir}.credentials.json`, 'utf8')) as { password: string }).password;

const modulePath = fileURLToPath(new URL('../../src/database/embedded-postgres.ts', import.meta.url));
const jitiPath = fileURLToPath(new URL('../../node_modules/jiti/lib/jiti.mjs', import.meta.url));

/** A second wesley-like process: starts on `dataDir`, prints the result, stops on "stop" from stdin. */
async function startInChild(dataDir: string): Promise<{ child: ChildProcess; result: { reused: boolean; created: boolean; url: string }; stop: () => Promise<string> }> {
  const script = path.join(path.dirname(path.dirname(dataDir)), 'child.mjs');
  fs.writeFileSync(script, [
    `import { createJiti } from ${JSON.stringify(jitiPath)};`,
    `const { startEmbeddedPostgres } = await createJiti(import.meta.url).import(${JSON.stringify(modulePath)});`,
    `const server = await startEmbeddedPostgres({ dataDir: process.argv[2] });`,
    `console.log(JSON.stringify({ reused: server.reused, created: server.created, url: server.url }));`,
    `process.stdin.once('data', async () => { await server.stop(); console.log('"stopped"'); process.stdin.destroy(); });`,
  ].join('\n'));
  const child = spawn(process.execPath, [script, dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  return {
    child,
    result: JSON.parse(first.value as string),
    stop: async () => {
      child.stdin!.write('stop\n');
      return JSON.parse((await lines.next()).value as string) as string;
    },
  };
}

describe('startEmbeddedPostgres', () => {
  test('first start runs initdb; a second start keeps the data', async () => {
    const dataDir = freshDataDir();
    const first = await start(dataDir);
    expect(first).toMatchObject({ created: true, reused: false, dataDir, serverVersion: expect.stringMatching(/^18\.\d+$/) });
    expect(first.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    await query(first.url, `CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (1), (2)`);
    await first.stop();
    await first.stop(); // idempotent
    expect(fs.existsSync(pidFile(dataDir))).toBe(false);

    const second = await start(dataDir);
    expect(second).toMatchObject({ created: false, reused: false });
    expect(await query(second.url, `SELECT id FROM kept ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);
    await second.stop();
  });

  test('the password is random, in a 0600 file beside the data folder, and unix sockets are off', async () => {
    const dataDir = freshDataDir();
    const server = await start(dataDir);
    try {
      const stat = fs.statSync(`${dataDir}.credentials.json`);
      expect(stat.mode & 0o777).toBe(0o600);
      expect(passwordOf(dataDir)).toMatch(/^[\w-]{32}$/);
      expect(decodeURIComponent(new URL(server.url).password)).toBe(passwordOf(dataDir));
      const [settings] = await query<{ listen: string; sockets: string }>(server.url, `SELECT current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS sockets`);
      expect(settings).toEqual({ listen: '127.0.0.1', sockets: '' });
      const wrong = new URL(server.url);
      wrong.password = 'wrong';
      await expect(query(wrong.toString(), 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });
    } finally {
      await server.stop();
    }
  });

  test('concurrent starts share one server; only the owner stops it', async () => {
    const dataDir = freshDataDir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    const [a, b, c] = await Promise.all([start(dataDir), start(dataDir), startInChild(dataDir)]);
    const all = [
      { reused: a.reused, url: a.url, stop: () => a.stop() },
      { reused: b.reused, url: b.url, stop: () => b.stop() },
      { reused: c.result.reused, url: c.result.url, stop: () => c.stop().then(() => undefined) },
    ];
    expect(all.filter((s) => !s.reused)).toHaveLength(1);
    for (const s of all) expect(await query(s.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    const owner = all.find((s) => !s.reused)!;
    for (const s of all.filter((x) => x !== owner)) await s.stop();
    expect(await query(owner.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await owner.stop();
    expect(fs.existsSync(pidFile(dataDir))).toBe(false);
  });

  test("stop waits for other sessions (smart shutdown), and ends them once its bound is over", async () => {
    const dataDir = freshDataDir();
    const owner = await start(dataDir);
    const other = new pg.Client({ connectionString: owner.url });
    await other.connect();
    let done = false;
    const stopped = owner.stop().then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Still waiting, and the other session still works: a smart shutdown ends no one's session.
    expect(done).toBe(false);
    expect((await other.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await other.end();
    await stopped;
    expect(fs.existsSync(pidFile(dataDir))).toBe(false);

    const impatient = await start(dataDir, { stopTimeoutMs: 300 });
    const stuck = new pg.Client({ connectionString: impatient.url });
    stuck.on('error', () => {});
    await stuck.connect();
    await impatient.stop(); // after 300 ms it ends the session that stays (fast shutdown)
    await expect(stuck.query('SELECT 1')).rejects.toThrow();
    expect(fs.existsSync(pidFile(dataDir))).toBe(false);
    await stuck.end().catch(() => {});
  });

  test('starts again after the postmaster was killed with SIGKILL', async () => {
    const dataDir = freshDataDir();
    const first = await start(dataDir);
    await query(first.url, `CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (7)`);
    const pid = Number(fs.readFileSync(pidFile(dataDir), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    await first.stop(); // the server is gone already: returns at once
    expect(fs.existsSync(pidFile(dataDir))).toBe(true); // stale

    const second = await start(dataDir);
    expect(second).toMatchObject({ created: false, reused: false });
    expect(await query(second.url, 'SELECT id FROM survivor')).toEqual([{ id: 7 }]);
    await second.stop();
  });

  test('the starter finishing first hands the server over to a command still using it, which stops it last', async () => {
    const dataDir = freshDataDir();
    const owner = await startInChild(dataDir);
    const user = await start(dataDir);
    expect([owner.result.reused, user.reused]).toEqual([false, true]);
    const session = new pg.Client({ connectionString: user.url });
    await session.connect();
    try {
      expect(await owner.stop()).toBe('stopped');
      owner.child.stdin!.end();
      await new Promise((resolve) => (owner.child.exitCode !== null ? resolve(null) : owner.child.once('exit', resolve)));
      expect((await session.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]); // the session lived on
    } finally {
      await session.end();
    }
    expect(fs.readFileSync(`${dataDir}.owner`, 'utf8').trim()).toBe(String(process.pid));
    await user.stop();
    expect(fs.existsSync(pidFile(dataDir))).toBe(false);
  });

  test('a server whose starter was killed with SIGKILL is adopted and stopped by the next process', async () => {
    const dataDir = freshDataDir();
    const owner = await startInChild(dataDir);
    const gone = new Promise((resolve) => owner.child.once('exit', resolve));
    owner.child.kill('SIGKILL');
    await gone;
    const postmaster = Number(fs.readFileSync(pidFile(dataDir), 'utf8').split('\n')[0]);
    expect(() => process.kill(postmaster, 0)).not.toThrow(); // orphaned, still running

    const adopter = await start(dataDir);
    expect(adopter).toMatchObject({ reused: true, created: false });
    const bystander = await start(dataDir); // the adopter is alive: this one only reuses
    await bystander.stop();
    expect(await query(adopter.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await adopter.stop();
    expect(() => process.kill(postmaster, 0)).toThrow();
    expect(fs.existsSync(pidFile(dataDir))).toBe(false);
  });

  test('Ctrl-C stops the server the process started, not one it reused', async () => {
    const dataDir = freshDataDir();
    const owner = await startInChild(dataDir);
    const reuser = await startInChild(dataDir);
    expect([owner.result.reused, reuser.result.reused]).toEqual([false, true]);
    const exit = (child: ChildProcess) => new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    const reuserExit = exit(reuser.child);
    reuser.child.kill('SIGINT');
    // Without a server of its own it never loads the wrapper, so SIGINT keeps its default action.
    expect([130, 'SIGINT']).toContain(await reuserExit);
    expect(await query(owner.result.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    const ownerExit = exit(owner.child);
    owner.child.kill('SIGINT');
    expect(await ownerExit).toBe(130);
    expect(fs.existsSync(pidFile(dataDir))).toBe(false);
  });

  test('a data folder that cannot be created fails with WESLEY_CLI_EMBEDDED_FAILED and a hint', async () => {
    const root = path.dirname(path.dirname(freshDataDir()));
    fs.writeFileSync(path.join(root, 'a-file'), '');
    const error = await startEmbeddedPostgres({ dataDir: path.join(root, 'a-file', 'postgres') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: EMBEDDED_ERROR_CODES.failed, message: expect.stringContaining('a-file'), hint: expect.stringContaining('--database-url') });
  });

  test('a data folder of another PostgreSQL major fails, naming the folder, without the password', async () => {
    const dataDir = freshDataDir();
    await (await start(dataDir)).stop();
    fs.writeFileSync(path.join(dataDir, 'PG_VERSION'), '17\n');
    const error = (await startEmbeddedPostgres({ dataDir }).then(
      () => new Error('started'),
      (e: unknown) => e,
    )) as Error & { hint?: string };
    expect(error).toMatchObject({ code: EMBEDDED_ERROR_CODES.failed, message: expect.stringMatching(/PostgreSQL 17.*PostgreSQL 18/) });
    expect(error.hint).toMatch(/^Delete .*postgres to start afresh/);
    expect(`${error.message}${error.hint}`).not.toContain(passwordOf(dataDir));
  });

  test.runIf(process.getuid?.() === 0)('as root, a project the postgres user cannot enter fails with a hint', async () => {
    const dataDir = freshDataDir();
    fs.chmodSync(path.dirname(path.dirname(dataDir)), 0o700);
    const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: EMBEDDED_ERROR_CODES.failed, message: expect.stringContaining('`postgres` user'), hint: expect.stringContaining('chmod o+x') });
  });
});
