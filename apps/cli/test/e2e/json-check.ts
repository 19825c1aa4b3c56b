// Checks a command's --json output with the CLI's own strict schemas (apps/cli/src/json-schemas.ts,
// the source of docs/cli/json.md): one document per command, or NDJSON events then one result line.
import { expect } from 'vitest';
import type { JsonCommand } from '../../src/json-output.js';
import { JSON_SCHEMAS } from '../../src/json-schemas.js';

/** `doc` is a valid --json document of `command` (null: a document that names no command). */
export function expectJsonDocument(command: JsonCommand | null, doc: unknown): void {
  expect(doc).toMatchObject({ formatVersion: expect.any(Number), command, ok: expect.any(Boolean) });
  const schemas = JSON_SCHEMAS[command ?? 'generic'];
  const schema = (doc as { ok: boolean }).ok ? schemas.success : schemas.failure;
  expect(schema, `no success document for ${command}`).not.toBeNull();
  schema!.parse(doc);
}

/** `lines` are `command`'s NDJSON: events, then exactly one result line, last. Returns the result. */
export function expectNdjson(command: 'migrate execute' | 'migrate resume', lines: readonly unknown[]): Record<string, unknown> {
  expect(lines.length).toBeGreaterThan(0);
  const result = lines.at(-1) as Record<string, unknown>;
  expect(result).toMatchObject({ type: 'result', command });
  for (const event of lines.slice(0, -1)) JSON_SCHEMAS[command].event.parse(event);
  expectJsonDocument(command, result);
  return result;
}
