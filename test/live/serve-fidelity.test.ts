// `dispatchsim serve` against what the real SMSvcHost does (user report): the 4020 of the
// trace names the IP endpoint the listener's socket listens on; a connection the client closes
// before sending a byte is closed quietly and counted, as is one it resets mid-preamble; a
// net.pipe or http via sent over TCP is looked up in the TCP routing table, misses, and gets
// EndpointNotFound. Runs the built CLI
// (dist/) like serve.test.ts; real time, so generous timeouts and nothing about durations.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  exchange,
  faultRecord,
  preamble,
  serve,
  waitForTrace,
} from '../helpers/live-serve.js';

const vias = join('test', 'live', 'scenarios', 'live-vias.yaml');

describe('dispatchsim serve, as faithful as SMSvcHost', () => {
  let tmp = '';

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: npm run build first`);
    tmp = await mkdtemp(join(tmpdir(), 'dispatchsim-fidelity-'));
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it.each([
    ['127.0.0.1', (port: number) => `127.0.0.1:${port}`],
    // IPEndPoint.Address.ToString() + ":" + Port: no brackets around an IPv6 address.
    ['::1', (port: number) => `::1:${port}`],
  ])(
    'names the endpoint it listens on (%s) in 4020, not the marker of port 808',
    async (host, endpoint) => {
      // It wrote 255.255.255.255:808, the marker of a host-name registration on port 808
      // (the scenario's base addresses), though it listens on one loopback address and port.
      const trace = join(tmp, `4020-${host.replace(/\W/g, '')}.ndjson`);
      const served = await serve([vias, '--host', host, '--trace', trace]);
      try {
        await waitForTrace(trace, (line) => line.includes('"id":4021'));
      } finally {
        served.child.kill('SIGTERM');
        await served.exited;
      }
      const starts = (await readFile(trace, 'utf8'))
        .split('\n')
        .filter((line) => line.includes('"id":4020'))
        .map((line) => JSON.parse(line) as { message: string; payload: { Uri: string } });
      expect(starts).toHaveLength(1);
      expect(starts[0]?.payload.Uri).toBe(endpoint(served.port));
      expect(starts[0]?.message).toBe(
        `Tcp transport listener starting to listen on uri:'${endpoint(served.port)}'.`,
      );
    },
    30_000,
  );

  it('counts a connection the client closes before any byte, closed quietly with a FIN, and one it resets mid-preamble', async () => {
    // Neither was counted: "connections: 0" and no outcome, though two were accepted (the
    // reset one would have been counted as "receiveTimeout expired" had the listener lived
    // 30 s more).
    const served = await serve([vias]);
    let ended: string;
    try {
      await new Promise<void>((done) => {
        const socket = connect({ host: '127.0.0.1', port: served.port });
        socket.on('connect', () =>
          socket.write(Buffer.from([0x00, 0x01, 0x00]), () => {
            setTimeout(() => {
              socket.resetAndDestroy();
              done();
            }, 100);
          }),
        );
        socket.on('error', () => undefined);
      });
      ended = await new Promise<string>((done) => {
        const socket = connect({ host: '127.0.0.1', port: served.port, allowHalfOpen: true });
        socket.on('connect', () => socket.end());
        socket.on('end', () => done('fin'));
        socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
      });
      await new Promise((done) => setTimeout(done, 200));
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
    expect(ended).toBe('fin');
    const stdout = served.stdout();
    expect(stdout).toMatch(/^connections: 2, /m);
    expect(stdout).toMatch(
      /^ {2}preamble-aborted +1 \(by the listener: the client reset the connection during the preamble\)$/m,
    );
    expect(stdout).toMatch(
      /^ {2}closed-before-preamble 1 \(by the client before any byte: closed quietly\)$/m,
    );
    // SMSvcHost counts every connection it accepts, whatever becomes of its preamble.
    expect(stdout).toMatch(/^ {2}Connections Accepted +2$/m);
  }, 30_000);

  // The listener's own aborts never counted: "Protocol Failures 0" after a bad via record and
  // a receive timeout, where `run` counts both (user report). SMSvcHost's dup-handle readers
  // count them (domain §2.5, §3.4); its mode reader, which reads version and mode, does not.
  it('counts Protocol Failures for the preambles its dup-handle stage aborts, not its mode stage', async () => {
    const scenario = join(tmp, 'short-timeout.yaml');
    await writeFile(scenario, `${await readFile(vias, 'utf8')}config: { receiveTimeoutMs: 300 }\n`);
    const served = await serve([scenario]);
    const sendThenReset = (bytes: number[], resetAfterMs: number): Promise<void> =>
      new Promise<void>((done) => {
        const socket = connect({ host: '127.0.0.1', port: served.port });
        socket.on('connect', () =>
          socket.write(Buffer.from(bytes), () => {
            setTimeout(() => {
              socket.resetAndDestroy();
              done();
            }, resetAfterMs);
          }),
        );
        socket.on('error', () => undefined);
        socket.on('close', () => done());
      });
    const versionAndMode = [0x00, 0x01, 0x00, 0x01, 0x02];
    try {
      await Promise.all([
        // The mode reader's: a bad version record, an unsupported mode, a reset in between.
        sendThenReset([0x47, 0x45, 0x54], 200),
        sendThenReset([0x00, 0x01, 0x00, 0x01, 0x07], 200),
        sendThenReset([0x00, 0x01], 100),
        // The dup-handle reader's: a bad via record, a via too long, a reset mid-via, a stall.
        sendThenReset([...versionAndMode, 0x09], 200),
        sendThenReset([...versionAndMode, 0x02, 0xb8, 0x17], 200),
        sendThenReset([...versionAndMode, 0x02, 0x10, 0x6e], 100),
        sendThenReset([...versionAndMode, 0x02], 1000),
      ]);
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
    const stdout = served.stdout();
    expect(stdout).toMatch(/^connections: 7, /m);
    expect(stdout).toMatch(
      /^ {2}preamble-aborted +1 \(by the listener: receiveTimeout expired\)$/m,
    );
    expect(stdout).toMatch(/^ {2}Protocol Failures +4$/m);
  }, 30_000);

  // A via that is no absolute URI was aborted only once the encoding record was in: a client
  // that sent it and nothing more was reset at receiveTimeout, and counted as a timeout (user
  // report). SMSvcHost's ViaStringDecoder makes a System.Uri of the via as it completes it, and
  // its reader aborts there; an empty via completes on the next byte (domain §3.4).
  it('resets a via that is no absolute URI as soon as it is read, long before receiveTimeout', async () => {
    const scenario = join(tmp, 'long-timeout.yaml');
    await writeFile(
      scenario,
      `${await readFile(vias, 'utf8')}config: { receiveTimeoutMs: 600000 }\n`,
    );
    const served = await serve([scenario]);
    const versionAndMode = [0x00, 0x01, 0x00, 0x01, 0x02];
    let ended: string[];
    try {
      ended = await Promise.all([
        exchange(served.port, Buffer.from([...versionAndMode, 0x02, 0x03, 0x61, 0x62, 0x63])),
        exchange(served.port, Buffer.from([...versionAndMode, 0x02, 0x00, 0x03])),
      ]).then((results) => results.map((result) => result.ended));
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
    expect(ended).toEqual(['ECONNRESET', 'ECONNRESET']);
    const stdout = served.stdout();
    expect(stdout).toMatch(
      /^ {2}preamble-aborted +2 \(by the listener: bad preamble: the via is not an absolute URI\)$/m,
    );
    expect(stdout).toMatch(/^ {2}Protocol Failures +2$/m);
  }, 20_000);

  it('answers a net.pipe or http via sent over TCP with EndpointNotFound, after 4001', async () => {
    // It was connection-refused and reset: a net.pipe via went to the model's pipe listener
    // (and the one of the net.pipe application was even served), an http via to none.
    const trace = join(tmp, 'vias.ndjson');
    const served = await serve([vias, '--trace', trace]);
    const pipeVia = 'net.pipe://localhost/piped/service.svc';
    const httpVia = `http://localhost:${served.port}/target/service.svc`;
    const notFound = { bytes: faultRecord([0x08, 0x47], 'EndpointNotFound'), ended: 'fin' };
    try {
      // (Closed on an ack, so that the served one ends.)
      const closeOnAck = (bytes: Buffer, socket: Socket): void => {
        if (bytes[0] === 0x0b) socket.end();
      };
      expect(await exchange(served.port, preamble(pipeVia), closeOnAck)).toEqual(notFound);
      expect(await exchange(served.port, preamble(httpVia))).toEqual(notFound);
      await waitForTrace(trace, (line) => line.includes('"id":3346') && line.includes('http:'));
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
    const received = (await readFile(trace, 'utf8'))
      .split('\n')
      .filter((line) => line.includes('"id":4001'))
      .map((line) => (JSON.parse(line) as { payload: { via: string } }).payload.via);
    expect(received).toEqual([pipeVia, httpVia]);
    const stdout = served.stdout();
    expect(stdout).toMatch(/^ {2}no-route +2$/m);
    expect(stdout).not.toContain('connection-refused');
    expect(stdout).toMatch(/^ {2}Dispatch Failures +2$/m);
  }, 30_000);
});
