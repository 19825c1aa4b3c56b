import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The template every test database is copied from (created once per server). */
export const TEMPLATE_DATABASE = 'wesley_template';

/** A database of its own for one test. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Disconnects everyone and drops it. */
  drop(): Promise<void>;
}

/** Server facts a test may branch on. */
export interface ServerInfo {
  /** URL of a database we may connect to as a role that can CREATE DATABASE. */
  readonly url: string;
  readonly major: number;
  readonly versionNum: number;
  /** True when the server came from DATABASE_URL rather than the test kit. */
  readonly external: boolean;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Connects to `url`, runs `fn` with the client, and always disconnects. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Reads server_version_num and makes sure the template database exists. */
export async function prepareServer(url: string, external: boolean): Promise<ServerInfo> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ v: string }>(`select current_setting('server_version_num') as v`);
    const versionNum = Number(rows[0]!.v);
    const exists = await client.query('select 1 from pg_database where datname = $1', [TEMPLATE_DATABASE]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`create database ${quoteIdent(TEMPLATE_DATABASE)}`);
      } catch (error) {
        if ((error as { code?: string }).code !== '42P04') throw error; // created concurrently
      }
      if (!external) {
        await withClient(withDatabase(url, TEMPLATE_DATABASE), (t) =>
          t.query('create extension if not exists pg_stat_statements'),
        );
      }
    }
    return { url, major: Math.floor(versionNum / 10000), versionNum, external };
  });
}

/** Creates a fresh database from the template (~25 ms on a test kit server). */
export async function createDatabase(server: Pick<ServerInfo, 'url'>, prefix = 'wt'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(server.url, (client) =>
    client.query(`create database ${quoteIdent(name)} template ${quoteIdent(TEMPLATE_DATABASE)}`),
  );
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: withDatabase(server.url, name),
    drop() {
      dropped ??= withClient(server.url, async (client) => {
        await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
        await client.query(`drop database if exists ${quoteIdent(name)}`);
      });
      return dropped;
    },
  };
}
