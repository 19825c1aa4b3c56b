// File-system access of the migrations folder, with failures turned into Wesley errors that name
// the path (a permission or a full disk is the user's to fix, not a crash).
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { WesleyError } from '@wesley/ir';
import { MIGRATION_ERROR_CODES } from './errors.js';

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;
/** `ENOTDIR: not a directory`: Node's message without the syscall and path the error repeats. */
const reason = (error: unknown) => String((error as Error).message).replace(/, \w+ '.*'$/s, '');

/** SHA-256 (hex) of bytes or text. */
export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A read failure of `file`. */
export function readFailed(file: string, error: unknown): WesleyError {
  return new WesleyError(
    {
      code: MIGRATION_ERROR_CODES.readFailed,
      message: `Cannot read ${file}: ${reason(error)}.`,
      hint: 'Check that the path exists, is a folder or file as expected, and may be read.',
      details: { file, errno: errno(error) ?? null },
    },
    { cause: error },
  );
}

/** A write failure of `file`. */
export function writeFailed(file: string, error: unknown): WesleyError {
  return new WesleyError(
    {
      code: MIGRATION_ERROR_CODES.writeFailed,
      message: `Cannot write ${file}: ${reason(error)}.`,
      hint: 'Check that the migrations folder may be written and that the disk has room.',
      details: { file, errno: errno(error) ?? null },
    },
    { cause: error },
  );
}

/** The bytes of a file, or null when it does not exist. */
export async function readBytes(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if (errno(error) === 'ENOENT') return null;
    throw readFailed(file, error);
  }
}

/** The sub-folders and files of a folder, or null when it does not exist. */
export async function listFolder(dir: string): Promise<Array<{ name: string; isDirectory: boolean }> | null> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
  } catch (error) {
    if (errno(error) === 'ENOENT') return null;
    throw readFailed(dir, error);
  }
}

/** Writes a file that must not exist yet, and flushes it to disk. */
export async function writeDurably(file: string, text: string): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (a rename into it) to disk; a no-op where folders cannot be opened (Windows). */
export async function syncFolder(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES'].includes(errno(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}
