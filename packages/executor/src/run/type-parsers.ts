import type pg from 'pg';

/**
 * Type parsers for the executor's batch statements (`query({ text, values, types: EXECUTOR_TYPES })`):
 * every value stays in PostgreSQL's text form, so a backfill cursor goes back to the server exactly
 * as it came (a timestamp keeps its microseconds, a bytea key stays `\x...` rather than a Buffer).
 */
export const EXECUTOR_TYPES = {
  getTypeParser: (() => (value: string) => value) as unknown as typeof pg.types.getTypeParser,
};
