import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { generateFailure, generateSuccess } from '../../src/json-schemas.js';
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

// EACCES needs a user that permissions apply to. As root (CI containers), chmod stops nothing,
// so those tests run the built binary as `nobody`, when `nobody` can reach the checkout.
const bin = path.join(repoRoot, 'apps/cli/dist/wesley.js');
const isRoot = process.getuid?.() === 0;
const nobody = (() => {
  if (!isRoot) return undefined;
  const entry = fs.readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':')).find((f) => f[0] === 'nobody');
  if (!entry) return undefined;
  const user = { uid: Number(entry[2]), gid: Number(entry[3]) };
  return spawnSync(process.execPath, [bin, '--version'], { ...user, cwd: os.tmpdir() }).status === 0 ? user : undefined;
})();
const permissionsApply = !isRoot || nobody !== undefined;

/** Runs wesley as a user that file permissions apply to (see above). */
async function wesleyUnprivileged(...argv: string[]) {
  if (!nobody) return wesley(...argv);
  fs.chmodSync(dir, 0o777);
  const result = spawnSync(process.execPath, [bin, ...argv], { ...nobody, cwd: dir, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tmpFilesIn = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp')) : []);

const write = (name: string, text: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};

// The documented shapes of `wesley generate --json` (docs/cli/json.md); strict, so any
// unannounced change fails here.
const success = generateSuccess;
const failure = generateFailure;

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
    expect(doc.outputs).toMatchObject({ sql: path.join('out', 'schema.sql'), ir: path.join('out', 'wesley.ir.json') });
    // One module per type plus the barrel, for each TypeScript target; every path exists.
    expect(doc.outputs.ts).toContain(path.join('out', 'ts', 'index.ts'));
    expect(doc.outputs.zod).toContain(path.join('out', 'zod', 'index.ts'));
    expect(doc.outputs.kysely).toEqual([path.join('out', 'kysely', 'db.ts')]);
    for (const file of [...doc.outputs.ts!, ...doc.outputs.zod!]) expect(fs.existsSync(path.join(dir, file))).toBe(true);
    const sqlOnly = success.parse(JSON.parse((await wesley('generate', '--schema', 'schema.graphql', '--out', 'sql-only', '--json', '--targets', 'sql')).stdout));
    expect(sqlOnly.outputs).toEqual({ sql: path.join('sql-only', 'schema.sql'), ir: path.join('sql-only', 'wesley.ir.json') });
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

  test('an invalid schema: every error with file:line:column, exit 4, nothing written', async () => {
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

  test('--schema is required when no config names the schema', async () => {
    const { code, stderr } = await wesley('generate');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('WESLEY_CLI_USAGE: Name the schema with --schema, or set "schema" in wesley.config.json.');
    const json = await wesley('generate', '--json');
    expect(json.code).toBe(EXIT.usage);
    expect(failure.parse(JSON.parse(json.stdout)).errors.map((e) => e.code)).toEqual(['WESLEY_CLI_USAGE']);
  });

  test('the text output names the oldest server the SQL needs, when newer than PostgreSQL 11', async () => {
    write('schema.graphql', schema);
    expect((await wesley('generate', '--schema', 'schema.graphql', '--out', 'a')).stdout).not.toContain('requires PostgreSQL');
    write('gen.graphql', 'type Doc @table { id: ID! @pk title: String! slug: String! @generated(expr: "lower(title)") }');
    const { code, stdout } = await wesley('generate', '--schema', 'gen.graphql', '--out', 'b');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/\n {2}schema hash [0-9a-f]{64}\n {2}requires PostgreSQL 12\+\n$/);
  });

  test('the example SaaS schema compiles', async () => {
    const { code, stdout } = await wesley('generate', '--schema', path.join(repoRoot, 'examples/saas'), '--out', 'out', '--json');
    expect(code).toBe(EXIT.ok);
    expect(success.parse(JSON.parse(stdout)).summary.tables).toBeGreaterThanOrEqual(6);
  });
});

describe('wesley generate --targets', () => {
  test('an unknown target is a usage error naming the available ones; nothing is written', async () => {
    fs.writeFileSync(path.join(dir, 's.graphql'), 'type T @table { id: ID! @pk }');
    const { code, stderr } = await wesley('generate', '--schema', 's.graphql', '--targets', 'sql,cobol');
    expect((await wesley('generate', '--schema', 's.graphql', '--targets', 'toString')).code).toBe(EXIT.usage);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('WESLEY_CLI_USAGE: Unknown target "cobol".');
    expect(fs.existsSync(path.join(dir, 'generated'))).toBe(false);
  });
});

test('--schema without a value is a usage error', async () => {
  const { code, stderr } = await wesley('generate', '--schema');
  expect(code).toBe(EXIT.usage);
  expect(stderr).toContain('WESLEY_CLI_USAGE');
});

// A file-system failure is an error with a code and a hint, exit 4, never WESLEY_INTERNAL (70).
describe('wesley generate: files it cannot read', () => {
  const notUtf8 = Buffer.concat([Buffer.from('type Org @table {\n  id: ID! @pk\n  # caf'), Buffer.from([0xe9]), Buffer.from('\n}\n')]);

  test('a schema file that is not UTF-8 is named, with the line and column of the first bad byte', async () => {
    write('latin1.graphql', notUtf8);
    const { code, stdout, stderr } = await wesley('generate', '--schema', 'latin1.graphql', '--out', 'out');
    expect(code).toBe(EXIT.invalidInput);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'latin1.graphql:3:8 WESLEY_CLI_READ_FAILED: The schema file "latin1.graphql" is not valid UTF-8.\n' +
        '  expected: a UTF-8 text file\n' +
        '  hint: Save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`), or leave it out of --schema.\n',
    );
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('--json: one document with the error as data', async () => {
    write('schema/ok.graphql', 'type Note @table { id: ID! @pk }');
    write('schema/nested/latin1.graphql', notUtf8);
    const { code, stdout } = await wesley('generate', '--schema', 'schema', '--json');
    expect(code).toBe(EXIT.invalidInput);
    const doc = failure.parse(JSON.parse(stdout));
    expect(doc.errors).toHaveLength(1);
    expect(doc.errors[0]).toMatchObject({ code: 'WESLEY_CLI_READ_FAILED', location: { file: 'schema/nested/latin1.graphql', line: 3, column: 8 } });
  });

  test('a schema file in a folder that is a broken symbolic link is an error, not skipped', async () => {
    write('schema/ok.graphql', 'type Note @table { id: ID! @pk }');
    fs.symlinkSync('missing.graphql', path.join(dir, 'schema/broken.graphql'));
    const { code, stderr } = await wesley('generate', '--schema', 'schema', '--out', 'out');
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toMatch(/^WESLEY_CLI_READ_FAILED: Cannot read the schema file "schema\/broken.graphql": no such file or folder \(ENOENT\)\.\n {2}hint: Fix or remove the broken symbolic link/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test.skipIf(!permissionsApply)('an unreadable schema file (EACCES), named or inside a folder', async () => {
    write('schema/ok.graphql', 'type Note @table { id: ID! @pk }');
    write('schema/secret.graphql', 'type Secret @table { id: ID! @pk }');
    fs.chmodSync(path.join(dir, 'schema/secret.graphql'), 0o000);
    for (const target of ['schema/secret.graphql', 'schema']) {
      const { code, stdout, stderr } = await wesleyUnprivileged('generate', '--schema', target, '--out', 'out');
      expect(code).toBe(EXIT.invalidInput);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        'WESLEY_CLI_READ_FAILED: Cannot read the schema file "schema/secret.graphql": permission denied (EACCES).\n' +
          '  hint: Make the file readable by this user (chmod a+r "schema/secret.graphql"), or leave it out of --schema.\n',
      );
    }
    const { stdout } = await wesleyUnprivileged('generate', '--schema', 'schema', '--json');
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, errors: [{ code: 'WESLEY_CLI_READ_FAILED' }] });
  });
});

describe('wesley generate: an output it cannot write', () => {
  test('--out under a regular file (ENOTDIR): exit 4, one JSON document, nothing written', async () => {
    write('schema.graphql', schema);
    write('file', 'not a folder');
    const text = await wesley('generate', '--schema', 'schema.graphql', '--out', 'file/out');
    expect(text.code).toBe(EXIT.invalidInput);
    expect(text.stdout).toBe('');
    expect(text.stderr).toBe(
      'WESLEY_CLI_WRITE_FAILED: Cannot write "file/out": a part of the path is a file, not a folder (ENOTDIR). Nothing was written.\n' +
        '  hint: A file stands where --out needs a folder: choose another --out, or move the file away.\n',
    );
    const json = await wesley('generate', '--schema', 'schema.graphql', '--out', 'file/out', '--json');
    expect(json.code).toBe(EXIT.invalidInput);
    const doc = failure.parse(JSON.parse(json.stdout));
    expect(doc.errors.map((e) => e.code)).toEqual(['WESLEY_CLI_WRITE_FAILED']);
    expect(doc.files).toEqual(['schema.graphql']);
  });

  test('a folder where an output goes: the error says what was replaced, and no *.tmp file is left', async () => {
    write('schema.graphql', schema);
    fs.mkdirSync(path.join(dir, 'out/wesley.ir.json'), { recursive: true });
    const { code, stderr } = await wesley('generate', '--schema', 'schema.graphql', '--out', 'out', '--targets', 'sql');
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toMatch(/^WESLEY_CLI_WRITE_FAILED: Cannot write "out\/wesley.ir.json": a folder is in the way \(EISDIR\)\. "out\/schema.sql" was already replaced; the other output was not\.\n/);
    expect(tmpFilesIn(path.join(dir, 'out'))).toEqual([]);
  });

  test.skipIf(!permissionsApply)('a read-only --out folder (EACCES): no output, no *.tmp file', async () => {
    write('schema.graphql', schema);
    fs.mkdirSync(path.join(dir, 'out'));
    fs.chmodSync(path.join(dir, 'out'), 0o555);
    const { code, stdout, stderr } = await wesleyUnprivileged('generate', '--schema', 'schema.graphql', '--out', 'out', '--json');
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toBe('');
    const doc = failure.parse(JSON.parse(stdout));
    // Outputs are written in path order: kysely/db.ts is the first one refused.
    expect(doc.errors[0]).toMatchObject({ code: 'WESLEY_CLI_WRITE_FAILED', message: 'Cannot write "out/kysely/db.ts": permission denied (EACCES). Nothing was written.' });
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual([]);
  });
});
