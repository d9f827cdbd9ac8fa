// The temporary file an --out target is written to until it is whole (node-io.ts), and the
// removal of those that killed runs left (user report). SIGINT and SIGTERM discard the file,
// but SIGKILL, an out-of-memory kill or the machine dying leave `.t.ndjson.7692.tmp` beside
// the target for good (one was 119 MB). A file is removed only when its name is exactly a
// temporary file of the same target and the process its name gives no longer exists: the
// file of a run still writing to the same target (another shell, another shard) is kept, and
// so is one whose pid is taken again or that belongs to another user's process (EPERM).

import { lstat, readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorCode } from './file-errors.js';

/**
 * @param target - the file to write, as an absolute path (symlinks followed)
 * @param pid - the process writing it
 * @returns the temporary file beside it: `.<name>.<pid>.tmp`
 */
export function temporaryFileOf(target: string, pid: number): string {
  return join(dirname(target), `.${basename(target)}.${pid}.tmp`);
}

/**
 * @param pid - a process id (a positive integer)
 * @returns false only when the system says no such process exists (ESRCH)
 */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return errorCode(error) !== 'ESRCH';
  }
}

/** A temporary file that was removed. */
export interface RemovedTemporaryFile {
  /** Its path. */
  readonly path: string;
  /** The process its name gives, which no longer exists. */
  readonly pid: number;
  /** Its size in bytes. */
  readonly bytes: number;
}

// The pid of `.<name>.<pid>.tmp` for the target's name, or undefined for any other name.
function pidOf(file: string, name: string): number | undefined {
  const prefix = `.${name}.`;
  if (!file.startsWith(prefix) || !file.endsWith('.tmp')) return undefined;
  const digits = file.slice(prefix.length, -'.tmp'.length);
  return /^[1-9]\d{0,9}$/.test(digits) ? Number(digits) : undefined;
}

/**
 * Removes the temporary files of a target that processes which no longer exist left. Best
 * effort: a folder that cannot be listed, or a file that cannot be removed, is left as it is.
 * @param target - the file to write, as an absolute path (symlinks followed)
 * @returns the files removed
 */
export async function removeStaleTemporaryFiles(target: string): Promise<RemovedTemporaryFile[]> {
  const folder = dirname(target);
  const name = basename(target);
  const files = await readdir(folder).catch(() => []);
  const removed: RemovedTemporaryFile[] = [];
  for (const file of files) {
    const pid = pidOf(file, name);
    if (pid === undefined || pid === process.pid || processExists(pid)) continue;
    const path = join(folder, file);
    try {
      // Only a regular file: never a folder, nor through a symlink.
      const stats = await lstat(path);
      if (!stats.isFile()) continue;
      await unlink(path);
      removed.push({ path, pid, bytes: stats.size });
    } catch {
      // Gone already (another run removed it), or not ours to remove.
    }
  }
  return removed;
}
