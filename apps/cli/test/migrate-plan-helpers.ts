// Shared by the CLI's tests: running the CLI in-process, and parsing --json output with the
// documented schemas of src/json-schemas.ts (docs/cli/json.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import planJsonSchema from '@wesley/planner/plan.schema.json' with { type: 'json' };
import { Ajv2020 } from 'ajv/dist/2020.js';
import { JSON_DOCUMENTS, migrateRunEvent, migratePlanSuccess } from '../src/json-schemas.js';
import { runCli } from '../src/main.js';

export const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/migrate');

/** Runs wesley in `cwd` (the fixtures by default) with its own environment. */
export async function wesley(argv: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) };
  const code = await runCli(argv, io, options.cwd ?? fixtures, options.env ?? {});
  return { code, stdout, stderr };
}

const validatePublished = new Ajv2020({ strict: true, allErrors: true }).compile(planJsonSchema as object);

/** Parses a success document; its plan must also satisfy the published plan.schema.json. */
export function parseSuccess(stdout: string) {
  const json = JSON.parse(stdout);
  if (!validatePublished(json.plan)) throw new Error(`plan.schema.json rejects the plan: ${JSON.stringify(validatePublished.errors)}`);
  return migratePlanSuccess.parse(json);
}

/**
 * The lines of execute / resume --json: every line but the last an event, the last the result line
 * of `command`; the output must end in a newline.
 */
export function parseNdjson(stdout: string, command: 'migrate execute' | 'migrate resume' = 'migrate execute') {
  const lines = stdout.split('\n');
  if (lines.at(-1) !== '' || lines.length < 2) throw new Error(`not NDJSON ending in a newline: ${JSON.stringify(lines.slice(-2))}`);
  const objects = lines.slice(0, -1).map((line) => JSON.parse(line) as unknown);
  return { events: objects.slice(0, -1).map((o) => migrateRunEvent.parse(o)), result: JSON_DOCUMENTS[command].parse(objects.at(-1)) };
}
