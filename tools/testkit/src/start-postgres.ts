import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { serverUser, usableBinDir, type PostgresMajor } from './binaries.js';

/** A running throw-away server. */
export interface PostgresServer {
  /** Superuser URL of the `postgres` database (no password: trust auth on 127.0.0.1). */
  readonly url: string;
  readonly version: PostgresMajor;
  readonly port: number;
  readonly pid: number;
  /** Fast shutdown, then the data directory is deleted. */
  stop(): Promise<void>;
}

const guardianPath = fileURLToPath(new URL('./guardian.mjs', import.meta.url));

/** Starts PostgreSQL `version` on a free 127.0.0.1 port with pg_stat_statements preloaded. */
export async function startPostgres(options: { version: PostgresMajor }): Promise<PostgresServer> {
  const { version } = options;
  const user = serverUser();
  const config = { binDir: usableBinDir(version, user), version, ...(user ?? {}) };
  // detached: the guardian gets its own process group, so a Ctrl-C aimed at the test run does
  // not kill it before it has stopped the server and removed the data directory.
  const guardian = spawn(process.execPath, [guardianPath, JSON.stringify(config)], {
    detached: true,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: guardian.stdout });
  const first = await new Promise<{ ready?: boolean; port?: number; pid?: number; error?: string; log?: string }>(
    (resolve, reject) => {
      lines.once('line', (line) => resolve(JSON.parse(line)));
      guardian.once('error', reject);
      guardian.once('exit', (code) => reject(new Error(`PostgreSQL ${version} guardian exited with code ${code}`)));
    },
  );
  if (!first.ready || first.port === undefined || first.pid === undefined) {
    throw new Error(`${first.error ?? `PostgreSQL ${version} did not start`}\n${first.log ?? ''}`.trim());
  }
  guardian.unref();
  for (const stream of [guardian.stdin, guardian.stdout]) (stream as unknown as { unref?: () => void }).unref?.();
  const exited = new Promise<void>((resolve) => guardian.once('exit', () => resolve()));
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres@127.0.0.1:${first.port}/postgres`,
    version,
    port: first.port,
    pid: first.pid,
    stop() {
      stopped ??= (async () => {
        guardian.ref(); // keep the process alive until the server is really gone
        if (guardian.exitCode === null) guardian.stdin?.end('stop\n');
        await exited;
      })();
      return stopped;
    },
  };
}
