import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isWesleyError } from '@wesley/ir';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { writeOutputs, type OutputFs } from './write-outputs.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-write-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const systemError = (code: string, syscall: string) => Object.assign(new Error(`${code}: failed, ${syscall}`), { code, syscall });
const show = (file: string) => path.relative(dir, file);
const files = () => [
  { path: path.join(dir, 'schema.sql'), text: 'new sql' },
  { path: path.join(dir, 'wesley.ir.json'), text: 'new ir' },
];
const read = () => fs.readdirSync(dir).sort().map((f) => `${f}: ${fs.readFileSync(path.join(dir, f), 'utf8')}`);

function caught(fn: () => void) {
  try {
    fn();
  } catch (error) {
    if (isWesleyError(error)) return error;
    throw error;
  }
  throw new Error('expected a WesleyError');
}

test('writes every file, replacing what was there, with no temporary file left', () => {
  fs.writeFileSync(path.join(dir, 'schema.sql'), 'old sql');
  writeOutputs(dir, files(), show);
  expect(read()).toEqual(['schema.sql: new sql', 'wesley.ir.json: new ir']);
});

test('a disk that fills up on the second file (ENOSPC) replaces nothing and removes both temporary files', () => {
  fs.writeFileSync(path.join(dir, 'schema.sql'), 'old sql');
  let writes = 0;
  const full: OutputFs = {
    ...fs,
    writeFileSync: ((fd: number, text: string) => {
      if (++writes === 2) {
        fs.writeFileSync(fd, text.slice(0, 2)); // half written, then the disk is full
        throw systemError('ENOSPC', 'write');
      }
      fs.writeFileSync(fd, text);
    }) as typeof fs.writeFileSync,
  };
  const error = caught(() => writeOutputs(dir, files(), show, full));
  expect(error.code).toBe('WESLEY_CLI_WRITE_FAILED');
  expect(error.message).toBe('Cannot write "wesley.ir.json": no space left on the device (ENOSPC). Nothing was written.');
  expect(error.hint).toBe('Free some disk space (or quota), then run the command again.');
  expect(read()).toEqual(['schema.sql: old sql']);
});

test('a rename that fails after the first succeeded says which output was replaced', () => {
  let renames = 0;
  const flaky: OutputFs = {
    ...fs,
    renameSync: ((from: string, to: string) => {
      if (++renames === 2) throw systemError('EIO', 'rename');
      fs.renameSync(from, to);
    }) as typeof fs.renameSync,
  };
  const error = caught(() => writeOutputs(dir, files(), show, flaky));
  expect(error.message).toBe('Cannot write "wesley.ir.json": input/output error (EIO). "schema.sql" was already replaced; the other output was not.');
  expect(read()).toEqual(['schema.sql: new sql']);
});

test('an error that is not the file system (a bug) is not disguised as WESLEY_CLI_WRITE_FAILED', () => {
  const buggy: OutputFs = { ...fs, writeFileSync: (() => { throw new TypeError('bug'); }) as typeof fs.writeFileSync };
  expect(() => writeOutputs(dir, files(), show, buggy)).toThrow(TypeError);
  expect(read()).toEqual([]);
});

test('an unchanged file is not rewritten; a changed one is; sub-folders are created', () => {
  const nested = { path: path.join(dir, 'ts/types/User.ts'), text: 'export interface User {}\n' };
  writeOutputs(dir, [...files(), nested], show);
  const before = fs.statSync(path.join(dir, 'schema.sql')).ino;
  writeOutputs(dir, [{ path: path.join(dir, 'schema.sql'), text: 'new sql' }, { ...nested, text: 'export interface User { id: string }\n' }], show);
  // Same inode: the unchanged file was left alone (a rewrite renames a new file over it).
  expect(fs.statSync(path.join(dir, 'schema.sql')).ino).toBe(before);
  expect(fs.readFileSync(nested.path, 'utf8')).toBe('export interface User { id: string }\n');
});
