import { randomBytes } from 'node:crypto';
import nodeFs from 'node:fs';
import path from 'node:path';
import { isSystemError, writeFailed } from './file-errors.js';

/** One file to write: its absolute path and its text. */
export interface OutputFile {
  readonly path: string;
  readonly text: string;
  /**
   * false: skip the fsync before the rename. For files that are cheap to regenerate (thousands of
   * generated modules): a crash may then leave one empty, never half of an old and a new one.
   */
  readonly durable?: boolean;
}

/** The file-system calls writeOutputs makes; tests pass a copy that fails on purpose. */
export type OutputFs = Pick<typeof nodeFs, 'mkdirSync' | 'openSync' | 'writeFileSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync'> & Partial<Pick<typeof nodeFs, 'readFileSync'>>;

/**
 * Writes every file into `dir` (created when missing) as a whole: each text goes to a new
 * temporary file beside its target first, and only when all of them are written are they renamed
 * over the targets, so a reader never sees half a file and a failed write replaces nothing. On
 * failure the temporary files are removed and a WESLEY_CLI_WRITE_FAILED error says what was
 * already replaced (a rename can still fail after another succeeded). `show` renders a path for
 * the message.
 */
export function writeOutputs(dir: string, files: readonly OutputFile[], show: (file: string) => string, fs: OutputFs = nodeFs): void {
  const fail = (file: string, error: unknown, written: readonly string[] = []) => {
    if (!isSystemError(error)) return error;
    return writeFailed(show(file), error, written.map(show));
  };
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw fail(dir, error);
  }
  const temporary: { tmp: string; target: string }[] = [];
  const removeTemporary = () => {
    for (const { tmp } of temporary) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // already renamed, or gone; the original failure is the one to report
      }
    }
  };
  for (const file of files) {
    // An unchanged file is left alone: regenerating thousands of modules touches only what changed.
    if (unchanged(fs, file)) continue;
    const tmp = `${file.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      // Generators write into sub-folders (ts/types/...).
      if (path.dirname(file.path) !== dir) fs.mkdirSync(path.dirname(file.path), { recursive: true });
      // 'wx': a new file, never a file or symbolic link someone put there before us.
      const fd = fs.openSync(tmp, 'wx', 0o666);
      temporary.push({ tmp, target: file.path });
      try {
        fs.writeFileSync(fd, file.text);
        if (file.durable !== false) fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (error) {
      removeTemporary();
      throw fail(file.path, error);
    }
  }
  const written: string[] = [];
  for (const { tmp, target } of temporary) {
    try {
      fs.renameSync(tmp, target);
      written.push(target);
    } catch (error) {
      removeTemporary();
      throw fail(target, error, written);
    }
  }
}

/** Whether the file already holds exactly this text (a missing or unreadable file is not). */
function unchanged(fs: OutputFs, file: OutputFile): boolean {
  if (!fs.readFileSync) return false;
  try {
    return fs.readFileSync(file.path, 'utf8') === file.text;
  } catch {
    return false;
  }
}
