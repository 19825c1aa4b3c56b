// The end-to-end tests' one way to run things: the built `wesley` binary (or any program) in a
// child process, as a user's shell would, with its output captured and a deadline after which
// the whole process group is killed. Plus throwaway project folders under the OS temp folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is apps/cli/test/e2e/run-wesley.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The built binary every test runs; `pnpm test` builds it first. */
export const WESLEY_BIN = path.join(REPO_ROOT, 'apps', 'cli', 'dist', 'wesley.js');

/** Throws a message that says how to build when the binary is missing (call it in beforeAll). */
export function requireBuiltCli(): void {
  if (!fs.existsSync(WESLEY_BIN)) {
    throw new Error(`${WESLEY_BIN} is missing: build the CLI first (\`pnpm --filter @wesley/cli... build\`, or run \`pnpm test\`, which builds everything).`);
  }
}

export interface RunResult {
  /** The exit code, or null when a signal ended the process. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly timedOut: boolean;
  /** stdout parsed as exactly one JSON document (throws with the text when it is not). */
  json<T = any>(): T;
  /** stdout as NDJSON: every non-empty line parsed (throws naming the first line that is not JSON). */
  ndjson<T = any>(): T[];
}

export interface RunOptions {
  readonly cwd: string;
  /** Added to (or, with `undefined`, removed from) the clean environment of `cleanEnv()`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Kill the process (group) after this long; 90 s. */
  readonly timeoutMs?: number;
  readonly input?: string;
}

/**
 * The environment of a user with no database configured: this process's, without any variable
 * that points wesley (or the test kit) at a database or config, and without colour forcing.
 */
export function cleanEnv(extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(WESLEY_|PG[A-Z]+$|DATABASE_URL$|FORCE_COLOR$|NO_COLOR$|VITEST|npm_config_)/.test(key)) delete env[key];
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs `command args` in `options.cwd`; resolves (never rejects) with what it printed and how it ended. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Its own process group, so that a timeout kills what it started too (pnpm -> node -> postgres).
    const child = spawn(command, [...args], { cwd: options.cwd, env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs ?? 90_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      const shown = `$ ${path.basename(command)} ${args.join(' ')}\nexit ${code ?? signal}${timedOut ? ' (killed: timeout)' : ''}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`;
      resolve({
        code, signal, stdout, stderr, timedOut, ms: Math.round(performance.now() - started),
        json: () => {
          try {
            return JSON.parse(stdout);
          } catch (error) {
            throw new Error(`stdout is not one JSON document (${(error as Error).message}):\n${shown}`);
          }
        },
        ndjson: () =>
          stdout.split('\n').filter((l) => l.trim() !== '').map((line, i) => {
            try {
              return JSON.parse(line);
            } catch {
              throw new Error(`stdout line ${i + 1} is not JSON: ${line}\n${shown}`);
            }
          }),
        toString: () => shown,
      } as RunResult);
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Runs the built `wesley` with `args`, as `node apps/cli/dist/wesley.js ...`. */
export const wesley = (args: readonly string[], options: RunOptions): Promise<RunResult> => run(process.execPath, [WESLEY_BIN, ...args], options);

/** A throwaway project folder. */
export interface TempProject {
  readonly dir: string;
  /** A path inside it. */
  path(...parts: string[]): string;
  write(relative: string, text: string): void;
  read(relative: string): string;
  /** Runs wesley in it. */
  wesley(args: readonly string[], options?: Omit<RunOptions, 'cwd'>): Promise<RunResult>;
  /** Every file under it (relative paths), skipping the embedded server's data folder. */
  files(): string[];
  remove(): void;
}

/** A fresh folder under the OS temp folder (remove it in afterAll / afterEach). */
export function tempProject(prefix = 'wesley-e2e-'): TempProject {
  // realpath: on some systems the temp folder is a symbolic link, and wesley prints real paths.
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  // As root the embedded server runs as `postgres`, which must be able to enter the project folder.
  fs.chmodSync(dir, 0o755);
  const at = (...parts: string[]) => path.join(dir, ...parts);
  return {
    dir,
    path: at,
    write: (relative, text) => {
      fs.mkdirSync(path.dirname(at(relative)), { recursive: true });
      fs.writeFileSync(at(relative), text);
    },
    read: (relative) => fs.readFileSync(at(relative), 'utf8'),
    wesley: (args, options = {}) => wesley(args, { ...options, cwd: dir }),
    files: () => listFiles(dir, ['.wesley/postgres']),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every file under `root`, relative, skipping the given relative folders. */
export function listFiles(root: string, skip: readonly string[] = []): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (skip.includes(rel)) continue;
      if (entry.isDirectory()) walk(rel);
      else found.push(rel);
    }
  };
  walk('');
  return found.sort();
}

/** A process's exit left no embedded server behind: `postmaster.pid` exists only while one runs. */
export function embeddedServerRunning(project: TempProject, dataDir = '.wesley/postgres'): boolean {
  return fs.existsSync(project.path(dataDir, 'postmaster.pid'));
}

/** Lines of a stack trace (`    at fn (file:1:2)`). */
export const STACK_LINE = /^\s+at .+(\(|:\d+:\d+)/m;

/** ANSI escape sequences (colours, cursor movement). */
// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[|\u001b\]|\u009b/;

/** A PostgreSQL URL with `password` set (the test kit's servers trust every password). */
export function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = password;
  return u.toString();
}
