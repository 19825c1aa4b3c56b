import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { EXIT, runCli } from '../../src/main.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-generate-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function wesley(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, dir);
  return { code, stdout, stderr };
}

const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};

// The documented shape of `wesley generate --json` (docs/cli/generate.md); strict, so any
// unannounced change fails here.
const location = z.strictObject({ file: z.string(), line: z.number().int().positive(), column: z.number().int().positive() });
const diagnostic = z.strictObject({ severity: z.enum(['warning', 'info']), code: z.string(), message: z.string(), hint: z.string().optional(), location: location.optional() });
const error = z.strictObject({ code: z.string().startsWith('WESLEY_'), message: z.string(), location: location.optional(), expected: z.string().optional(), hint: z.string().optional() });
const success = z.strictObject({
  command: z.literal('generate'), version: z.literal(1), ok: z.literal(true), files: z.array(z.string()),
  hash: z.string().regex(/^[0-9a-f]{64}$/), minimumServerVersion: z.number().int(),
  summary: z.strictObject({ tables: z.number(), columns: z.number(), enums: z.number(), indexes: z.number(), foreignKeys: z.number(), policies: z.number(), partitions: z.number() }),
  outputs: z.strictObject({ sql: z.string(), ir: z.string() }),
  diagnostics: z.array(diagnostic),
});
const failure = z.strictObject({ command: z.literal('generate'), version: z.literal(1), ok: z.literal(false), files: z.array(z.string()), errors: z.array(error).min(1), diagnostics: z.array(diagnostic) });

const schema = `
enum Role { ADMIN MEMBER }
type Org @table { id: ID! @pk @default(expr: "gen_random_uuid()") name: String! }
type User @table @tenant(by: "orgId") {
  id: ID! @pk @default(expr: "gen_random_uuid()")
  orgId: ID! @fk(ref: "Org.id", onDelete: CASCADE)
  email: String! @unique
  role: Role! @default(value: MEMBER)
}
`;

describe('wesley generate', () => {
  test('writes schema.sql and wesley.ir.json and reports what it compiled', async () => {
    write('schema.graphql', schema);
    const { code, stdout, stderr } = await wesley('generate', '--schema', 'schema.graphql', '--out', 'out');
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/^Compiled 1 file: 2 tables, 6 columns, 1 enums, 1 indexes, 1 foreign keys, 4 policies\n/);
    const sql = fs.readFileSync(path.join(dir, 'out/schema.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "public"."user"');
    const { hash, ir } = JSON.parse(fs.readFileSync(path.join(dir, 'out/wesley.ir.json'), 'utf8'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sql).toContain(hash);
    expect(ir.tables.map((t: { name: string }) => t.name)).toEqual(['org', 'user']);
  });

  test('is deterministic byte for byte', async () => {
    write('schema.graphql', schema);
    await wesley('generate', '--schema', 'schema.graphql', '--out', 'a');
    await wesley('generate', '--schema', 'schema.graphql', '--out', 'b');
    for (const file of ['schema.sql', 'wesley.ir.json']) {
      expect(fs.readFileSync(path.join(dir, 'a', file))).toEqual(fs.readFileSync(path.join(dir, 'b', file)));
    }
  });

  test('--json prints one document of the documented shape', async () => {
    write('schema.graphql', schema);
    const { code, stdout } = await wesley('generate', '--schema', 'schema.graphql', '--out', 'out', '--json');
    expect(code).toBe(EXIT.ok);
    const doc = success.parse(JSON.parse(stdout));
    expect(doc.summary).toEqual({ tables: 2, columns: 6, enums: 1, indexes: 1, foreignKeys: 1, policies: 4, partitions: 0 });
    expect(doc.outputs).toEqual({ sql: path.join('out', 'schema.sql'), ir: path.join('out', 'wesley.ir.json') });
  });

  test('a folder, or a glob, of files forms one schema', async () => {
    write('schema/enums.graphql', 'enum Role { ADMIN MEMBER }');
    write('schema/tables/org.graphql', 'type Org @table { id: ID! @pk name: String! }');
    write('schema/tables/user.graphql', 'type User @table { id: ID! @pk orgId: ID! @fk(ref: "Org.id") role: Role! }');
    const byFolder = success.parse(JSON.parse((await wesley('generate', '--schema', 'schema', '--json')).stdout));
    const byGlob = success.parse(JSON.parse((await wesley('generate', '--schema', 'schema/**/*.graphql', '--json')).stdout));
    expect(byFolder.files).toEqual(['schema/enums.graphql', 'schema/tables/org.graphql', 'schema/tables/user.graphql']);
    expect(byGlob.hash).toBe(byFolder.hash);
  });

  test('an invalid schema: every error with file:line:column, exit 1, nothing written', async () => {
    write('bad.graphql', 'type User @table {\n  id: ID @pk\n  orgId: ID! @fk(ref: "Org.id")\n}\n');
    const { code, stdout, stderr } = await wesley('generate', '--schema', 'bad.graphql', '--out', 'out');
    expect(code).toBe(EXIT.invalidInput);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad.graphql:2:7 WESLEY_IR_PK_NULLABLE');
    expect(stderr).toContain('bad.graphql:3:23 WESLEY_IR_FK_TARGET_MISSING');
    expect(stderr).toContain('2 errors in 1 file; nothing was written.');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('--json reports errors as data', async () => {
    write('bad.graphql', 'type User @table { id: ID! @pk @defualt(expr: "now()") }');
    const { code, stdout } = await wesley('generate', '--schema', 'bad.graphql', '--json');
    expect(code).toBe(EXIT.invalidInput);
    const doc = failure.parse(JSON.parse(stdout));
    expect(doc.errors[0]).toMatchObject({ code: 'WESLEY_IR_UNKNOWN_DIRECTIVE', location: { file: 'bad.graphql', line: 1, column: 32 }, hint: 'Did you mean @default?' });
  });

  test('a schema path that does not exist is a clear error', async () => {
    const { code, stderr } = await wesley('generate', '--schema', 'nope.graphql');
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toMatch(/^WESLEY_CLI_SCHEMA_NOT_FOUND: The schema path "nope.graphql" does not exist\./);
  });

  test('--schema is required', async () => {
    const { code, stderr } = await wesley('generate');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('WESLEY_CLI_USAGE: Missing required argument: schema');
  });

  test('the example SaaS schema compiles', async () => {
    const { code, stdout } = await wesley('generate', '--schema', path.join(repoRoot, 'examples/saas'), '--out', 'out', '--json');
    expect(code).toBe(EXIT.ok);
    expect(success.parse(JSON.parse(stdout)).summary.tables).toBeGreaterThanOrEqual(6);
  });
});

test('--schema without a value is a usage error', async () => {
  const { code, stderr } = await wesley('generate', '--schema');
  expect(code).toBe(EXIT.usage);
  expect(stderr).toContain('WESLEY_CLI_USAGE');
});
