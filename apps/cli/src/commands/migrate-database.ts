// `wesley migrate plan --database-url`: the server facts read from the database. Reading only
// reads (the session is read-only), its waits are bounded, and no error carries the URL.
import { readServerFacts, redactConnectionString } from '@wesley/executor';
import { WesleyError } from '@wesley/ir';
import type { ServerFacts } from '@wesley/planner';
import pg from 'pg';

/** The CLI's database error codes (docs/errors.md). */
export const DATABASE_ERROR_CODES = {
  unreachable: 'WESLEY_CLI_DATABASE_UNREACHABLE',
  readFailed: 'WESLEY_CLI_DATABASE_READ_FAILED',
} as const;

/** `the database given by --database-url`, `the embedded database`: where a database came from, for a sentence. */
export const databaseNamed = (origin: string) => (origin === 'embedded' ? 'the embedded database' : `the database given by ${origin}`);

/** A connected client, or WESLEY_CLI_DATABASE_UNREACHABLE with a hint; the error never carries the URL. */
export async function connectDatabase(url: string, origin: string, connectTimeoutMs: number, applicationName: string): Promise<pg.Client> {
  const redact = (text: string) => redactConnectionString(text, url);
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, application_name: applicationName, connectionTimeoutMillis: connectTimeoutMs });
  } catch (error) {
    // pg parses the URL in the constructor.
    throw unreachable(error, origin, redact);
  }
  // A connection lost later rejects the query in flight; the event must not crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw unreachable(error, origin, redact);
  }
  return client;
}

/** Connects, reads the facts in a read-only session, disconnects; errors never carry the URL. */
export async function readDatabaseFacts(url: string, origin: string, connectTimeoutMs: number): Promise<ServerFacts> {
  const redact = (text: string) => redactConnectionString(text, url);
  const client = await connectDatabase(url, origin, connectTimeoutMs, 'wesley migrate plan');
  try {
    // Read-only, so that nothing here can write; lock_timeout, because pg_table_size waits behind an ACCESS EXCLUSIVE lock.
    await client.query(`SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; SET lock_timeout = '5s'; SET statement_timeout = '60s'`);
    return await readServerFacts(client);
  } catch (error) {
    throw new WesleyError(
      {
        code: DATABASE_ERROR_CODES.readFailed,
        message: `Connected to ${databaseNamed(origin)}, but reading its catalogs failed: ${redact(describeDatabaseError(error))}.`,
        hint: (error as { code?: string }).code === '55P03'
          ? 'A table is locked (ACCESS EXCLUSIVE) by another session: run the command again when it is done, or use --stats.'
          : 'Check that the role may read pg_class, pg_namespace and pg_stat_user_tables, or use --stats.',
      },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** `message (code)` of a pg or Node.js error, for a sentence. */
export function describeDatabaseError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message = error.message.trim() === '' && error instanceof AggregateError ? error.errors.map(describeDatabaseError).join('; ') : error.message.replace(/\.$/, '');
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

const UNREACHABLE_HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'Check the host and port, and that the server is running and accepts TCP connections.',
  ENOTFOUND: 'Check the host name in the URL.',
  EAI_AGAIN: 'Check the host name in the URL and the DNS.',
  ETIMEDOUT: 'Check the host, the port and any firewall between here and the server.',
  '28P01': 'Check the user name and the password (in the URL, or in PGPASSWORD or ~/.pgpass).',
  '28000': 'Check the user name, and that pg_hba.conf lets this user connect from here.',
  '3D000': 'Check the database name at the end of the URL.',
};

function unreachable(error: unknown, origin: string, redact: (text: string) => string): WesleyError {
  const code = (error as { code?: unknown } | null)?.code;
  const timedOut = error instanceof Error && /timeout/i.test(error.message);
  const hint = (typeof code === 'string' ? UNREACHABLE_HINTS[code] : undefined) ??
    (timedOut ? UNREACHABLE_HINTS.ETIMEDOUT! : 'Check the URL (postgres://user:password@host:port/database) and that the server accepts connections from here.');
  return new WesleyError({
    code: DATABASE_ERROR_CODES.unreachable,
    message: `Cannot connect to ${databaseNamed(origin)}: ${redact(describeDatabaseError(error))}.`,
    hint,
  });
}
