import { WesleyError, type SourceLocation } from '@wesley/ir';

/** Error codes of the CLI's file-system failures (docs/errors.md). */
export const FILE_ERROR_CODES = { readFailed: 'WESLEY_CLI_READ_FAILED', writeFailed: 'WESLEY_CLI_WRITE_FAILED' } as const;

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder is in the way',
  EEXIST: 'a file is in the way',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};

/** A Node.js system error (it has a string `code` such as EACCES and the failed `syscall`). */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** `permission denied (EACCES)`: a system error for people, with its code. */
export const describeSystemError = (error: NodeJS.ErrnoException) => `${REASONS[error.code ?? ''] ?? error.message} (${error.code})`;

/**
 * A schema file or folder that cannot be read. `what` is the path as the user sees it, `option`
 * the option that named it (`--schema`, `--from`, `--to`).
 */
export function readFailed(what: string, error: NodeJS.ErrnoException, kind: 'file' | 'folder', option = '--schema'): WesleyError {
  const hint =
    error.code === 'EACCES' || error.code === 'EPERM'
      ? kind === 'folder'
        ? `Make the folder readable and searchable by this user (chmod a+rx "${what}"), or point ${option} at the folders that hold the schema.`
        : `Make the file readable by this user (chmod a+r "${what}"), or leave it out of ${option}.`
      : error.code === 'ENOENT' || error.code === 'ELOOP'
        ? `Fix or remove the broken symbolic link, or leave it out of ${option}.`
        : `Check the ${kind} and the disk, or leave it out of ${option}.`;
  return new WesleyError({ code: FILE_ERROR_CODES.readFailed, message: `Cannot read the schema ${kind} "${what}": ${describeSystemError(error)}.`, hint }, { cause: error });
}

/** A schema file whose bytes are not UTF-8; `location` is its first invalid byte. */
export function notUtf8(file: string, location: SourceLocation, option = '--schema'): WesleyError {
  return new WesleyError({
    code: FILE_ERROR_CODES.readFailed,
    message: `The schema file "${file}" is not valid UTF-8.`,
    expected: 'a UTF-8 text file',
    hint: `Save the file as UTF-8 (for example \`iconv -f latin1 -t utf-8\`), or leave it out of ${option}.`,
    location,
  });
}

/**
 * An output that cannot be written. `written` names the outputs already replaced before the
 * failure (a multi-step write says where it stopped).
 */
export function writeFailed(what: string, error: NodeJS.ErrnoException, written: readonly string[] = []): WesleyError {
  const code = error.code ?? '';
  const hint = ['EACCES', 'EPERM', 'EROFS'].includes(code)
    ? 'Choose an --out folder this user can write to, or fix its permissions.'
    : ['ENOTDIR', 'EEXIST'].includes(code)
      ? 'A file stands where --out needs a folder: choose another --out, or move the file away.'
      : code === 'EISDIR'
        ? 'Move the folder away from the output path, or choose another --out.'
        : ['ENOSPC', 'EDQUOT'].includes(code)
          ? 'Free some disk space (or quota), then run the command again.'
          : 'Check the --out folder and the disk, then run the command again.';
  const done = written.length ? ` ${written.map((f) => `"${f}"`).join(' and ')} ${written.length === 1 ? 'was' : 'were'} already replaced; the other output was not.` : ' Nothing was written.';
  return new WesleyError({ code: FILE_ERROR_CODES.writeFailed, message: `Cannot write "${what}": ${describeSystemError(error)}.${done}`, hint }, { cause: error });
}
