// `dispatchsim serve` on a real loopback port, spoken to in raw .NET Message Framing bytes
// (issue 14): for each fate of test/live/scenarios/live-fates.yaml the exact bytes that come
// back (a fault record then a FIN, the preamble ack and an echo, End for End) or the RST
// (ECONNRESET). It runs the built CLI (dist/, which `npm test` builds first) as a child
// process, stops it with SIGTERM, and checks that the port is closed afterwards. Live mode
// runs on real time: generous timeouts, nothing asserted about durations.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryXmlToText } from '../../src/live/binary-xml-reader.js';
import { encodeMbint, readMbint } from '../../src/live/net-framing.js';
import {
  cli,
  exchange,
  faultRecord,
  portIsClosed,
  type Exchange,
  preamble,
  runServe,
  serve,
  serveForThisBlock,
  waitForTrace,
  type Served,
} from '../helpers/live-serve.js';

const scenario = join('test', 'live', 'scenarios', 'live-fates.yaml');

// The first message a real WCF NetTcpBinding client sent (binary-xml.test.ts has both).
const REAL_REQUEST = Buffer.from(
  readFileSync(join('test', 'live', 'fixtures', 'nettcpbinding-echo-session.hex'), 'utf8').split(
    '\n',
  )[0] ?? '',
  'hex',
);

/**
 * A binary session: the preamble, one sized envelope, then End once the reply is in, and the
 * connection closed after the server's End. `reply` is the reply's payload, if one came.
 */
async function binarySession(
  port: number,
  viaText: string,
  request: Buffer,
): Promise<Exchange & { readonly reply: Buffer | undefined }> {
  let step = 0;
  let reply: Buffer | undefined;
  const result = await exchange(port, preamble(viaText, 0x08), (got, socket) => {
    if (step === 0 && got.length >= 1) {
      step = 1;
      socket.write(Buffer.concat([Buffer.from([0x06]), encodeMbint(request.length), request]));
    } else if (step === 1 && got.length >= 3) {
      const size = readMbint(got, 2);
      if (size.kind === 'value' && got.length >= 2 + size.bytes + size.value) {
        step = 2;
        reply = got.subarray(2 + size.bytes, 2 + size.bytes + size.value);
        socket.write(Buffer.from([0x07]));
      }
    } else if (step === 2 && got.length > 2 + (reply?.length ?? 0) + 1) {
      step = 3;
      socket.end();
    }
  });
  return { ...result, reply };
}

