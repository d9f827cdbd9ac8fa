// `dispatchsim serve` against what the real SMSvcHost does (user report): the 4020 of the
// trace names the IP endpoint the listener's socket listens on. Runs the built CLI
// (dist/) like serve.test.ts; real time, so generous timeouts and nothing about durations.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, serve, waitForTrace } from '../helpers/live-serve.js';

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
});
