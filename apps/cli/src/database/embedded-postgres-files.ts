// The files around the embedded server's data folder, and the process facts read from them.
// Plain helpers for embedded-postgres.ts; every function here is synchronous or short.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

/** The user, password and their file beside the data folder (`.wesley/postgres.credentials.json`). */
export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** The lock and credentials files of a data folder: siblings, because initdb wants an empty folder. */
export function siblingFiles(dataDir: string): { lock: string; credentials: string; owner: string; users: string } {
  return { lock: `${dataDir}.lock`, credentials: `${dataDir}.credentials.json`, owner: `${dataDir}.owner`, users: `${dataDir}.users` };
}

/** The pids using the server, one entry per use (a process may use it twice), dead ones dropped. */
export function readUsers(file: string): number[] {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').map(Number).filter((pid) => Number.isInteger(pid) && pid > 0 && isAlive(pid));
}

export function writeUsers(file: string, pids: readonly number[]): void {
  fs.writeFileSync(file, pids.map((pid) => `${pid}\n`).join(''), { mode: 0o600 });
}

/** The pid of the wesley process that started the running server, or null when unknown. */
export function readOwner(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Fresh credentials, written atomically with mode 0600 (they are the only way into the server). */
export function createCredentials(file: string): Credentials {
  const credentials = { user: 'postgres', password: crypto.randomBytes(24).toString('base64url') };
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  return credentials;
}

/** The saved credentials, or undefined when the file is missing or not ours. */
export function readCredentials(file: string): Credentials | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Credentials>;
    return typeof data.user === 'string' && typeof data.password === 'string' ? { user: data.user, password: data.password } : undefined;
  } catch {
    return undefined;
  }
}

/** Lines 1, 4 and 8 of postmaster.pid (PostgreSQL 10+): the postmaster's pid, port and status. */
export function readPostmasterPid(dataDir: string): { pid: number; port: number; status: string } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  // A file caught while the postmaster writes it has no port yet: report it as starting.
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port: Number.isInteger(port) ? port : 0, status: (lines[7] ?? '').trim() || 'starting' };
}

/** True when `pid` names a live process (EPERM: alive, owned by another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` holding `<lock>` (created with O_EXCL, holding our pid), so that two processes never
 * both decide to start a server. A lock whose pid is dead is taken over; the window between
 * reading it and removing it is left open, as it only matters after a crash in that same instant.
 */
export async function withLock<T>(lock: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: number;
    try {
      holder = Number(fs.readFileSync(lock, 'utf8').trim());
    } catch {
      continue; // released between our two calls
    }
    if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeout(Number.isInteger(holder) ? holder : undefined);
    await sleep(50);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

export class LockTimeout extends Error {
  constructor(readonly holder: number | undefined) {
    super('lock timeout');
  }
}

/** A port nobody listens on right now; the server may still lose it to a race (the caller retries). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The folder of `postgres` and `initdb` in the wrapper's binary package, found without importing it. */
export function findBinDir(): string | undefined {
  try {
    const wrapper = createRequire(import.meta.url).resolve('embedded-postgres');
    const entry = createRequire(wrapper).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const bin = path.join(path.dirname(entry), '..', 'native', 'bin');
    return fs.existsSync(path.join(bin, 'postgres')) && fs.existsSync(path.join(bin, 'initdb')) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** The uid/gid the server runs as: `postgres` when we are root (PostgreSQL refuses root), else us. */
export function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = fs.readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':')).find((f) => f[0] === 'postgres');
  return entry ? { uid: Number(entry[2]), gid: Number(entry[3]) } : undefined;
}

/**
 * As root without a `postgres` user: creates one (a system user without a home or a shell), as the
 * embedded-postgres wrapper would, but before anything is chowned to it. False when that fails.
 */
export function createServerUser(): boolean {
  spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  const made = spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
  return made.status === 0 && serverUser() !== undefined;
}

/** `postgres --version` run as the server user: "18.4", or undefined when it cannot run. */
export function binaryVersion(binDir: string, user: { uid: number; gid: number } | undefined): string | undefined {
  const probe = spawnSync(path.join(binDir, 'postgres'), ['--version'], { ...user, encoding: 'utf8' });
  return probe.status === 0 ? /(\d+(?:\.\d+)*)/.exec(probe.stdout)?.[1] : undefined;
}

/** True when `user` may enter `dir`; asked of the kernel, so ACLs and every parent count. */
export function canEnter(dir: string, user: { uid: number; gid: number }): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { ...user, stdio: 'ignore' }).status === 0;
}
