// serve against clients that misbehave at volume (user report: a load test of 250,000
// connections). A burst of clients that reset right after their preamble crashed both
// worker processes: a handed-over socket can fail before the worker's message handler can
// listen on it. From then on every session got ConnectionDispatchFailed, and a stop hung on
// Node's server.close(), which forgets a child that exited before the close began: exit 13,
// no summary.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeMbint } from '../../src/live/net-framing.js';
import { preamble, serve as startServe, type Served } from '../helpers/live-serve.js';

const scenario = 'test/live/scenarios/live-burst.yaml';
const via = 'net.tcp://localhost/orders/service.svc';

// A listener a failed test left running is killed (its workers exit with it), not left behind.
let started: Served[] = [];
afterEach(() => {
  for (const served of started) if (served.child.exitCode === null) served.child.kill('SIGKILL');
  started = [];
});

async function serve(args: readonly string[]): Promise<Served> {
  const served = await startServe(args);
  started.push(served);
  return served;
}

/** The live children of a process (Linux: /proc). */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text === '' ? [] : text.split(/\s+/).map(Number);
}

/** Sends `count` preambles, `inFlight` at a time, each connection reset once written. */
async function preamblesThenReset(port: number, count: number, inFlight: number): Promise<void> {
  let started = 0;
  const one = (): Promise<void> =>
    new Promise((done) => {
      const socket = connect({ host: '127.0.0.1', port }, () =>
        socket.write(preamble(via), () => socket.resetAndDestroy()),
      );
      socket.on('error', () => undefined);
      socket.on('close', () => done());
    });
  const lane = async (): Promise<void> => {
    while (started < count) {
      started++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}

/** Whether a worker answers a new session: its preamble ack 0x0B, after SMSvcHost's handover. */
function workerAnswers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(preamble(via)));
    socket.once('data', (bytes: Buffer) => {
      done(bytes[0] === 0x0b);
      socket.destroy();
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

describe('serve against clients that reset right after their preamble', () => {
  it('keeps its worker processes, which serve the next client', async () => {
    // Arrange: the burst begins as the first worker processes start.
    const served = await serve([scenario, '--port', '0']);

    // Act
    await preamblesThenReset(served.port, 1000, 20);

    // Assert: a new client is served once the burst's sessions have left the queue.
    let answered = false;
    for (let tries = 0; tries < 100 && !answered; tries++) {
      answered = await workerAnswers(served.port);
      if (!answered) await new Promise((done) => setTimeout(done, 100));
    }
    expect(answered).toBe(true);
    expect(childrenOf(served.child.pid ?? 0)).toHaveLength(2);
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    expect(served.stderr()).not.toContain("Unhandled 'error'");
    expect(served.stderr()).not.toContain('no worker process took the connection');
  }, 60_000);
});

describe('serve whose worker processes are gone', () => {
  it('stops on SIGTERM with its summary and exit 0', async () => {
    // Arrange: a session served, then every worker process killed.
    const served = await serve([scenario, '--port', '0']);
    expect(await workerAnswers(served.port)).toBe(true);
    for (const child of childrenOf(served.child.pid ?? 0)) process.kill(child, 'SIGKILL');
    while (childrenOf(served.child.pid ?? 0).length > 0) {
      await new Promise((done) => setTimeout(done, 20));
    }

    // Act
    served.child.kill('SIGTERM');
    const code = await served.exited;

    // Assert
    expect(code).toBe(0);
    expect(served.stdout()).toContain('faults fired');
  }, 30_000);
});

describe('serve whose worker processes die while it runs', () => {
  it('starts new ones for the next sessions, and says so', async () => {
    // Arrange
    const served = await serve([scenario, '--port', '0']);
    for (let session = 0; session < 4; session++)
      expect(await workerAnswers(served.port)).toBe(true);
    const first = childrenOf(served.child.pid ?? 0);
    expect(first).toHaveLength(2);

    // Act
    for (const child of first) process.kill(child, 'SIGKILL');
    while (childrenOf(served.child.pid ?? 0).some((child) => first.includes(child))) {
      await new Promise((done) => setTimeout(done, 20));
    }

    // Assert
    for (let session = 0; session < 4; session++)
      expect(await workerAnswers(served.port)).toBe(true);
    expect(served.stderr()).toMatch(/a worker process exited \(SIGKILL\)/);
    expect(served.stderr()).not.toContain('no worker process took the connection');
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
  }, 30_000);
});

describe('serve against clients that send many kinds of bad preamble', () => {
  it('counts the first 32 kinds of what clients send apart and the rest together, and always the kinds serve names itself', async () => {
    // Arrange: versions 1.0 and 2.0 to 41.0 are 40 kinds of "unsupported version"; vias of
    // 3,000 to 3,039 bytes would each be "longer than 2048 bytes (n)".
    const served = await serve([scenario, '--port', '0']);
    const send = (bytes: Buffer): Promise<void> =>
      new Promise((done) => {
        const socket = connect({ host: '127.0.0.1', port: served.port }, () => socket.write(bytes));
        socket.on('error', () => undefined);
        socket.on('close', () => done());
      });

    // Act
    for (let major = 2; major < 42; major++) await send(Buffer.from([0x00, major, 0x00]));
    for (let length = 3000; length < 3040; length++) {
      await send(Buffer.concat([Buffer.from([0, 1, 0, 1, 2, 2]), encodeMbint(length)]));
    }
    // A client that resets in its preamble, after the junk: a kind serve names itself, which
    // junk filling the 32 kinds hid among the others (user report: 994 receive timeouts).
    await new Promise<void>((done) => {
      const socket = connect({ host: '127.0.0.1', port: served.port }, () =>
        socket.write(Buffer.from([0x00, 0x01, 0x00, 0x01]), () =>
          setTimeout(() => socket.resetAndDestroy(), 100),
        ),
      );
      socket.on('error', () => undefined);
      socket.on('close', () => done());
    });
    served.child.kill('SIGTERM');
    await served.exited;

    // Assert
    const lines = served.stdout().split('\n');
    expect(
      lines.filter((line) =>
        line.includes('1 (by the listener: the client reset the connection during the preamble)'),
      ),
    ).toHaveLength(1);
    expect(lines.filter((line) => line.includes('unsupported version'))).toHaveLength(32);
    expect(lines.filter((line) => line.includes('longer than 2048 bytes'))).toHaveLength(0);
    expect(
      lines.filter((line) =>
        line.includes('48 (by the listener: other bad preambles, past 32 kinds)'),
      ),
    ).toHaveLength(1);
  }, 30_000);
});
