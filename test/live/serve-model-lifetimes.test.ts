// `dispatchsim serve` follows the model's listener and worker processes on the real sockets
// (user report): while the model's TCP listener is stopped (the Net.Tcp Port Sharing Service
// stopped) the real port refuses connections (ECONNREFUSED, which a WCF client reports as
// EndpointNotFoundException, TCP error 10061) and takes them again once the model listens
// again; a session already served by a worker process is reset when the model's process
// crashes (the client's channel sees a CommunicationException). Runs the built CLI (dist/)
// like serve.test.ts; real time, so generous timeouts and nothing asserted about durations.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMbint } from '../../src/live/net-framing.js';
import { cli, preamble, runServe, serve } from '../helpers/live-serve.js';

const ECHO_REQUEST = Buffer.from(
  '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
    '<s:Header><a:Action s:mustUnderstand="1">urn:dispatchsim:echo/IEcho/Echo</a:Action>' +
    '<a:MessageID>urn:uuid:6c1f0a2e-0000-4000-8000-000000000001</a:MessageID></s:Header>' +
    '<s:Body><Echo xmlns="urn:dispatchsim:echo"><text>hi</text></Echo></s:Body></s:Envelope>',
  'utf8',
);
const FRAMED_REQUEST = Buffer.concat([
  Buffer.from([0x06]),
  encodeMbint(ECHO_REQUEST.length),
  ECHO_REQUEST,
]);

const pool = `appPools:
  - { name: OrdersPool, startMode: AlwaysRunning, startupMs: 0, idleTimeoutMs: 0 }
apps:
  - { name: orders, baseAddress: net.tcp://localhost/orders/, appPool: OrdersPool }
`;