describe('dispatchsim serve, spoken to in raw framing bytes', () => {
  let served: Served;
  let tmp = '';
  let trace = '';
  const via = (path: string): string => `net.tcp://127.0.0.1:${served.port}/${path}`;

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: npm run build first`);
    tmp = await mkdtemp(join(tmpdir(), 'dispatchsim-serve-'));
    trace = join(tmp, 'trace.ndjson');
    served = await serve([scenario, '--port', '0', '--trace', trace]);
  }, 30_000);

  afterAll(async () => {
    if (served !== undefined && served.child.exitCode === null) served.child.kill('SIGKILL');
    await rm(tmp, { recursive: true, force: true });
  });

  it('prints the address first, with the scenario and the seed', () => {
    expect(served.stdout().split('\n')[0]).toBe(
      `dispatchsim serve: listening on net.tcp://127.0.0.1:${served.port}/ (scenario live-fates, seed 1)`,
    );
  });

  it('answers a via no application registered with EndpointNotFound (08 47 + URI), then a FIN', async () => {
    const result = await exchange(served.port, preamble(via('nowhere/service.svc')));
    expect(result).toEqual({ bytes: faultRecord([0x08, 0x47], 'EndpointNotFound'), ended: 'fin' });
  }, 30_000);

  it('answers an application of a stopped pool with EndpointUnavailable (08 4A + URI), then a FIN', async () => {
    const result = await exchange(served.port, preamble(via('closed/service.svc')));
    expect(result).toEqual({
      bytes: faultRecord([0x08, 0x4a], 'EndpointUnavailable'),
      ended: 'fin',
    });
  }, 30_000);

  it('answers F1 with ConnectionDispatchFailed (08 4F + URI), then a FIN', async () => {
    const result = await exchange(served.port, preamble(via('f1/service.svc')));
    expect(result).toEqual({
      bytes: faultRecord([0x08, 0x4f], 'ConnectionDispatchFailed'),
      ended: 'fin',
    });
  }, 30_000);

  it('answers a service the worker cannot activate with ServiceActivationFailed (08 4E + URI), then a FIN', async () => {
    const result = await exchange(served.port, preamble(via('inactive/service.svc')));
    expect(result).toEqual({
      bytes: faultRecord([0x08, 0x4e], 'ServiceActivationFailed'),
      ended: 'fin',
    });
  }, 30_000);

  it('resets the connection after F2: the worker took it, then the callback failed', async () => {
    const result = await exchange(served.port, preamble(via('f2/service.svc')));
    expect(result).toEqual({ bytes: Buffer.alloc(0), ended: 'ECONNRESET' });
  }, 30_000);

  it('resets a bad preamble (version 2.0) without a byte', async () => {
    const bad = preamble(via('orders/service.svc'));
    bad[1] = 0x02;
    const result = await exchange(served.port, bad);
    expect(result).toEqual({ bytes: Buffer.alloc(0), ended: 'ECONNRESET' });
  }, 30_000);

  it('resets a session that finds the pending queue full, without a byte', async () => {
    // The first session to /busy/ waits in the queue (its pool starts in an hour) and holds
    // the one place of maxPendingConnections 1; it is never answered.
    const waiting = connect({ host: '127.0.0.1', port: served.port });
    waiting.on('error', () => undefined);
    waiting.write(preamble(via('busy/first.svc')));
    await waitForTrace(
      trace,
      (line) => line.includes('"id":4035') && line.includes('"app":"busy"'),
    );
    const result = await exchange(served.port, preamble(via('busy/second.svc')));
    waiting.destroy();
    expect(result).toEqual({ bytes: Buffer.alloc(0), ended: 'ECONNRESET' });
  }, 30_000);

  it('hands a dispatched session to a worker: 0B, the echo reply for a request, 07 for 07', async () => {
    const request = Buffer.from(
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
        '<s:Header><a:Action s:mustUnderstand="1">urn:dispatchsim:echo/IEcho/Echo</a:Action>' +
        '<a:MessageID>urn:uuid:6c1f0a2e-0000-4000-8000-000000000001</a:MessageID></s:Header>' +
        '<s:Body><Echo xmlns="urn:dispatchsim:echo"><text>hello &amp; more</text></Echo></s:Body></s:Envelope>',
      'utf8',
    );
    const reply = Buffer.from(
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
        '<s:Header><a:Action s:mustUnderstand="1">urn:dispatchsim:echo/IEcho/EchoResponse</a:Action>' +
        '<a:RelatesTo>urn:uuid:6c1f0a2e-0000-4000-8000-000000000001</a:RelatesTo></s:Header>' +
        '<s:Body><EchoResponse xmlns="urn:dispatchsim:echo"><EchoResult>hello &amp; more</EchoResult></EchoResponse></s:Body></s:Envelope>',
      'utf8',
    );
    const framedReply = Buffer.concat([Buffer.from([0x06]), encodeMbint(reply.length), reply]);
    let step = 0;
    const result = await exchange(
      served.port,
      preamble(via('orders/service.svc')),
      (got, socket) => {
        if (step === 0 && got.length >= 1) {
          step = 1;
          socket.write(Buffer.concat([Buffer.from([0x06]), encodeMbint(request.length), request]));
        } else if (step === 1 && got.length >= 1 + framedReply.length) {
          step = 2;
          socket.write(Buffer.from([0x07]));
        } else if (step === 2 && got.length >= 2 + framedReply.length) {
          step = 3;
          socket.end();
        }
      },
    );
    expect(result.bytes).toEqual(
      Buffer.concat([Buffer.from([0x0b]), framedReply, Buffer.from([0x07])]),
    );
    expect(result.ended).toBe('fin');
  }, 30_000);

  it("serves NetTcpBinding's binary session encoding: 0B, the echo reply in binary XML, 07 for 07", async () => {
    const result = await binarySession(served.port, via('orders/service.svc'), REAL_REQUEST);
    expect(result.bytes.subarray(0, 2)).toEqual(Buffer.from([0x0b, 0x06]));
    expect(result.reply?.[0]).toBe(0x00); // no session strings
    expect(binaryXmlToText(result.reply?.subarray(1) ?? Buffer.alloc(0), () => undefined)).toEqual({
      xml:
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
        '<s:Header><a:Action s:mustUnderstand="1">urn:dispatchsim:echo/IEcho/EchoResponse</a:Action>' +
        '<a:RelatesTo>urn:uuid:862230f2-05d9-4874-ab1e-a7a82f897b7e</a:RelatesTo></s:Header>' +
        '<s:Body><EchoResponse xmlns="urn:dispatchsim:echo"><EchoResult>first</EchoResult></EchoResponse></s:Body></s:Envelope>',
    });
    expect(result.bytes.at(-1)).toBe(0x07);
    expect(result.ended).toBe('fin');
  }, 30_000);

  it('answers an encoding the worker does not speak (sessionless binary), once dispatched, with ContentTypeInvalid', async () => {
    const result = await exchange(served.port, preamble(via('orders/service.svc'), 0x07));
    expect(result).toEqual({
      bytes: faultRecord([0x08, 0x49], 'ContentTypeInvalid'),
      ended: 'fin',
    });
  }, 30_000);

  it('closes the listener and its workers on SIGTERM: exit 0, the summary, the port closed, the trace written', async () => {
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    const stdout = served.stdout();
    expect(stdout).toContain('dispatchsim serve: SIGTERM, closing');
    expect(stdout).toMatch(/^ {2}no-route +1$/m);
    expect(stdout).toMatch(/^ {2}unavailable +1$/m);
    expect(stdout).toMatch(/^ {2}queue-full +1$/m);
    expect(stdout).toMatch(/^ {2}4031 +DispatchSessionFailed +2$/m);
    expect(await portIsClosed(served.port)).toBe(true);
    const lines = (await readFile(trace, 'utf8')).trimEnd().split('\n');
    const ids = lines.map((line) => (JSON.parse(line) as { id: number }).id);
    expect(ids).toContain(4010);
    // orders, binary, sessionless binary and inactive: each dispatched, whatever followed.
    expect(ids.filter((id) => id === 4030)).toHaveLength(4);
  }, 30_000);
});

