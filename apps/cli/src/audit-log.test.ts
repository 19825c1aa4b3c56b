import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AUDIT_ERROR_CODES, AUDIT_OUTCOMES, describeDatabase, openAuditLog, planStatements, redactArgv, sqlHash, type AuditEntry } from './audit-log.js';

// The record format of docs/audit-log.md. Strict: a field added, removed or retyped fails here,
// which is the reminder to bump AUDIT_FORMAT_VERSION and update the docs.
const nullableText = z.string().min(1).nullable();
const auditRecordSchema = z.strictObject({
  formatVersion: z.literal(1),
  time: z.iso.datetime({ precision: 3 }),
  user: z.string().min(1),
  host: z.string().min(1),
  pid: z.number().int().positive(),
  command: z.string().min(1),
  argv: z.array(z.string()),
  database: nullableText,
  migration: nullableText,
  sqlHash: z.string().regex(/^sha256:[0-9a-f]{64}$/).nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  errorCode: nullableText,
  durationMs: z.number().int().nonnegative().nullable(),
});
const KEYS = ['formatVersion', 'time', 'user', 'host', 'pid', 'command', 'argv', 'database', 'migration', 'sqlHash', 'outcome', 'errorCode', 'durationMs'];

const SECRET = 'Sup3r';
const ENTRY: AuditEntry = {
  command: 'migrate execute',
  argv: ['migrate', 'execute', '--database-url', `postgres://app:${SECRET}@db.example.com:5432/prod`],
  database: `postgres://app:${SECRET}@db.example.com:5432/prod`,
  migration: '20250101120000_add_email',
  sqlHash: sqlHash(['SELECT 1']),
  outcome: 'applied',
  errorCode: null,
  durationMs: 12.4,
};

let dir: string;
beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-audit-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);