/** How a connect attempt went: `connected` or the error code (ECONNREFUSED). */
function tryConnect(port: number): Promise<string> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('connect', () => {
      socket.destroy();
      done('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

/** Connects until an attempt goes as `wanted`, for at most `withinMs`; the last result. */
async function connectUntil(port: number, wanted: string, withinMs: number): Promise<string> {
  const deadline = Date.now() + withinMs;
  let got = await tryConnect(port);
  while (got !== wanted && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50));
    got = await tryConnect(port);
  }
  return got;
}

/** A session kept open: its socket, the bytes it got, and how it ended (once it has). */
interface OpenSession {
  readonly socket: Socket;
  readonly received: () => number;
  readonly ended: Promise<string>;
}

function openSession(port: number, via: string): OpenSession {
  let received = 0;
  const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () =>
    socket.write(preamble(via)),
  );
  socket.on('data', (chunk: Buffer) => (received += chunk.length));
  const ended = new Promise<string>((done) => {
    socket.on('end', () => done('fin'));
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
  return { socket, received: () => received, ended };
}

async function until(check: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!check() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
  return check();
}

describe("dispatchsim serve, the model's listener and processes on the real sockets", () => {
  let tmp = '';

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: npm run build first`);
    tmp = await mkdtemp(join(tmpdir(), 'dispatchsim-lifetimes-'));
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('refuses connections (ECONNREFUSED) while the port sharing service is stopped, and takes them again after its restart', async () => {
    // Every connection made while the model's listener was stopped was accepted, then reset
    // (ECONNRESET): a WCF client read CommunicationException where a stopped port gives
    // EndpointNotFoundException (TCP error 10061, connection refused).
    const scenario = join(tmp, 'stopped.yaml');
    await writeFile(
      scenario,
      `name: stopped\n${pool}  - { name: inventory, baseAddress: net.tcp://localhost/inventory/, hosting: self }\nfaults:\n  - { kind: service-stop, service: portSharing, atMs: 1500, restartAfterMs: 2500 }\n`,
    );
    const served = await serve([scenario]);
    let before: string;
    let during: string;
    let after: string;
    let kept: OpenSession;
    try {
      before = await tryConnect(served.port);
      kept = openSession(served.port, `net.tcp://127.0.0.1:${served.port}/inventory/service.svc`);
      await until(() => kept.received() > 0, 5_000);
      during = await connectUntil(served.port, 'ECONNREFUSED', 10_000);
      after = await connectUntil(served.port, 'connected', 10_000);
      // A session served before the stop belongs to its (self-hosted) process, which lives on.
      kept.socket.write(FRAMED_REQUEST);
      await until(() => kept.received() > 1, 5_000);
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
    expect([before, during, after]).toEqual(['connected', 'ECONNREFUSED', 'connected']);
    expect(kept.received()).toBeGreaterThan(1);
  }, 40_000);

  // Another process took the port while the model's listener was stopped: serve said it
  // cannot listen again, and never tried again, refusing every client after the port was
  // free (user report). It tries every second until it listens.
  it('listens again once the port another process held while the model was stopped is free', async () => {
    const scenario = join(tmp, 'taken.yaml');
    await writeFile(
      scenario,
      `name: taken\n${pool}faults:\n  - { kind: service-stop, service: portSharing, atMs: 1000, restartAfterMs: 1000 }\n`,
    );
    const served = await serve([scenario]);
    let squatter: Server | undefined;
    let after: string;
    try {
      await until(() => served.stderr().includes("the model's TCP listener stopped"), 10_000);
      const taken = createServer();
      squatter = taken;
      await new Promise<void>((done) => taken.listen(served.port, '127.0.0.1', done));
      await until(() => served.stderr().includes('cannot listen again'), 10_000);
      await new Promise<void>((done) => taken.close(() => done()));
      squatter = undefined;
      await until(() => served.stderr().includes('listens again on port'), 10_000);
      after = await connectUntil(served.port, 'connected', 5_000);
    } finally {
      squatter?.close();
      served.child.kill('SIGTERM');
      await served.exited;
    }
    expect(served.stderr()).toMatch(
      /cannot listen again on port \d+: .*; trying again every second/,
    );
    expect(served.stderr()).toMatch(/the model's TCP listener listens again on port/);
    expect(after).toBe('connected');
  }, 40_000);

  it('keeps serving while the port is refused for good, and stops on SIGTERM with exit 0', async () => {
    // With nothing left to wait for (no model timer, no listening socket, no worker) Node
    // ended the process on its own: exit 13, no summary, while the user waited for Ctrl-C.
    const ran = await runServe([join('test', 'live', 'scenarios', 'live-stop.yaml')], 2_500);
    expect(ran.stderr).toMatch(/the model's TCP listener stopped/);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/\nfaults fired:\n {2}service-stop {2}1\n$/);
  }, 30_000);

  it('resets a session a worker process serves when the model crashes that process', async () => {
    // The channel answered every call after the model's worker crashed: the connection was
    // the dead process's, and a real client's channel sees a reset.
    const scenario = join(tmp, 'crash.yaml');
    await writeFile(
      scenario,
      `name: crash\n${pool}faults:\n  - { kind: worker-crash, target: { app: orders }, atMs: 1500 }\n`,
    );
    const served = await serve([scenario]);
    const session = openSession(
      served.port,
      `net.tcp://127.0.0.1:${served.port}/orders/service.svc`,
    );
    let answeredBefore: boolean;
    let ended: string;
    try {
      await until(() => session.received() > 0, 5_000);
      session.socket.write(FRAMED_REQUEST);
      answeredBefore = await until(() => session.received() > 1, 5_000);
      ended = await Promise.race([
        session.ended,
        new Promise<string>((done) => setTimeout(() => done('still open'), 8_000)),
      ]);
    } finally {
      session.socket.destroy();
      served.child.kill('SIGTERM');
      await served.exited;
    }
    expect(answeredBefore).toBe(true);
    expect(ended).toBe('ECONNRESET');
    expect(served.stdout()).toMatch(/\nfaults fired:\n {2}worker-crash {2}1\n$/);
  }, 40_000);
});
