// The real CliIo: process streams, the file system and signals (STYLE §5.7). Files are
// written to a temporary file beside the target and renamed over it on commit, so an
// interrupted or failed run never leaves a half-written file under the name asked for.

import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import type { CliIo, TextSink } from './cli-io.js';

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

/** A file sink: a temporary file beside the target, renamed over it on commit. */
class FileSink extends StreamSink {
  readonly #file: WriteStream;
  readonly #temporary: string;
  readonly #target: string;

  constructor(file: WriteStream, temporary: string, target: string) {
    super(file);
    this.#file = file;
    this.#temporary = temporary;
    this.#target = target;
  }

  override async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#file.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (this.error !== undefined) throw this.error;
    await rename(this.#temporary, this.#target);
  }

  override async discard(): Promise<void> {
    this.#file.destroy();
    await unlink(this.#temporary).catch(() => undefined);
  }
}

function openFile(path: string): Promise<TextSink> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  return new Promise((resolve, reject) => {
    const file = createWriteStream(temporary, { flags: 'w' });
    file.once('error', reject);
    file.once('open', () => {
      file.off('error', reject);
      resolve(new FileSink(file, temporary, path));
    });
  });
}

/**
 * @returns the io of the real process
 */
export function createNodeIo(): CliIo {
  const stdout = new StreamSink(process.stdout);
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.columns,
    env: process.env,
    readFile: (path) => readFile(path, 'utf8'),
    openFile,
    stdoutSink: () => stdout,
    makeDir: async (path) => {
      await mkdir(path, { recursive: true });
    },
    readDir: (path) => readdir(path),
    cwd: process.cwd(),
    now: () => performance.now(),
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
  };
}
