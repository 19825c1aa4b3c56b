import fs from 'node:fs';
import path from 'node:path';
import { WesleyError, type SchemaSource, type SourceLocation } from '@wesley/ir';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { isSystemError, notUtf8, readFailed } from './file-errors.js';

const SDL = /\.(graphql|graphqls|gql)$/i;

/**
 * Reads the schema files named by --schema (or `option`: --from, --to): files, folders (every
 * .graphql/.gql below, recursively) or globs. Source names are paths relative to `cwd`, so errors
 * point at what the user typed. A file or folder that cannot be read, or a file that is not UTF-8,
 * is a WESLEY_CLI_READ_FAILED error: skipping it would compile a different schema than the one on disk.
 */
export function readSchemaSources(patterns: readonly string[], cwd = process.cwd(), option = '--schema'): SchemaSource[] {
  const files = new Set<string>();
  const shown = (file: string) => path.relative(cwd, file) || path.basename(file);
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    if (isDynamicPattern(pattern)) {
      const matches = crawl(pattern, cwd, shown, option).filter((f) => SDL.test(f));
      if (!matches.length) throw notFound(pattern, 'matches no .graphql files', option);
      matches.forEach((f) => files.add(f));
    } else if (!fs.existsSync(absolute)) {
      throw notFound(pattern, 'does not exist', option);
    } else if (fs.statSync(absolute).isDirectory()) {
      const found = crawl('**/*.{graphql,graphqls,gql}', absolute, shown, option);
      if (!found.length) throw notFound(pattern, 'contains no .graphql files', option);
      found.forEach((f) => files.add(f));
    } else {
      files.add(absolute);
    }
  }
  return [...files].sort().map((file) => ({ name: shown(file), text: readUtf8(file, shown(file), option) }));
}

/**
 * globSync, but a folder it cannot list or a schema-file symbolic link it cannot follow is an
 * error; the glob library would skip them silently.
 */
function crawl(pattern: string, cwd: string, shown: (file: string) => string, option: string): string[] {
  let failure: WesleyError | undefined;
  const matches = globSync(pattern, {
    cwd,
    absolute: true,
    onlyFiles: true,
    fs: {
      readdirSync: ((dir: string, options: never) => {
        try {
          return fs.readdirSync(dir, options);
        } catch (error) {
          // A missing root is "matches no files", reported by the caller.
          if (isSystemError(error) && error.code !== 'ENOENT' && error.code !== 'ENOTDIR') {
            failure ??= readFailed(shown(path.resolve(cwd, dir)), error, 'folder', option);
          }
          throw error;
        }
      }) as typeof fs.readdirSync,
      realpathSync: ((link: string) => {
        try {
          return fs.realpathSync(link);
        } catch (error) {
          if (isSystemError(error) && SDL.test(link)) failure ??= readFailed(shown(path.resolve(cwd, link)), error, 'file', option);
          throw error;
        }
      }) as typeof fs.realpathSync,
    },
  });
  if (failure) throw failure;
  return matches;
}

function readUtf8(file: string, name: string, option: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (isSystemError(error)) throw readFailed(name, error, 'file', option);
    throw error;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8(name, firstInvalidByte(bytes, name), option);
  }
}

/** Line and column (UTF-16 units, as the compiler counts) of the first byte that is not UTF-8. */
function firstInvalidByte(bytes: Buffer, file: string): SourceLocation {
  const lossy = new TextDecoder('utf-8').decode(bytes);
  let offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // the decoder drops a BOM
  let line = 1;
  let column = 1;
  let previous = '';
  for (const char of lossy) {
    // U+FFFD is also a valid character; it replaced a bad byte when the bytes are not EF BF BD.
    if (char === '\uFFFD' && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
    offset += Buffer.byteLength(char);
    if (char === '\r' || (char === '\n' && previous !== '\r')) {
      line += 1;
      column = 1;
    } else if (char !== '\n') {
      column += char.length;
    }
    previous = char;
  }
  return { file, line, column };
}

function notFound(pattern: string, why: string, option: string): WesleyError {
  return new WesleyError({
    code: 'WESLEY_CLI_SCHEMA_NOT_FOUND',
    message: `The schema path "${pattern}" ${why}.`,
    expected: 'a .graphql file, a folder of them, or a glob such as "schema/**/*.graphql"',
    hint: `Check the ${option} path (relative to the current directory).`,
  });
}
