// Where `wesley migrate plan` gets its server facts: the database itself, a --stats file, a
// --pg-version, or the newest PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { WesleyError, isWesleyError, toErrorData } from '@wesley/ir';
import { parseServerFacts, type ServerFacts } from '@wesley/planner';
import { describeSystemError, FILE_ERROR_CODES, isSystemError } from '../file-errors.js';
import { readDatabaseFacts } from './migrate-database.js';

/** The PostgreSQL major planned for when nothing says which: the newest Wesley supports. */
export const DEFAULT_PG_MAJOR = 18;

/** The environment variable that may hold the URL instead of --database-url (keeps it out of `ps`). */
export const DATABASE_URL_ENV = 'WESLEY_DATABASE_URL';

export type FactsSource = 'database' | 'stats' | 'pg-version' | 'default';

/** Something the reader should know about the facts, shown with the plan (not a plan warning). */
export interface Note {
  readonly code: string;
  readonly message: string;
}

export interface FactsRequest {
  /** The URL and where it came from (`--database-url` or the environment variable). */
  readonly database?: { readonly url: string; readonly origin: string };
  readonly statsFile?: string;
  readonly pgMajor?: number;
  readonly cwd: string;
  /** How long to wait for the connection (PGCONNECT_TIMEOUT, as libpq reads it); default 10 s. */
  readonly connectTimeoutMs?: number;
}

export interface ResolvedFacts {
  readonly facts: ServerFacts;
  readonly source: FactsSource;
  readonly notes: readonly Note[];
}

const versionNum = (major: number) => major * 10000;
const majorOf = (num: number) => Math.floor(num / 10000);

/** The facts the request asks for; --pg-version overrides the version any source gives. */
export async function resolveFacts(request: FactsRequest): Promise<ResolvedFacts> {
  const { pgMajor } = request;
  if (request.database === undefined && request.statsFile === undefined) {
    if (pgMajor !== undefined) return { facts: { serverVersionNum: versionNum(pgMajor) }, source: 'pg-version', notes: [] };
    const note = {
      code: 'WESLEY_CLI_DEFAULT_PG_VERSION',
      message: `No --database-url, --stats or --pg-version: planning for PostgreSQL ${DEFAULT_PG_MAJOR} with unknown table sizes.`,
    };
    return { facts: { serverVersionNum: versionNum(DEFAULT_PG_MAJOR) }, source: 'default', notes: [note] };
  }
  const [facts, source, from] = request.database
    ? [await readDatabaseFacts(request.database.url, request.database.origin, request.connectTimeoutMs ?? 10_000), 'database' as const, 'the database']
    : [readStatsFile(request.statsFile!, request.cwd, pgMajor), 'stats' as const, 'the stats file'];
  if (pgMajor === undefined || versionNum(pgMajor) === facts.serverVersionNum) return { facts, source, notes: [] };
  const note = {
    code: 'WESLEY_CLI_PG_VERSION_OVERRIDE',
    message: `--pg-version ${pgMajor} overrides ${from}'s server_version_num ${facts.serverVersionNum} (PostgreSQL ${majorOf(facts.serverVersionNum)}): planning for PostgreSQL ${pgMajor}.`,
  };
  return { facts: { ...facts, serverVersionNum: versionNum(pgMajor) }, source, notes: [note] };
}

/** Reads the --stats file: JSON in the ServerFacts format, serverVersionNum optional with --pg-version. */
function readStatsFile(file: string, cwd: string, pgMajor: number | undefined): ServerFacts {
  const shown = path.relative(cwd, path.resolve(cwd, file)) || file;
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    if (!isSystemError(error)) throw error;
    throw new WesleyError(
      { code: FILE_ERROR_CODES.readFailed, message: `Cannot read the stats file "${shown}": ${describeSystemError(error)}.`, hint: 'Check the --stats path (relative to the current directory) and that this user may read the file.' },
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw notJson(shown, text, error as SyntaxError);
  }
  const missingVersion = typeof json === 'object' && json !== null && !Array.isArray(json) && !('serverVersionNum' in json);
  const candidate = missingVersion && pgMajor !== undefined ? { ...(json as object), serverVersionNum: versionNum(pgMajor) } : json;
  try {
    return parseServerFacts(candidate);
  } catch (error) {
    if (!isWesleyError(error)) throw error;
    const data = toErrorData(error);
    const hint = missingVersion ? 'Add "serverVersionNum" (SHOW server_version_num on the server) to the stats file, or pass --pg-version.' : data.hint;
    throw new WesleyError({ ...data, message: `${shown}: ${data.message}`, ...(hint === undefined ? {} : { hint }) }, { cause: error });
  }
}

/** A stats file that is not JSON, with the line and column of the syntax error when V8 gives its position. */
function notJson(file: string, text: string, error: SyntaxError): WesleyError {
  const position = /at position (\d+)/.exec(error.message);
  const before = position ? text.slice(0, Number(position[1])) : undefined;
  const location = before === undefined ? undefined : { file, line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
  return new WesleyError({
    code: FILE_ERROR_CODES.readFailed,
    message: `The stats file "${file}" is not valid JSON: ${error.message.replace(/ in JSON at position \d+.*$/, '')}.`,
    expected: 'a JSON object such as { "serverVersionNum": 160004, "tables": { ... } }',
    hint: 'Fix the JSON; docs/cli/migrate-plan.md shows the format.',
    ...(location === undefined ? {} : { location }),
  });
}
