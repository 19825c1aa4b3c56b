// The generated part of docs/cli/json.md: per command, its format version, example documents
// (json-examples.ts) and the JSON Schema of each document, converted from the zod schemas of
// json-schemas.ts, so that the page cannot drift from what the CLI prints.
import { PLAN_SCHEMA_ID, planSchema } from '@wesley/planner';
import { z } from 'zod';
import type { JsonExample, JsonExamples } from './json-examples.js';
import { GENERIC_FORMAT_VERSION, JSON_FORMATS, type JsonCommand } from './json-output.js';
import { JSON_SCHEMA_PARTS, JSON_SCHEMAS } from './json-schemas.js';

export const JSON_DOC_MARKERS = {
  start: '<!-- json-docs:start (generated from apps/cli/src/json-schemas.ts and json-examples.ts: run pnpm --filter @wesley/cli docs:json) -->',
  end: '<!-- json-docs:end -->',
} as const;

/** What each command's document says, in a sentence or two; the examples and schemas show the rest. */
const ABOUT: Readonly<Record<JsonCommand | 'generic', string>> = {
  generate: 'What was compiled and written. `outputs` lists the files of each target (`ts`, `zod`, `kysely` only when generated). A schema that does not compile prints every error and writes nothing.',
  init: 'The files written (`created`, `overwritten` with `--force`, `.gitignore` `updated`) and the commands to run next.',
  completion: 'The completion script of `shell`, as `wesley completion <shell>` prints it.',
  'migrate plan': `\`plan\` is the plan as [plan.schema.json](../../packages/planner/plan.schema.json) describes it (\`${PLAN_SCHEMA_ID}\`, [plan-format.md](../plan-format.md)). \`complete\` is false when the plan refused changes (exit 3). \`factsSource\` says where the server version and table sizes came from; \`notes\` say what the CLI assumed.`,
  'migrate generate': '`status` is `created` or `no-changes`, or with `--check` `up-to-date` or `missing` (exit 1, with `suggestedCommand`). `latest` is the last migration before this run, `migration` the one written.',
  'migrate execute': 'NDJSON: one line per event while the run goes on (the `event` schema), then one `result` line. A migration that fails leaves `"ok": false` with its `outcomes` and where it `stoppedAt`; `--explain` and `--dry-run` print `mode` and the `migrations` that would run. `database` says where the database came from, never its URL.',
  'migrate resume': 'As `migrate execute`, continuing an interrupted migration first.',
  'migrate status': 'Every migration of the folder and the ledger, with its state and checkpoint, and who holds the migration lock now.',
  'migrate rollback': '`steps` are the steps undone, last first; `kept` the irreversible ones left as they are (`--unsafe`). `--explain` and `--dry-run` add `mode` and what would be undone (`planned`); nothing runs. A failure lists the steps undone before it.',
  'drift check': 'The drift report ([drift.md](../drift.md)): `differences` between the schema and the database, and a `fix` whose `plan` follows plan.schema.json. `"clean": false` exits 1.',
  generic: 'A usage error that names no command (`wesley frobnicate --json`, `wesley --json --frobnicate`).',
};

// The plan and its parts are published as plan.schema.json: refer to it rather than repeating it.
const stepRollback = planSchema.shape.steps.unwrap().element.shape.rollback;
const PLAN_REFS = new Map<unknown, Record<string, unknown>>([
  [planSchema, { $ref: PLAN_SCHEMA_ID }],
  [stepRollback, { $ref: `${PLAN_SCHEMA_ID}#/$defs/Rollback` }],
  [planSchema.shape.refused, { type: 'array', items: { $ref: `${PLAN_SCHEMA_ID}#/$defs/Refusal` } }],
]);

/** The JSON Schema (draft 2020-12) of a document schema. */
export function jsonSchemaOf(schema: z.ZodType, title: string): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, {
    metadata: JSON_SCHEMA_PARTS,
    override: ({ zodSchema, jsonSchema }) => {
      const ref = PLAN_REFS.get(zodSchema);
      if (ref) {
        for (const key of Object.keys(jsonSchema)) delete (jsonSchema as Record<string, unknown>)[key];
        Object.assign(jsonSchema, ref);
      }
      // `.readonly()` is there for the inferred type; in JSON Schema `readOnly` means "not sent by clients".
      delete jsonSchema.readOnly;
    },
  });
  return { $schema, title, ...rest };
}

