import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** PostgreSQL majors the test kit ships binaries for (npm aliases pg-bin-<major>). */
export const SUPPORTED_VERSIONS = [11, 12, 13, 14, 15, 16, 17, 18] as const;
export type PostgresMajor = (typeof SUPPORTED_VERSIONS)[number];

/** The majors `pnpm test` runs by default: the oldest and the newest. */
export const DEFAULT_VERSIONS: readonly PostgresMajor[] = [11, 18];

const require = createRequire(import.meta.url);

/**
 * The `native/bin` folder of a major's binary package. Resolved by path, never imported: the
 * PG 11 package's JS entry breaks under ESM.
 */
export function packagedBinDir(version: PostgresMajor): string {
  const name = `pg-bin-${version}`;
  // The package's exports map hides package.json, so walk the node_modules lookup paths.
  for (const dir of require.resolve.paths(name) ?? []) {
    const bin = path.join(dir, name, 'native', 'bin');
    if (fs.existsSync(path.join(bin, 'postgres'))) return fs.realpathSync(bin);
  }
  throw new Error(`The PostgreSQL ${version} binaries (${name}) are not installed: run \`pnpm install\`.`);
}

/** The uid/gid to run postgres as when we are root (it refuses to run as root). */
export function serverUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
  const entry = passwd.find((f) => f[0] === 'postgres') ?? passwd.find((f) => f[0] === 'nobody');
  if (!entry) throw new Error('Running as root, but there is no `postgres` or `nobody` user to run PostgreSQL as.');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/**
 * A bin folder the server user can execute. When we are root and the checkout sits somewhere
 * the server user cannot read (e.g. under /root), the binaries are copied to a cache in the temp
 * folder (see cachedBinDir).
 */
export function usableBinDir(version: PostgresMajor, user = serverUser()): string {
  const binDir = packagedBinDir(version);
  if (!user || canRun(binDir, user)) return binDir;
  const nativeDir = path.dirname(binDir);
  const pkgJson = fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8');
  const pkgVersion = (JSON.parse(pkgJson) as { version: string }).version;
  const cachedBin = cachedBinDir(nativeDir, pkgVersion);
  if (!canRun(cachedBin, user)) {
    throw new Error(`The PostgreSQL ${version} binaries cannot be run as uid ${user.uid}, even from ${cachedBin}.`);
  }
  return cachedBin;
}

/**
 * The bin folder of a root-run copy of `nativeDir` in the temp folder. `<tmp>/wesley-pg-bin-<ver>`
 * is reused only when isTrustedCopy says that nobody but root can have put or changed anything in
 * it: we run its binaries as root's chosen server user, and the temp folder is shared with every
 * local user, who could plant a `bin/postgres` there. Otherwise the binaries are copied to a
 * fresh mkdtemp folder, which becomes the cache when that name is still free.
 */
export function cachedBinDir(nativeDir: string, pkgVersion: string, tmp = os.tmpdir()): string {
  const cache = path.join(tmp, `wesley-pg-bin-${pkgVersion}`);
  if (isTrustedCopy(cache) && fs.existsSync(path.join(cache, 'bin', 'postgres'))) return path.join(cache, 'bin');
  const fresh = fs.mkdtempSync(`${cache}-`); // 0700, owned by us, a name nobody could guess
  fs.cpSync(nativeDir, fresh, { recursive: true, verbatimSymlinks: true });
  spawnSync('chmod', ['-R', 'a+rX,go-w', fresh]);
  if (!fs.existsSync(cache)) {
    try {
      fs.renameSync(fresh, cache);
      return path.join(cache, 'bin');
    } catch {
      // another process took the name first: run from our own copy
    }
  }
  return path.join(fresh, 'bin');
}

/**
 * True when `dir` is a real folder (not a symbolic link) and it and everything below it are
 * owned by root and writable by no group or other user.
 */
export function isTrustedCopy(dir: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    return false;
  }
  if (!stat.isDirectory() || !trusted(stat)) return false;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const entryStat = fs.lstatSync(path.join(entry.parentPath, entry.name));
    // A symbolic link's own mode is always 0777 and never used; its owner still counts.
    if (entryStat.uid !== 0 || (!entryStat.isSymbolicLink() && !trusted(entryStat))) return false;
  }
  return true;
}

const trusted = (stat: fs.Stats) => stat.uid === 0 && (stat.mode & 0o022) === 0;

function canRun(binDir: string, user: { uid: number; gid: number }): boolean {
  const probe = spawnSync(path.join(binDir, 'postgres'), ['--version'], { ...user, encoding: 'utf8' });
  return probe.status === 0;
}

/** Parses WESLEY_PG_VERSIONS ("11,18", "all", "16"); unset means DEFAULT_VERSIONS. */
export function selectedVersions(value = process.env.WESLEY_PG_VERSIONS): PostgresMajor[] {
  const text = value?.trim();
  if (!text) return [...DEFAULT_VERSIONS];
  if (text === 'all') return [...SUPPORTED_VERSIONS];
  const versions = text.split(',').map((part) => Number(part.trim()));
  for (const v of versions) {
    if (!SUPPORTED_VERSIONS.includes(v as PostgresMajor)) {
      throw new Error(
        `WESLEY_PG_VERSIONS=${text}: ${Number.isNaN(v) ? 'not a number' : `PostgreSQL ${v} is not shipped`}; use "all" or a comma-separated list of ${SUPPORTED_VERSIONS.join(', ')}.`,
      );
    }
  }
  return [...new Set(versions as PostgresMajor[])].sort((a, b) => a - b);
}
