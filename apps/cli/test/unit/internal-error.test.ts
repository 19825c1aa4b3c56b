import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, vi } from 'vitest';
import { generateFailure } from '../../src/json-schemas.js';
import { EXIT, runCli } from '../../src/main.js';

// A bug (here: a generator that throws a plain Error) is WESLEY_INTERNAL, exit 70; with --json
// it is still exactly one JSON document on stdout.
vi.mock('@wesley/codegen', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@wesley/codegen')>();
  const broken = { ...actual.sqlGenerator, generate: () => { throw new Error('boom'); } };
  return { ...actual, sqlGenerator: broken };
});

test('an internal error with --json prints one JSON document', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-internal-'));
  try {
    fs.writeFileSync(path.join(dir, 'schema.graphql'), 'type Note @table { id: ID! @pk }');
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) };
    const code = await runCli(['generate', '--schema', 'schema.graphql', '--json'], io, dir);
    expect(code).toBe(EXIT.internal);
    const doc = generateFailure.parse(JSON.parse(stdout));
    expect(doc).toEqual({ formatVersion: 2, command: 'generate', ok: false, errors: [{ code: 'WESLEY_INTERNAL', message: 'boom', hint: 'Re-run with --debug and report the stack trace.' }] });
    expect(stderr).toBe('');

    stdout = '';
    expect(await runCli(['generate', '--schema', 'schema.graphql'], io, dir)).toBe(EXIT.internal);
    expect(stdout).toBe('');
    expect(stderr).toBe('WESLEY_INTERNAL: boom\n  hint: Re-run with --debug and report the stack trace.\n');
    expect(fs.readdirSync(dir)).toEqual(['schema.graphql']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
