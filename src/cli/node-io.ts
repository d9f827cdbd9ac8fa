// The real CliIo: process streams, the file system and signals (STYLE §5.7). A regular file
// is written to a temporary file beside the target and renamed over it on commit, so an
// interrupted or failed run never leaves a half-written file under the name asked for. A
// symlink is followed (the file it names is the target, and the link stays); a FIFO, a
// device or a socket is written straight into, as a shell's `>` would (renaming over it
// would replace it with a regular file: as root, `--out /dev/null` would have replaced the
// system's /dev/null); a folder is refused before anything runs. Temporary files of the same
// target that killed runs left are removed first (stale-temporary-files.ts).

import { constants, createWriteStream, type Stats, type WriteStream } from 'node:fs';
import {
  access,
  lstat,
  mkdir,
  readdir,
  readlink,
  realpath,
  rename,
  stat,
  unlink,
} from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { CliIo, TextSink } from './cli-io.js';
import { errorCode } from './file-errors.js';
import { describeSize } from './describe-size.js';
import { removeStaleTemporaryFiles, temporaryFileOf } from './stale-temporary-files.js';
import { readTextFile } from '../io/read-text-file.js';

/** A sink over a Node writable: its buffer is the backpressure, its errors are kept. */
class StreamSink implements TextSink {
  readonly #stream: Writable;
  #error: Error | undefined;
  #failed = false;

  constructor(stream: Writable) {
    this.#stream = stream;
    stream.on('error', (error: Error) => {
      this.#failed = true;
      this.#error ??= error;
    });
  }

  write(text: string): boolean {
    if (this.#failed) return false;
    return this.#stream.write(text);
  }

  drain(): Promise<void> {
    const failed = this.error;
    if (failed !== undefined) return Promise.reject(failed);
    if (!this.#stream.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        this.#stream.off('drain', done);
        this.#stream.off('error', done);
        const error = this.error;
        if (error !== undefined) reject(error);
        else resolve();
      };
      this.#stream.on('drain', done);
      this.#stream.on('error', done);
    });
  }

  async commit(): Promise<void> {
    await this.drain();
  }

  discard(): Promise<void> {
    return Promise.resolve();
  }

  /** @returns the error writing met, if any */
  get error(): Error | undefined {
    return this.#failed ? this.#error : undefined;
  }
}

/**
 * A sink straight into a file it closes on commit. Used as such for a FIFO, a device or a
 * socket, where there is no file to keep whole.
 */
class WriteStreamSink extends StreamSink {
  readonly #file: WriteStream;

  constructor(file: WriteStream) {
    super(file);
    this.#file = file;
  }

  override async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#file.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (this.error !== undefined) throw this.error;
  }

  override discard(): Promise<void> {
    this.#file.destroy();
    return Promise.resolve();
  }
}

/** A file sink: a temporary file beside the target, renamed over it on commit. */
class FileSink extends WriteStreamSink {
  readonly #temporary: string;
  readonly #target: string;

  constructor(file: WriteStream, temporary: string, target: string) {
    super(file);
    this.#temporary = temporary;
    this.#target = target;
  }

  override async commit(): Promise<void> {
    await super.commit();
    await rename(this.#temporary, this.#target);
  }

  override async discard(): Promise<void> {
    await super.discard();
    await unlink(this.#temporary).catch(() => undefined);
  }
}

/**
 * The signals that stop a run the way Ctrl-C does: each would otherwise end the process at
 * once, leaving an --out file's temporary file behind. SIGHUP is how a run started over ssh
 * ends when the connection drops.
 */
const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

const notFound = (error: unknown): boolean => errorCode(error) === 'ENOENT';

function isDirectoryError(path: string): Error {
  return Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), {
    code: 'EISDIR',
    path,
  });
}

/** Symlinks followed before giving up, as the kernel does (ELOOP). */
const MAX_LINK_HOPS = 40;

// The path a chain of symlinks ends at when it names nothing yet (realpath said ENOENT):
// writing through the link creates that file.
async function danglingLinkEnd(link: string): Promise<string> {
  let hop = link;
  for (let depth = 0; depth < MAX_LINK_HOPS; depth++) {
    const next = resolve(dirname(hop), await readlink(hop));
    const stats = await lstat(next).catch(() => undefined);
    if (stats?.isSymbolicLink() !== true) return next;
    hop = next;
  }
  throw Object.assign(new Error(`ELOOP: too many symbolic links, open '${link}'`), {
    code: 'ELOOP',
  });
}

