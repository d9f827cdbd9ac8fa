// A run stopped by any of the signals that end a terminal session leaves no file behind
// (user report, 2026-12-03). SIGINT and SIGTERM were handled; SIGHUP (the terminal or the
// ssh connection closed) and SIGQUIT ended the process at once, with 129 or 131 and no
// message, and left the hidden temporary file of --out beside the target: 250 MB after five
// seconds of a 300,000-session NDJSON trace. Real signals, so the built executable.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'dist/bin/dispatchsim.js');

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'dispatchsim-signals-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface Stopped {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

// Runs a long trace to --out and sends the signal once the temporary file is there.
async function stopWhileWriting(signal: NodeJS.Signals): Promise<Stopped> {
  const out = join(folder, 'trace.ndjson');
  const child = spawn(
    process.execPath,
    [bin, 'run', 'healthy-baseline', '--sessions', '300000', '--format', 'ndjson', '--out', out],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr += text;
  });
  const ended = new Promise<Stopped>((done) => {
    child.on('close', (code, killedBy) => done({ code, signal: killedBy, stderr }));
  });
  const poll = setInterval(() => {
    void readdir(folder).then((names) => {
      if (names.length > 0) {
        clearInterval(poll);
        child.kill(signal);
      }
    });
  }, 20);
  try {
    return await ended;
  } finally {
    clearInterval(poll);
  }
}

describe('a run with --out stopped by a signal', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const)(
    'on %s exits 130 with one line and leaves no file',
    async (signal) => {
      const stopped = await stopWhileWriting(signal);

      expect(stopped.stderr).toMatch(
        /^dispatchsim: interrupted after [\d,]+ of 300,000 requests(, .+ simulated, in [\d,]+ attempts)?; '.*trace\.ndjson' was not written\n$/,
      );
      expect([stopped.code, stopped.signal]).toEqual([130, null]);
      expect(await readdir(folder)).toEqual([]);
    },
    60_000,
  );
});
