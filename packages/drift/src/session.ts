// One read-only transaction on one connection, with a fixed search_path so that what the server
// renders (types, expressions) does not depend on the caller's session,
// and enough work_mem that catalog joins over 10,000 tables do not spill to disk.
import type pg from 'pg';

/** A `pg` Pool, or a Client / PoolClient that is not inside a transaction. */
export type DatabaseClient = pg.Pool | pg.ClientBase;

export type Query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

export interface Session {
  readonly query: Query;
  /** Statements run so far, not counting BEGIN / SET / COMMIT. */
  readonly count: () => number;
}

const isPool = (client: DatabaseClient): client is pg.Pool => typeof (client as pg.Pool).totalCount === 'number';

// No TimeZone here: timestamptz literals render in the database's own zone, the one the schema's
// SQL was applied in, so comparing them in the same zone compares what was meant.
const PREAMBLE = `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
SET LOCAL search_path = pg_catalog, public;
SET LOCAL statement_timeout = '60s';
SET LOCAL work_mem = '64MB'`;

/** Runs `work` in a read-only REPEATABLE READ transaction (one snapshot for every query), then ends it. */
export async function withReadOnlySession<T>(client: DatabaseClient, work: (session: Session) => Promise<T>): Promise<T> {
  const connection = isPool(client) ? await client.connect() : client;
  let statements = 0;
  const query: Query = (text, values) => {
    statements++;
    return connection.query(text, values);
  };
  let broken: Error | undefined;
  try {
    try {
      await connection.query(PREAMBLE);
      return await work({ query, count: () => statements });
    } finally {
      // Ends the transaction even when the preamble failed half-way; a connection that cannot
      // even roll back is not handed back to the caller's pool.
      await connection.query('ROLLBACK').catch((error: Error) => {
        broken = error;
      });
    }
  } finally {
    if (isPool(client)) (connection as pg.PoolClient).release(broken);
  }
}
