// wesley.config.(ts|js|json): found in the current directory or named by --config / WESLEY_CONFIG;
// errors name the file, the key and (JSON) the line and column; flags override the config, the
// config overrides the defaults.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { wesley } from '../migrate-plan-helpers.js';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const SCHEMA = 'type Note @table {\n  id: ID! @pk\n  body: String!\n}\n';

describe('loading', () => {
  test('no config: every default, paths relative to the current directory', async () => {
    const dir = project({});
    expect(await loadConfig(dir, undefined, {})).toEqual({ config: {}, file: null, baseDir: dir });
  });

  test('JSON, TypeScript (with defineConfig) and JavaScript configs give the same config', async () => {
    const body = `{ schema: 'schema', migrations: { dir: 'db/migrations' }, execute: { batchSize: 200 }, maintenanceWindow: { start: '02:00', end: '04:00' } }`;
    const json = project({ 'wesley.config.json': JSON.stringify({ schema: 'schema', migrations: { dir: 'db/migrations' }, execute: { batchSize: 200 }, maintenanceWindow: { start: '02:00', end: '04:00' } }) });
    const ts = project({ 'wesley.config.ts': `const config: { schema: string } = ${body};\nexport default config;\n` });
    const js = project({ 'wesley.config.mjs': `export default ${body};\n` });
    const expected = { schema: 'schema', migrations: { dir: 'db/migrations' }, execute: { batchSize: 200 }, maintenanceWindow: { start: '02:00', end: '04:00', timeZone: 'UTC' } };
    for (const dir of [json, ts, js]) expect((await loadConfig(dir, undefined, {})).config).toEqual(expected);
  });

  test('--config and WESLEY_CONFIG name a file elsewhere; its paths are relative to it', async () => {
    const dir = project({ 'conf/w.json': '{ "schema": "../schema.graphql" }', 'schema.graphql': SCHEMA });
    const cwd = project({});
    const loaded = await loadConfig(cwd, path.join(dir, 'conf/w.json'), {});
    expect(loaded.baseDir).toBe(path.join(dir, 'conf'));
    expect((await loadConfig(cwd, undefined, { WESLEY_CONFIG: path.join(dir, 'conf/w.json') })).file).toBe(path.join(dir, 'conf/w.json'));
    const out = await wesley(['generate', '--config', path.join(dir, 'conf/w.json'), '--out', 'gen', '--targets', 'sql'], { cwd });
    expect(out.code, out.stderr).toBe(0);
    expect(fs.existsSync(path.join(cwd, 'gen/schema.sql'))).toBe(true);
  });

  test.each([
    ['invalid JSON', '{\n  "schema": "s.graphql",\n}\n', 'WESLEY_CONFIG_INVALID', 3, 1],
    ['an unknown key', '{\n  "schema": "s.graphql",\n  "migration": { "dir": "m" }\n}\n', 'WESLEY_CONFIG_INVALID', 3, 3],
    ['a bad value', '{\n  "execute": {\n    "batchSize": -5\n  }\n}\n', 'WESLEY_CONFIG_INVALID', 3, 5],
    ['a bad maintenance window', '{ "maintenanceWindow": { "start": "25:00", "end": "04:00" } }', 'WESLEY_CONFIG_INVALID', 1, 26],
  ])('%s: the code, the file, the line and column, a hint; exit 4', async (_what, text, code, line, column) => {
    const dir = project({ 'wesley.config.json': text, 's.graphql': SCHEMA });
    const out = await wesley(['generate'], { cwd: dir });
    expect(out.code).toBe(4);
    expect(out.stderr).toContain(`wesley.config.json:${line}:${column} ${code}:`);
    expect(out.stderr).toContain('hint:');
    const json = await wesley(['generate', '--json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ command: 'generate', ok: false, errors: [{ code, location: { file: 'wesley.config.json', line, column } }] });
  });

  test('a config that throws, or names a file that does not exist, is an error with a hint', async () => {
    const dir = project({ 'wesley.config.mjs': `throw new Error('boom');\n` });
    const out = await wesley(['generate'], { cwd: dir });
    expect(out.code).toBe(4);
    expect(out.stderr).toMatch(/WESLEY_CONFIG_LOAD_FAILED: Cannot load the config file wesley.config.mjs: boom/);
    const missing = await wesley(['generate', '--config', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('WESLEY_CONFIG_NOT_FOUND');
  });

  test('--help and init work with a broken config', async () => {
    const dir = project({ 'wesley.config.json': '{' });
    expect((await wesley(['generate', '--help'], { cwd: dir })).code).toBe(0);
  });
});

describe('precedence: flags > config > defaults', () => {
  test('generate: schema, out and targets from the config; --out overrides', async () => {
    const dir = project({ 'wesley.config.json': '{ "schema": "schema", "out": "from-config", "targets": ["sql", "zod"] }', 'schema/note.graphql': SCHEMA });
    const fromConfig = await wesley(['generate', '--json'], { cwd: dir });
    expect(fromConfig.code, fromConfig.stdout).toBe(0);
    expect(JSON.parse(fromConfig.stdout).outputs).toMatchObject({ sql: 'from-config/schema.sql', zod: expect.any(Array) });
    expect(JSON.parse(fromConfig.stdout).outputs.ts).toBeUndefined();
    const flag = await wesley(['generate', '--out', 'from-flag', '--targets', 'sql'], { cwd: dir });
    expect(flag.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'from-flag/schema.sql'))).toBe(true);
  });

  test('custom scalars and the default schema from the config reach the compiler', async () => {
    const dir = project({
      'wesley.config.json': '{ "schema": "s.graphql", "scalars": { "Money": { "sql": "numeric(12,2)", "ts": "string" } }, "naming": { "defaultSchema": "app" } }',
      's.graphql': 'scalar Money\ntype Price @table {\n  id: ID! @pk\n  amount: Money!\n}\n',
    });
    const out = await wesley(['generate', '--targets', 'sql'], { cwd: dir });
    expect(out.code, out.stderr).toBe(0);
    const sql = fs.readFileSync(path.join(dir, 'generated/schema.sql'), 'utf8');
    expect(sql).toContain('"app"."price"');
    expect(sql).toContain('numeric(12,2)');
  });

  test('migrate generate: migrations.dir from the config, --dir overrides', async () => {
    const dir = project({ 'wesley.config.json': '{ "schema": "s.graphql", "migrations": { "dir": "db/migrations" } }', 's.graphql': SCHEMA });
    expect((await wesley(['migrate', 'generate'], { cwd: dir })).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'db/migrations'))).toHaveLength(1);
    expect((await wesley(['migrate', 'generate', '--check', '--dir', 'elsewhere'], { cwd: dir })).code).toBe(1);
  });

  test('a plugin registered in wesley.config.ts runs after the built-in generators', async () => {
    const dir = project({
      'wesley.config.ts': `export default {\n  schema: 's.graphql',\n  targets: ['sql'],\n  plugins: [[{ name: 'tables', description: 'table list', generate: (ir: { tables: { name: string }[] }, _c: unknown, o: { file: string }) => [{ path: o.file, contents: ir.tables.map((t) => t.name).join('\\n') }] }, { file: 'tables.txt' }]],\n};\n`,
      's.graphql': SCHEMA,
    });
    const out = await wesley(['generate'], { cwd: dir });
    expect(out.code, out.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'generated/tables.txt'), 'utf8')).toBe('note');
  });
});
