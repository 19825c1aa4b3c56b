import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATION_ERROR_CODES } from '@wesley/executor';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { migrateGenerateFailure, migrateGenerateSuccess } from '../../src/json-schemas.js';
import { EXIT } from '../../src/main.js';
import { fixtures, wesley } from '../migrate-plan-helpers.js';

// The documented --json documents (docs/cli/json.md), strict: an unannounced change fails.
const success = migrateGenerateSuccess;
const failure = migrateGenerateFailure;

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-migrate-generate-'));
  useSchema('v1');
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

function useSchema(version: 'v1' | 'v2') {
  fs.copyFileSync(path.join(fixtures, `${version}.graphql`), path.join(cwd, 'schema.graphql'));
}
const run = (...args: string[]) => wesley(['migrate', 'generate', '--schema', 'schema.graphql', ...args], { cwd });
const folders = (dir = 'migrations') => (fs.existsSync(path.join(cwd, dir)) ? fs.readdirSync(path.join(cwd, dir)).sort() : []);

describe('wesley migrate generate', () => {
  test('writes the first migration, then "No changes" for the same schema', async () => {
    const first = await run('--name', 'init');
    expect(first.code).toBe(EXIT.ok);
    expect(first.stderr).toBe('');
    const [id] = folders();
    expect(id).toMatch(/^\d{14}_init$/);
    const lines = first.stdout.split('\n');
    expect([lines[0], lines[1], lines[3], lines[4]]).toEqual([`Created migrations/${id}${path.sep}`, '  plan: 2 steps (expand 2), risk 10/100 (LOW), for PostgreSQL 18', '  files: migration.json, plan.json, up.sql, down.sql, schema.ir.json', '']);
    expect(lines[2]).toMatch(/^ {2}from: an empty database -> [0-9a-f]{12}$/);
    expect(fs.readdirSync(path.join(cwd, 'migrations', id!)).sort()).toEqual(['down.sql', 'migration.json', 'plan.json', 'schema.ir.json', 'up.sql']);

    const again = await run();
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toMatch(new RegExp(`^No changes: the schema is the one migrations/${id} leads to \\([0-9a-f]{12}\\); nothing was written\\.\\n$`));
    expect(folders()).toEqual([id]);
  });

  test('a changed schema: a second folder planned from the first snapshot; refused changes write nothing (exit 3) until --unsafe', async () => {
    await run();
    useSchema('v2');
    const refused = await run('--name', 'add_fk');
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.stderr).toContain(`${MIGRATION_ERROR_CODES.refused}: The plan refuses 1 change, so no migration was written`);
    expect(refused.stderr).toContain('public.user.legacy_code (WESLEY_PLAN_DESTRUCTIVE)');
    expect(refused.stderr).toContain('pass --unsafe');
    expect(folders()).toHaveLength(1);

    const { code, stdout } = await run('--name', 'add_fk', '--unsafe', '--pg-version', '14');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('for PostgreSQL 14, --unsafe');
    expect(stdout).toContain('down.sql stops at 1 step that cannot be undone: 06-drop-column-public.user.legacy_code');
    const [first, second] = folders();
    expect(second).toMatch(/_add_fk$/);
    const meta = JSON.parse(fs.readFileSync(path.join(cwd, 'migrations', second!, 'migration.json'), 'utf8'));
    const before = JSON.parse(fs.readFileSync(path.join(cwd, 'migrations', first!, 'migration.json'), 'utf8'));
    expect(meta).toMatchObject({ fromHash: before.toHash, pgVersion: 140000, unsafe: true });
  });

  test('--check: exit 0 when up to date, 1 naming the command when a migration is missing; writes nothing', async () => {
    const none = await run('--check');
    expect(none.code).toBe(EXIT.difference);
    expect(none.stderr).toBe('A migration is missing: migrations holds no migration yet.\nGenerate it with: wesley migrate generate --schema schema.graphql --dir migrations --name <name>\n');
    expect(folders()).toEqual([]);

    await run();
    const current = await run('--check');
    expect(current.code).toBe(EXIT.ok);
    expect(current.stdout).toMatch(/^Up to date: migrations\/\d{14}_initial leads to the schema \([0-9a-f]{12}\)\.\n$/);

    useSchema('v2');
    const missing = await run('--check', '--json');
    expect(missing.code).toBe(EXIT.difference);
    const doc = success.parse(JSON.parse(missing.stdout));
    expect(doc).toMatchObject({ status: 'missing', check: true, migration: null, suggestedCommand: 'wesley migrate generate --schema schema.graphql --dir migrations --name <name>' });
    expect(doc.latest?.name).toBe('initial');
    expect(folders()).toHaveLength(1);
  });

  test('--check fails on a tampered migrations folder', async () => {
    await run();
    const [id] = folders();
    fs.appendFileSync(path.join(cwd, 'migrations', id!, 'up.sql'), '-- edited\n');
    const { code, stderr } = await run('--check');
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toContain(`${MIGRATION_ERROR_CODES.checksumMismatch}: ${path.join(cwd, 'migrations', id!, 'up.sql')} was changed after it was generated`);
  });

  test('--json: one document of the documented shape for created, no-changes and failures', async () => {
    const created = success.parse(JSON.parse((await run('--json', '--dir', 'db/migrations')).stdout));
    expect(created).toMatchObject({ status: 'created', check: false, dir: 'db/migrations', files: ['schema.graphql'], latest: null, suggestedCommand: null });
    expect(created.migration).toMatchObject({ name: 'initial', fromHash: null, pgVersion: 180000, steps: 2, irreversibleSteps: [] });
    expect(created.migration?.path).toBe(path.join('db', 'migrations', folders('db/migrations')[0]!));

    const same = success.parse(JSON.parse((await run('--json', '--dir', 'db/migrations')).stdout));
    expect(same).toMatchObject({ status: 'no-changes', migration: null });
    expect(same.latest?.id).toBe(created.migration?.id);

    useSchema('v2');
    const refused = await run('--json', '--dir', 'db/migrations');
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.stderr).toBe('');
    const doc = failure.parse(JSON.parse(refused.stdout));
    expect(doc.errors.map((e) => e.code)).toEqual([MIGRATION_ERROR_CODES.refused]);
    expect(doc.errors[0]?.details?.refused).toEqual([expect.objectContaining({ object: 'public.user.legacy_code', unsafeAllows: true })]);
  });

  test('an invalid schema: exit 4, nothing written', async () => {
    fs.writeFileSync(path.join(cwd, 'schema.graphql'), 'type Broken @table { id: Nope! @pk }\n');
    const { code, stderr } = await run();
    expect(code).toBe(EXIT.invalidInput);
    expect(stderr).toContain('WESLEY_IR_UNKNOWN_TYPE');
    expect(stderr).toContain('1 error in 1 file; nothing was written.');
    expect(folders()).toEqual([]);
  });

  test('usage and name errors', async () => {
    expect((await run('--pg-version', '10')).code).toBe(EXIT.usage);
    const name = await run('--name', 'Add Email');
    expect(name.code).toBe(EXIT.invalidInput);
    expect(name.stderr).toContain(`${MIGRATION_ERROR_CODES.invalidName}: The migration name "Add Email" is not valid`);
    expect(name.stderr).toContain('hint: Use --name add_email.');
    expect(folders()).toEqual([]);
  });
});
