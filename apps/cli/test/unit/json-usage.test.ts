// A usage error under --json is the command's own failure document (one line for the NDJSON
// commands), for every command that prints JSON: a script that parses stdout never gets text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { JSON_FORMATS, type JsonCommand } from '../../src/json-output.js';
import { JSON_SCHEMAS } from '../../src/json-schemas.js';
import { EXIT } from '../../src/main.js';
import { wesley } from '../migrate-plan-helpers.js';

// An empty folder: no config, no schema, no database is touched (yargs rejects the option first).
let cwd: string;
beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-json-usage-'));
});
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

const commands = Object.keys(JSON_FORMATS) as JsonCommand[];

test.each(commands)('wesley %s --json --frobnicate: exit 2 and the failure document alone', async (command) => {
  const { code, stdout, stderr } = await wesley([...command.split(' '), '--json', '--frobnicate'], { cwd });
  expect(code).toBe(EXIT.usage);
  expect(stderr).toBe('');
  // Exactly one document, ending in a newline; an NDJSON command's is a single line.
  expect(stdout.endsWith('\n')).toBe(true);
  if (JSON_FORMATS[command].ndjson) expect(stdout.trimEnd()).not.toContain('\n');
  const doc = JSON_SCHEMAS[command].failure.parse(JSON.parse(stdout));
  expect(doc).toMatchObject({ formatVersion: JSON_FORMATS[command].formatVersion, command, ok: false });
  expect(doc.errors).toHaveLength(1);
  expect(doc.errors[0]).toMatchObject({ code: 'WESLEY_CLI_USAGE', message: expect.stringContaining('frobnicate') });
  expect(doc.errors[0]!.hint).toContain(`wesley ${command} --help`);
  // Nothing was created: no config was read, no embedded database started, no audit log written.
  expect(fs.readdirSync(cwd)).toEqual([]);
});

test('no command: the generic failure document', async () => {
  for (const argv of [['--json', '--frobnicate'], ['frobnicate', '--json']]) {
    const { code, stdout, stderr } = await wesley(argv, { cwd });
    expect(code).toBe(EXIT.usage);
    expect(stderr).toBe('');
    const doc = JSON_SCHEMAS.generic.failure.parse(JSON.parse(stdout));
    expect(doc.errors.map((e) => e.code)).toEqual(['WESLEY_CLI_USAGE']);
  }
});