describe('dispatchsim serve, bytes a client sends while its socket is handed over', () => {
  const listener = serveForThisBlock([scenario, '--port', '0']);

  // A client with stream security writes its preamble, then its upgrade request
  // tens of milliseconds later, without waiting for an answer. Bytes that arrive while the
  // listener hands the socket to the worker must reach the worker (found with a real client:
  // it waited for an answer to an upgrade request the worker never saw).
  it.each([0, 1, 3, 10, 30])(
    'gives the worker an upgrade request sent %i ms after the preamble: UpgradeInvalid',
    async (delayMs) => {
      const via = `net.tcp://127.0.0.1:${listener().port}/orders/service.svc`;
      const head = preamble(via).subarray(0, -1); // no PreambleEnd: an upgrade follows
      const upgrade = Buffer.concat([
        Buffer.from([0x09]),
        encodeMbint('application/negotiate'.length),
        Buffer.from('application/negotiate', 'ascii'),
      ]);
      const result = await exchange(listener().port, head, undefined, '127.0.0.1', (socket) => {
        setTimeout(() => socket.write(upgrade), delayMs);
      });
      expect(result).toEqual({ bytes: faultRecord([0x08, 0x45], 'UpgradeInvalid'), ended: 'fin' });
    },
    30_000,
  );
});

describe('dispatchsim serve, a binary message the worker cannot read', () => {
  const listener = serveForThisBlock([scenario, '--port', '0']);

  it('resets that connection, and the same worker process serves the next session', async () => {
    const via = `net.tcp://127.0.0.1:${listener().port}/orders/service.svc`;
    // No session strings, then an Array of 2^31 values of no bytes: it once ran the reader
    // out of memory, which would have taken the worker and its sessions with it.
    const unreadable = Buffer.from([
      0x00, 0x03, 0x40, 1, 0x6e, 0x01, 0x81, 0xff, 0xff, 0xff, 0xff, 0x07,
    ]);

    const refused = await binarySession(listener().port, via, unreadable);
    const next = await binarySession(listener().port, via, REAL_REQUEST);

    expect(refused).toEqual({ bytes: Buffer.from([0x0b]), ended: 'ECONNRESET', reply: undefined });
    expect(next.reply).toBeDefined();
    expect(next.ended).toBe('fin');
    listener().child.kill('SIGTERM');
    expect(await listener().exited).toBe(0);
    expect(listener().stdout()).toMatch(/^connections: 2, worker processes: 1$/m);
  }, 30_000);
});

describe('dispatchsim serve, bad input', () => {
  it.each([
    [
      ['--host', '0.0.0.0'],
      "dispatchsim: --host: expected a loopback address (127.0.0.1, ::1 or localhost): live mode never listens beyond this machine, got '0.0.0.0'\n",
    ],
    [
      ['--host', '192.168.1.10'],
      "dispatchsim: --host: expected a loopback address (127.0.0.1, ::1 or localhost): live mode never listens beyond this machine, got '192.168.1.10'\n",
    ],
    [
      ['--port', '70000'],
      "dispatchsim: --port: expected a port from 0 (any free one) to 65535, got '70000'\n",
    ],
    [
      ['--trace', 'no/such/folder/trace.ndjson'],
      'dispatchsim: --trace: cannot write no/such/folder/trace.ndjson: ',
    ],
  ])(
    'refuses %j with exit 2 and one line, listening nowhere',
    async (flags, message) => {
      const ran = await runServe([scenario, ...flags]);
      expect(ran.code).toBe(2);
      expect(ran.stdout).toBe('');
      expect(ran.stderr.startsWith(message)).toBe(true);
      expect(ran.stderr.trimEnd().split('\n')).toHaveLength(1);
    },
    30_000,
  );

  it('says the port is in use, with exit 2', async () => {
    const holder = createServer();
    await new Promise<void>((done) => holder.listen(0, '127.0.0.1', done));
    const address = holder.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const ran = await runServe([scenario, '--port', String(port)]);
      expect(ran).toEqual({
        code: 2,
        stdout: '',
        stderr: `dispatchsim: cannot listen on 127.0.0.1:${port}: the port is in use\n`,
      });
    } finally {
      await new Promise((done) => holder.close(done));
    }
  }, 30_000);
});
