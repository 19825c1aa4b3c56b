import pg from 'pg';

// date, time, timestamp, timestamptz, timetz
const DATE_TIME_OIDS = new Set([1082, 1083, 1114, 1184, 1266]);

/**
 * Type parsers for the executor's batch statements (`query({ text, values, types: EXECUTOR_TYPES })`):
 * date and time values stay text, so a backfill cursor on a timestamp key keeps its microseconds
 * (a JavaScript Date would round them to milliseconds). Everything else parses as usual.
 */
export const EXECUTOR_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    DATE_TIME_OIDS.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};
