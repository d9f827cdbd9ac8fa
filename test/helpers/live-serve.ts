// Helpers for the live-mode tests (issue 14): start the built CLI's `serve` as a child
// process, speak raw .NET Message Framing bytes to it, watch its streamed trace.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { encodeMbint } from '../../src/live/net-framing.js';

export const root = resolve(import.meta.dirname, '../..');
export const cli = join(root, 'dist', 'cli', 'main.js');
export const FAULTS = 'http://schemas.microsoft.com/ws/2006/05/framing/faults/';

export interface Exchange {
  /** Every byte the server sent. */
  readonly bytes: Buffer;
  /** How the connection ended: `fin` (the server's FIN), or an error code (ECONNRESET). */
  readonly ended: string;
}

export function preamble(via: string, encoding = 0x03): Buffer {
  const viaBytes = Buffer.from(via, 'utf8');
  return Buffer.concat([
    Buffer.from([0x00, 0x01, 0x00, 0x01, 0x02, 0x02]),
    encodeMbint(viaBytes.length),
    viaBytes,
    Buffer.from([0x03, encoding, 0x0c]),
  ]);
}

export function faultRecord(header: readonly number[], name: string): Buffer {
  return Buffer.concat([Buffer.from(header), Buffer.from(`${FAULTS}${name}`, 'ascii')]);
}

/**
 * Opens a connection, sends `first` (then lets `afterFirst` send more), and lets `onData`
 * answer; resolves when it ends.
 */
export function exchange(
  port: number,
  first: Buffer,
  onData?: (received: Buffer, socket: Socket) => void,
  host = '127.0.0.1',
  afterFirst?: (socket: Socket) => void,
): Promise<Exchange> {
  return new Promise((done) => {
    let bytes = Buffer.alloc(0);
    const socket = connect({ host, port, allowHalfOpen: true }, () => {
      socket.write(first);
      afterFirst?.(socket);
    });
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      onData?.(bytes, socket);
    });
    socket.on('end', () => {
      socket.end();
      done({ bytes, ended: 'fin' });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      done({ bytes, ended: error.code ?? error.message });
    });
  });
}

/** Polls the streamed trace until a line matches (the listener writes it as events happen). */
export async function waitForTrace(file: string, match: (line: string) => boolean): Promise<void> {
  for (;;) {
    const text = existsSync(file) ? await readFile(file, 'utf8') : '';
    if (text.split('\n').some(match)) return;
    await new Promise((done) => setTimeout(done, 50));
  }
}

export function portIsClosed(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

export interface Served {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

export async function serve(args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const port = await new Promise<number>((done, fail) => {
    const check = (): void => {
      const match = /listening on net\.tcp:\/\/(?:127\.0\.0\.1|\[::1\]):(\d+)\//.exec(stdout);
      if (match !== null) done(Number(match[1]));
    };
    child.stdout.on('data', check);
    void exited.then((code) => fail(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, port, stdout: () => stdout, stderr: () => stderr, exited };
}

/** What a serve run printed, and how it ended. */
export interface ServeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `dispatchsim serve` to its end: on its own (bad input), or, given a delay, stopped
 * with SIGTERM that long after its first line.
 * @param args - the arguments after `serve`
 * @param stopAfterListeningMs - when to stop it once it listens; undefined: let it end
 * @returns its exit code and output
 */
export async function runServe(
  args: readonly string[],
  stopAfterListeningMs?: number,
): Promise<ServeRun> {
  const child = spawn(process.execPath, [cli, 'serve', ...args], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((done) => child.on('exit', done));
  if (stopAfterListeningMs !== undefined) {
    while (!stdout.includes('listening on') && child.exitCode === null)
      await new Promise((done) => setTimeout(done, 50));
    await new Promise((done) => setTimeout(done, stopAfterListeningMs));
    child.kill('SIGTERM');
  }
  return { code: await exited, stdout, stderr };
}

/**
 * Starts `serve` before the tests of the enclosing describe block and kills it after them
 * (if a test has not stopped it).
 * @returns the running listener, once the block's tests run
 */
export function serveForThisBlock(args: readonly string[]): () => Served {
  let served: Served | undefined;
  beforeAll(async () => {
    served = await serve(args);
  }, 30_000);
  afterAll(() => {
    if (served !== undefined && served.child.exitCode === null) served.child.kill('SIGKILL');
  });
  return () => {
    if (served === undefined) throw new Error('serve has not started');
    return served;
  };
}