const fence = (lang: string, text: string) => `\`\`\`${lang}\n${text}\n\`\`\``;

/** JSON on one line, spaced as people write it: `{ "a": [1, 2] }`. */
function inline(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/** JSON indented by two, with every array or object that fits in `width` columns on one line (`column`: where it starts). */
export function formatJson(value: unknown, width = 100, indent = '', column = indent.length): string {
  const flat = inline(value);
  if (value === null || typeof value !== 'object' || column + flat.length <= width) return flat;
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((v) => `${inner}${formatJson(v, width, inner)}`)
    : Object.entries(value).map(([k, v]) => {
        const key = `${inner}${JSON.stringify(k)}: `;
        return `${key}${formatJson(v, width, inner, key.length)}`;
      });
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return items.length ? `${open}\n${items.join(',\n')}\n${indent}${close}` : `${open}${close}`;
}

function example(command: JsonCommand | 'generic', e: JsonExample): string {
  const ndjson = command !== 'generic' && JSON_FORMATS[command].ndjson;
  const text = ndjson ? [...(e.events ?? []), e.document].map((line) => JSON.stringify(line)).join('\n') : formatJson(e.document);
  return `${e.title}:\n\n${fence(ndjson ? 'jsonl' : 'json', text)}`;
}

function schemaBlock(command: JsonCommand | 'generic', kind: 'success' | 'failure' | 'event', schema: z.ZodType): string {
  const name = command === 'generic' ? 'wesley --json' : `wesley ${command} --json`;
  const what = kind === 'event' ? 'event line' : JSON_FORMATS[command as JsonCommand]?.ndjson ? `result line (${kind})` : `${kind} document`;
  const json = formatJson(jsonSchemaOf(schema, `${name}: ${what}`));
  return `<details><summary>JSON Schema of the ${what}</summary>\n\n${fence('json', json)}\n\n</details>`;
}

function section(command: JsonCommand | 'generic', examples: JsonExamples): string {
  const entry: { success: z.ZodType | null; failure: z.ZodType; event?: z.ZodType } = JSON_SCHEMAS[command];
  const formatVersion = command === 'generic' ? GENERIC_FORMAT_VERSION : JSON_FORMATS[command].formatVersion;
  const heading = command === 'generic' ? '### No command' : `### \`wesley ${command}\``;
  return [
    heading,
    `\`formatVersion\`: ${formatVersion}. ${ABOUT[command]}`,
    ...examples[command].map((e) => example(command, e)),
    ...(entry.event ? [schemaBlock(command, 'event', entry.event)] : []),
    ...(entry.success ? [schemaBlock(command, 'success', entry.success)] : []),
    schemaBlock(command, 'failure', entry.failure),
  ].join('\n\n');
}

/** The generated part of docs/cli/json.md, markers included (`examples`: jsonExamples()). */
export function renderJsonDocs(examples: JsonExamples): string {
  const commands = [...(Object.keys(JSON_FORMATS) as JsonCommand[]), 'generic'] as const;
  const rows = commands.map((c) => {
    const version = c === 'generic' ? GENERIC_FORMAT_VERSION : JSON_FORMATS[c].formatVersion;
    const form = c !== 'generic' && JSON_FORMATS[c].ndjson ? 'NDJSON: event lines, then a `result` line' : 'one document';
    return `| ${c === 'generic' ? '(none)' : `\`${c}\``} | ${version} | ${form} |`;
  });
  return [
    JSON_DOC_MARKERS.start,
    '| command | `formatVersion` | output |\n| --- | --- | --- |\n' + rows.join('\n'),
    ...commands.map((c) => section(c, examples)),
    JSON_DOC_MARKERS.end,
  ].join('\n\n');
}

/** `text` (docs/cli/json.md) with its generated part replaced by `renderJsonDocs()`. */
export function withJsonDocs(text: string, examples: JsonExamples): string {
  const start = text.indexOf(JSON_DOC_MARKERS.start);
  const end = text.indexOf(JSON_DOC_MARKERS.end);
  if (start < 0 || end < start) throw new Error(`docs/cli/json.md lacks the markers ${JSON_DOC_MARKERS.start} ... ${JSON_DOC_MARKERS.end}`);
  return `${text.slice(0, start)}${renderJsonDocs(examples)}${text.slice(end + JSON_DOC_MARKERS.end.length)}`;
}