describe('openAuditLog', () => {
  it('writes one line per record with exactly the documented fields, redacted', () => {
    const log = openAuditLog(path.join(dir, 'nested', 'audit.jsonl'));
    expect(log.append(ENTRY)).toEqual({ ok: true, written: true });
    expect(log.append({ ...ENTRY, outcome: 'error', migration: null, sqlHash: null, errorCode: 'WESLEY_EXEC_LOCK_TIMEOUT', durationMs: null, time: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)) })).toMatchObject({ ok: true });
    const text = fs.readFileSync(log.file!, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain(SECRET);
    const [first, second] = readLines(log.file!).map((line) => auditRecordSchema.parse(JSON.parse(line)));
    expect(Object.keys(JSON.parse(readLines(log.file!)[0]!))).toEqual(KEYS);
    expect(first).toMatchObject({ pid: process.pid, database: 'postgres://app@db.example.com:5432/prod', durationMs: 12, argv: ['migrate', 'execute', '--database-url', 'postgres://app@db.example.com:5432/prod'] });
    expect(Date.now() - Date.parse(first!.time)).toBeLessThan(60_000);
    expect(second).toMatchObject({ time: '2025-01-02T03:04:05.006Z', outcome: 'error', errorCode: 'WESLEY_EXEC_LOCK_TIMEOUT' });
  });

  it('creates the file with mode 0600', () => {
    const file = path.join(dir, 'audit.jsonl');
    const previous = process.umask(0o022);
    try {
      openAuditLog(file).append(ENTRY);
    } finally {
      process.umask(previous);
    }
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('returns a warning instead of throwing when the file cannot be written', () => {
    fs.writeFileSync(path.join(dir, 'regular-file'), '');
    const file = path.join(dir, 'regular-file', 'audit.jsonl');
    const result = openAuditLog(file).append(ENTRY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.warning.code).toBe(AUDIT_ERROR_CODES.writeFailed);
    expect(result.warning.message).toContain(file);
    expect(result.warning.message).toMatch(/\((ENOTDIR|EEXIST)\)/);
    expect(result.warning.hint).toMatch(/writable/);
  });

  it('does nothing when disabled', () => {
    const log = openAuditLog(null);
    expect(log.file).toBeNull();
    expect(log.append(ENTRY)).toEqual({ ok: true, written: false });
  });

  it('keeps a record under 4096 bytes however long the command line', () => {
    const file = path.join(dir, 'audit.jsonl');
    openAuditLog(file).append({ ...ENTRY, argv: Array.from({ length: 100 }, (_, i) => `--flag-${i}=${'x'.repeat(1000)}`) });
    const [line] = readLines(file);
    expect(Buffer.byteLength(line!)).toBeLessThan(4096);
    const record = auditRecordSchema.parse(JSON.parse(line!));
    expect(record.argv.at(-1)).toMatch(/^\.\.\.\[\d+ more arguments\]$/);
  });

  it('keeps every line whole when 20 processes append 50 records each', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const script = path.join(dir, 'writer.mts');
    const modulePath = fileURLToPath(new URL('./audit-log.ts', import.meta.url));
    fs.writeFileSync(
      script,
      `import { openAuditLog } from ${JSON.stringify(modulePath)};
const log = openAuditLog(${JSON.stringify(file)});
const worker = process.argv[2];
for (let i = 0; i < 50; i++) {
  const result = log.append({ command: 'migrate execute', argv: ['worker', worker, String(i), 'x'.repeat(200)], database: 'embedded:.wesley/postgres', migration: worker + '_' + i, sqlHash: null, outcome: 'applied', errorCode: null, durationMs: i });
  if (!result.ok) throw new Error(result.warning.message);
}
`,
    );
    const tsx = path.resolve(fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url)));
    const run = (worker: number) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(tsx, [script, String(worker)], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${worker} exited ${code}: ${stderr}`))));
      });
    await Promise.all(Array.from({ length: 20 }, (_, worker) => run(worker)));
    const records = readLines(file).map((line) => auditRecordSchema.parse(JSON.parse(line)));
    expect(records).toHaveLength(1000);
    expect(new Set(records.map((r) => r.migration)).size).toBe(1000);
  }, 60_000);
});

describe('redactArgv', () => {
  it('removes the password from --database-url values and connection strings, and leaves other arguments alone', () => {
    const argv = [
      'migrate',
      'execute',
      '--database-url',
      `postgres://u:${SECRET}@h/db`,
      `--database-url=postgresql://u:${SECRET}@h/db?sslpassword=x&sslmode=require`,
      `--databaseUrl=host=h password=${SECRET} dbname=d`,
      `host=h password=${SECRET} dbname=d`,
      `postgres://u:${SECRET}@h:5433/db`,
      `--note=see postgres://u:${SECRET}@h/db for details`,
      '--dir',
      'migrations',
    ];
    const redacted = redactArgv(argv);
    expect(redacted.join(' ')).not.toContain(SECRET);
    expect(redacted.join(' ')).not.toContain('sslpassword');
    expect(redacted).toEqual([
      'migrate',
      'execute',
      '--database-url',
      'postgres://u@h/db',
      '--database-url=postgresql://u@h/db?sslmode=require',
      '--databaseUrl=host=h password=[redacted] dbname=d',
      'host=h password=[redacted] dbname=d',
      'postgres://u@h:5433/db',
      '--note=see postgres://u@h/db for details',
      '--dir',
      'migrations',
    ]);
    expect(redactArgv(redacted)).toEqual(redacted);
  });
});

describe('describeDatabase', () => {
  it('keeps where the database is and drops every secret', () => {
    expect(describeDatabase(`postgres://app:${SECRET}@db.example.com:5432/prod?password=${SECRET}&sslpassword=${SECRET}&application_name=x`)).toBe('postgres://app@db.example.com:5432/prod?application_name=x');
    expect(describeDatabase('embedded:.wesley/postgres')).toBe('embedded:.wesley/postgres');
  });

  it('never throws on a malformed URL', () => {
    expect(describeDatabase(`postgres://u:${SECRET}@h:notaport/db`)).not.toContain(SECRET);
    expect(describeDatabase(`host=h password=${SECRET}`)).toBe('host=h password=[redacted]');
    expect(describeDatabase('')).toBe('');
  });
});

describe('sqlHash', () => {
  it('is sha256 of the statements joined with ";\\n"', () => {
    const statements = ['ALTER TABLE "public"."users" ADD COLUMN "email" text', 'CREATE INDEX CONCURRENTLY "users_email_idx" ON "public"."users" ("email")'];
    const expected = createHash('sha256').update(`${statements[0]};\n${statements[1]}`).digest('hex');
    expect(sqlHash(statements)).toBe(`sha256:${expected}`);
    expect(sqlHash([...statements])).toBe(sqlHash(statements));
    expect(sqlHash([])).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes a plan step by step', () => {
    const plan = { steps: [{ sql: ['SELECT 1', 'SELECT 2'] }, { sql: [] }, { sql: ['SELECT 3'] }] } as unknown as Parameters<typeof planStatements>[0];
    expect(planStatements(plan)).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3']);
  });
});
