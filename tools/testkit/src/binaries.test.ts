import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cachedBinDir, isTrustedCopy } from './binaries.js';

// The cache of copied binaries is used only when we are root; the attack is another local user
// planting `<tmp>/wesley-pg-bin-<ver>/bin/postgres`, which root would then run.
const isRoot = process.getuid?.() === 0;
let tmp: string;
let native: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-bin-cache-'));
  native = path.join(tmp, 'package', 'native');
  fs.mkdirSync(path.join(native, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(native, 'lib'));
  fs.writeFileSync(path.join(native, 'bin', 'postgres'), '#!/bin/sh\necho "postgres (PostgreSQL) 18.0"\n', { mode: 0o755 });
  fs.writeFileSync(path.join(native, 'lib', 'libpq.so.5.18'), 'real');
  fs.symlinkSync('libpq.so.5.18', path.join(native, 'lib', 'libpq.so.5'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A cache some other user put there first, with a postgres of their own. */
function plant(mutate: (cache: string) => void): string {
  const cache = path.join(tmp, 'wesley-pg-bin-18.0.0');
  fs.mkdirSync(path.join(cache, 'bin'), { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(cache, 'bin', 'postgres'), '#!/bin/sh\necho planted\n', { mode: 0o755 });
  fs.chmodSync(cache, 0o755);
  mutate(cache);
  return cache;
}

describe.skipIf(!isRoot)('cachedBinDir (as root)', () => {
  test('copies once to <tmp>/wesley-pg-bin-<ver>, readable by all and writable by root only, then reuses it', () => {
    const bin = cachedBinDir(native, '18.0.0', tmp);
    expect(bin).toBe(path.join(tmp, 'wesley-pg-bin-18.0.0', 'bin'));
    expect(fs.readFileSync(path.join(bin, 'postgres'), 'utf8')).toContain('PostgreSQL');
    expect(fs.statSync(path.dirname(bin)).mode & 0o777).toBe(0o755);
    expect(isTrustedCopy(path.dirname(bin))).toBe(true);
    expect(cachedBinDir(native, '18.0.0', tmp)).toBe(bin);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('wesley-pg-bin-'))).toEqual(['wesley-pg-bin-18.0.0']);
  });

  test.each([
    ['owned by another user', (cache: string) => fs.chownSync(cache, 65534, 65534)],
    ['world-writable', (cache: string) => fs.chmodSync(cache, 0o777)],
    ['group-writable', (cache: string) => fs.chmodSync(cache, 0o775)],
    ['with a postgres owned by another user', (cache: string) => fs.chownSync(path.join(cache, 'bin', 'postgres'), 65534, 65534)],
    ['with a world-writable bin folder', (cache: string) => fs.chmodSync(path.join(cache, 'bin'), 0o777)],
  ])('a cache %s is not reused: the binaries go to a fresh folder', (_what, mutate) => {
    const cache = plant(mutate);
    const bin = cachedBinDir(native, '18.0.0', tmp);
    expect(bin).not.toBe(path.join(cache, 'bin'));
    expect(path.basename(path.dirname(bin))).toMatch(/^wesley-pg-bin-18\.0\.0-.{6}$/);
    expect(fs.readFileSync(path.join(bin, 'postgres'), 'utf8')).toContain('PostgreSQL');
    expect(isTrustedCopy(path.dirname(bin))).toBe(true);
    expect(fs.readFileSync(path.join(cache, 'bin', 'postgres'), 'utf8')).toContain('planted');
  });

  test('a symbolic link in place of the cache is not followed', () => {
    const elsewhere = plant(() => {});
    const link = path.join(tmp, 'wesley-pg-bin-18.0.1');
    fs.symlinkSync(elsewhere, link);
    expect(isTrustedCopy(elsewhere)).toBe(true); // root-owned and 0755: only the link is wrong
    const bin = cachedBinDir(native, '18.0.1', tmp);
    expect(bin.startsWith(`${link}-`)).toBe(true);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

test('isTrustedCopy: a missing folder, or a regular file, is not a trusted copy', () => {
  expect(isTrustedCopy(path.join(tmp, 'missing'))).toBe(false);
  expect(isTrustedCopy(path.join(native, 'bin', 'postgres'))).toBe(false);
  // Not root: everything we create is ours, not root's.
  if (!isRoot) expect(isTrustedCopy(native)).toBe(false);
});