/** What `--out` names, once symlinks are followed. */
interface OutputTarget {
  /** The path to write. */
  readonly path: string;
  /** What is there now. */
  readonly kind: 'nothing' | 'file' | 'folder' | 'special';
}

async function outputTarget(path: string): Promise<OutputTarget> {
  const found = await lstat(path).catch((error: unknown) => {
    if (notFound(error)) return undefined;
    throw error;
  });
  if (found === undefined) return { path, kind: 'nothing' };
  if (!found.isSymbolicLink()) return { path, kind: kindOf(found) };
  const target = await realpath(path).catch((error: unknown) => {
    if (notFound(error)) return undefined;
    throw error;
  });
  if (target !== undefined) return { path: target, kind: kindOf(await stat(target)) };
  // A link the kernel follows where realpath cannot name the end: /dev/stdout ->
  // /proc/self/fd/1 -> 'pipe:[N]' when stdout is a pipe (user report: the temporary file was
  // made in /proc/self/fd). It is opened as named.
  const reached = await stat(path).catch((error: unknown) => {
    if (notFound(error)) return undefined;
    throw error;
  });
  if (reached !== undefined) return { path, kind: kindOf(reached) };
  return { path: await danglingLinkEnd(path), kind: 'nothing' };
}

function kindOf(stats: Stats): OutputTarget['kind'] {
  if (stats.isFile()) return 'file';
  return stats.isDirectory() ? 'folder' : 'special';
}

function openStream(path: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path, { flags: 'w' });
    file.once('error', reject);
    file.once('open', () => {
      file.off('error', reject);
      resolve(file);
    });
  });
}

async function openFile(path: string, stderr: (text: string) => void): Promise<TextSink> {
  const target = await outputTarget(path);
  if (target.kind === 'folder') throw isDirectoryError(path);
  if (target.kind === 'special') return new WriteStreamSink(await openStream(target.path));
  for (const stale of await removeStaleTemporaryFiles(target.path)) {
    stderr(
      `dispatchsim: note: removed ${stale.path} (${describeSize(stale.bytes)}), the unfinished output of a run (pid ${stale.pid}) that no longer exists\n`,
    );
  }
  const temporary = temporaryFileOf(target.path, process.pid);
  return new FileSink(await openStream(temporary), temporary, target.path);
}

// Whether files can be created in a folder, or the folder made: the nearest part of its path
// that exists must be a folder this process may write into (a root process may write almost
// anywhere; a read-only file system still says EROFS).
async function canCreateIn(folder: string): Promise<void> {
  let path = resolve(folder);
  for (;;) {
    const found = await stat(path).catch((error: unknown) => {
      if (notFound(error)) return undefined;
      throw error;
    });
    if (found !== undefined) {
      if (!found.isDirectory()) {
        throw Object.assign(new Error(`ENOTDIR: not a directory, '${path}'`), { code: 'ENOTDIR' });
      }
      await access(path, constants.W_OK | constants.X_OK);
      return;
    }
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
}

/**
 * @returns the io of the real process
 */
export function createNodeIo(): CliIo {
  const stdout = new StreamSink(process.stdout);
  const stderr = (text: string): void => {
    process.stderr.write(text);
  };
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr,
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.columns,
    env: process.env,
    readFile: readTextFile,
    openFile: (path) => openFile(path, stderr),
    realPath: (path) => realpath(path).catch(() => resolve(path)),
    stdoutSink: () => stdout,
    makeDir: async (path) => {
      await mkdir(path, { recursive: true });
    },
    readDir: (path) => readdir(path),
    canCreateIn,
    cwd: process.cwd(),
    now: () => performance.now(),
    onInterrupt: (handler) => {
      for (const signal of INTERRUPTS) process.on(signal, handler);
      return () => {
        for (const signal of INTERRUPTS) process.off(signal, handler);
      };
    },
    onStdinEnd: (handler) => {
      const stdin = process.stdin;
      stdin.once('end', handler);
      // Flowing, so that the end is read; what comes before it is dropped.
      stdin.resume();
      return () => {
        stdin.off('end', handler);
        stdin.pause();
      };
    },
  };
}
