// The runtime form of ServerFacts (types.ts), for facts that arrive as JSON: a `--stats` file, or
// facts another tool fetched. Strict: a misspelt field is an error, not a silently unknown size.
import { WesleyError, didYouMean } from '@wesley/ir';
import { z } from 'zod';
import { PLANNER_ERROR_CODES } from './errors.js';
import type { InvalidIndexFact, ServerFacts, TableFacts } from './types.js';

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`);

// `public.users`: the planner looks tables up by qualified name, so a bare `users` would never match.
const qualifiedName = z.string().regex(/^[^.]+\..+$/, { error: 'must be a qualified table name such as "public.users"' });
const byteCount = z.int({ error: 'must be a whole number of bytes' }).min(0, { error: 'must be >= 0' });

const tableFactsSchema: z.ZodType<TableFacts> = z.lazy(() =>
  z.strictObject({
    // pg_class.reltuples is a float estimate; -1 (never analysed) is accepted and counts as 0.
    rows: z.number({ error: 'must be a number' }).refine((n) => n >= 0 || n === -1, { error: 'must be >= 0 (or -1: never analysed)' }),
    bytes: byteCount,
    indexBytes: byteCount.optional(),
    partitions: z.record(qualifiedName, tableFactsSchema).optional(),
  }),
);

const invalidIndexSchema: z.ZodType<InvalidIndexFact> = z.strictObject({
  schema: z.string().min(1, { error: 'must not be empty' }),
  table: z.string().min(1, { error: 'must not be empty' }),
  name: z.string().min(1, { error: 'must not be empty' }),
});

/** The zod schema of ServerFacts as JSON; unknown fields are rejected. */
export const serverFactsSchema: z.ZodType<ServerFacts> = z.strictObject({
  serverVersionNum: z
    .int({ error: (issue) => `must be an integer such as 160004 (SHOW server_version_num), not ${kindOf(issue.input)}` })
    .positive({ error: 'must be a server_version_num such as 160004' }),
  tables: z.record(qualifiedName, tableFactsSchema).optional(),
  invalidIndexes: z.array(invalidIndexSchema).optional(),
});

const FIELD_NAMES = ['serverVersionNum', 'tables', 'invalidIndexes', 'rows', 'bytes', 'indexBytes', 'partitions', 'schema', 'table', 'name'];

/** `tables["public.users"].rows`: field names after a dot, table names (data) in brackets. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (FIELD_NAMES.includes(String(key))) out += out === '' ? String(key) : `.${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((key) => {
        const suggestion = didYouMean(key, FIELD_NAMES);
        return `unknown field "${key}"${suggestion ? ` (${suggestion})` : ''}`;
      })
      .join('; ');
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is missing';
  if (issue.code === 'invalid_type' && (issue.expected === 'object' || issue.expected === 'record')) return `must be an object, not ${kindOf(issue.input)}`;
  if (issue.code === 'invalid_type' && issue.expected === 'array') return `must be an array, not ${kindOf(issue.input)}`;
  if (issue.code === 'invalid_key') return `the key ${issue.issues.map((i) => i.message).join('; ')}`;
  return issue.message;
}

/**
 * Checks JSON facts (a `--stats` file, a facts fetcher's output) and returns them as ServerFacts.
 * Throws WESLEY_PLAN_INVALID_FACTS naming each wrong field (`tables["public.users"].rows: must be >= 0`).
 */
export function parseServerFacts(json: unknown): ServerFacts {
  const result = serverFactsSchema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = formatPath(issue.path);
    const what = describeIssue(issue);
    if (where === '') return issue.code === 'unrecognized_keys' ? what : `the facts ${what}`;
    return what === 'is missing' ? `${where} is missing` : `${where}: ${what}`;
  });
  const shown = problems.slice(0, 5);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  throw new WesleyError({
    code: PLANNER_ERROR_CODES.invalidFacts,
    message: `The server facts are not valid: ${shown.join('; ')}${more}.`,
    expected: '{ "serverVersionNum": 160004, "tables": { "public.users": { "rows": 1000, "bytes": 81920 } } }',
    hint: 'Fix the named fields; docs/cli/migrate-plan.md describes the format (or let `wesley migrate plan --database-url` read the facts from the server).',
    details: { problems },
  });
}
