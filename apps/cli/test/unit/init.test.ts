// `wesley init`: the files it writes work as they are (the config validates, the schema compiles,
// `wesley generate` runs on them), nothing is replaced without --force, .gitignore gains one line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileSchema } from '@wesley/ir';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { STARTER_CONFIG, STARTER_SCHEMA, withWesleyIgnored } from '../../src/commands/init.js';
import { loadConfig } from '../../src/config/load-config.js';
import { wesley } from '../migrate-plan-helpers.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-init-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
const NEXT_STEPS = ['wesley generate', 'wesley migrate generate', 'wesley migrate execute --explain', 'wesley migrate execute', 'wesley migrate status'];

const error = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() });
const success = z.strictObject({
  formatVersion: z.literal(1),
  command: z.literal('init'),
  ok: z.literal(true),
  files: z.array(z.strictObject({ path: z.string(), action: z.enum(['created', 'overwritten', 'updated']) })),
  nextSteps: z.array(z.string()),
});
const failure = z.strictObject({ formatVersion: z.literal(1), command: z.literal('init'), ok: z.literal(false), errors: z.array(error).min(1) });

describe('wesley init', () => {
  test('writes a config that validates, a schema that compiles, and .wesley/ in .gitignore', async () => {
    const { code, stdout } = await wesley(['init'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('created     wesley.config.json');
    for (const step of NEXT_STEPS) expect(stdout).toContain(step);
    expect(stdout.split('\n').filter((line) => line.length > 100)).toEqual([]);
    expect(stdout).toContain('maintenanceWindow');
    const loaded = await loadConfig(dir, undefined, {});
    expect(loaded.file).toBe(path.join(dir, 'wesley.config.json'));
    expect(loaded.config).toEqual(STARTER_CONFIG);
    expect(read('.gitignore')).toBe('.wesley/\n');
    const compiled = await compileSchema([{ name: 'schema/schema.graphql', text: read('schema/schema.graphql') }]);
    expect(compiled.ok, JSON.stringify(compiled)).toBe(true);
    expect(compiled.diagnostics).toEqual([]);
    if (compiled.ok) expect(compiled.ir.tables.map((t) => t.name).sort()).toEqual(['project', 'task', 'user']);
  });

  test('`wesley generate` runs on what it wrote', async () => {
    expect((await wesley(['init'], { cwd: dir })).code).toBe(0);
    const { code, stderr } = await wesley(['generate'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(read('generated/schema.sql')).toContain('CREATE TABLE "public"."task"');
  });

  test('--format ts writes a commented wesley.config.ts that loads with defineConfig', async () => {
    const { code } = await wesley(['init', '--format', 'ts'], { cwd: dir });
    expect(code).toBe(0);
    const text = read('wesley.config.ts');
    expect(text).toContain("import { defineConfig } from '@wesley/cli';");
    expect(text).toMatch(/^ {2}\/\/ maintenanceWindow: \{ start: '02:00'/m);
    // A project has @wesley/cli installed; here a stand-in with the same defineConfig.
    const cli = path.join(dir, 'node_modules/@wesley/cli');
    fs.mkdirSync(cli, { recursive: true });
    fs.writeFileSync(path.join(cli, 'package.json'), JSON.stringify({ name: '@wesley/cli', type: 'module', exports: './index.js' }));
    fs.writeFileSync(path.join(cli, 'index.js'), 'export const defineConfig = (config) => config;\n');
    expect((await loadConfig(dir, undefined, {})).config).toEqual(STARTER_CONFIG);
    // The window, uncommented, is a valid config too.
    fs.writeFileSync(path.join(dir, 'wesley.config.ts'), text.replace('// maintenanceWindow', 'maintenanceWindow'));
    expect((await loadConfig(dir, undefined, {})).config.maintenanceWindow).toEqual({ start: '02:00', end: '05:00', timeZone: 'UTC', days: [1, 2, 3, 4, 5] });
  });

  test('--dir sets up another folder, created when missing; --json lists the files', async () => {
    const { code, stdout } = await wesley(['init', '--dir', 'api/db', '--json'], { cwd: dir });
    expect(code).toBe(0);
    const doc = success.parse(JSON.parse(stdout));
    expect(doc.files).toEqual([
      { path: 'api/db/wesley.config.json', action: 'created' },
      { path: 'api/db/schema/schema.graphql', action: 'created' },
      { path: 'api/db/.gitignore', action: 'created' },
    ]);
    expect(doc.nextSteps).toEqual(['cd api/db', ...NEXT_STEPS]);
    expect(read('api/db/schema/schema.graphql')).toBe(STARTER_SCHEMA);
    expect(fs.existsSync(path.join(dir, 'wesley.config.json'))).toBe(false);
  });

  test('never overwrites without --force: exit 4, nothing written', async () => {
    fs.writeFileSync(path.join(dir, 'wesley.config.json'), '{ "schema": "mine.graphql" }\n');
    const { code, stderr } = await wesley(['init'], { cwd: dir });
    expect(code).toBe(4);
    expect(stderr).toContain('WESLEY_CLI_INIT_EXISTS');
    expect(stderr).toContain('"wesley.config.json"');
    expect(stderr).toContain('--force');
    expect(read('wesley.config.json')).toBe('{ "schema": "mine.graphql" }\n');
    expect(fs.readdirSync(dir)).toEqual(['wesley.config.json']);

    const json = await wesley(['init', '--json'], { cwd: dir });
    expect(json.code).toBe(4);
    expect(failure.parse(JSON.parse(json.stdout)).errors[0]!.code).toBe('WESLEY_CLI_INIT_EXISTS');
  });

  test('--force overwrites the config and the schema', async () => {
    fs.writeFileSync(path.join(dir, 'wesley.config.json'), '{}\n');
    const { code, stdout } = await wesley(['init', '--force', '--json'], { cwd: dir });
    expect(code).toBe(0);
    expect(success.parse(JSON.parse(stdout)).files).toEqual([
      { path: 'wesley.config.json', action: 'overwritten' },
      { path: 'schema/schema.graphql', action: 'created' },
      { path: '.gitignore', action: 'created' },
    ]);
    expect(JSON.parse(read('wesley.config.json'))).toEqual(STARTER_CONFIG);
  });

  test('another config file, which would be read instead, stops it even with --force', async () => {
    fs.writeFileSync(path.join(dir, 'wesley.config.ts'), 'export default {};\n');
    const { code, stderr } = await wesley(['init', '--force'], { cwd: dir });
    expect(code).toBe(4);
    expect(stderr).toContain('"wesley.config.ts"');
    expect(fs.readdirSync(dir)).toEqual(['wesley.config.ts']);
  });

  test('appends .wesley/ to an existing .gitignore once', async () => {
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\ndist');
    const first = success.parse(JSON.parse((await wesley(['init', '--json'], { cwd: dir })).stdout));
    expect(first.files).toContainEqual({ path: '.gitignore', action: 'updated' });
    expect(read('.gitignore')).toBe('node_modules\ndist\n.wesley/\n');
    const again = success.parse(JSON.parse((await wesley(['init', '--force', '--json'], { cwd: dir })).stdout));
    expect(again.files.map((f) => f.path)).not.toContain('.gitignore');
    expect(read('.gitignore')).toBe('node_modules\ndist\n.wesley/\n');
  });

  test('withWesleyIgnored', () => {
    expect(withWesleyIgnored(null)).toBe('.wesley/\n');
    expect(withWesleyIgnored('')).toBe('.wesley/\n');
    expect(withWesleyIgnored('a\n')).toBe('a\n.wesley/\n');
    expect(withWesleyIgnored('a\r\n/.wesley\r\n')).toBeNull();
    expect(withWesleyIgnored('.wesley/checkpoints\n')).toBe('.wesley/checkpoints\n.wesley/\n');
  });
});
