// `serve --timed-faults-from first-connection` (user report): timed fault rules count from the
// listener's start, and most bundled ones act within 2 s of it, so a client started by hand
// seconds later met none of them (port-sharing-paused's pause came and went before it). With
// the flag they count from the first connection accepted. Real time: the client connects
// 1.5 s after the listening line, past the window's end counted from the start, and well
// inside it counted from that connection; nothing is asserted about durations.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, exchange, faultRecord, preamble, runServe, serve } from '../helpers/live-serve.js';

const WINDOW = [
  'name: window',
  'appPools:',
  '  - { name: P, startMode: AlwaysRunning, startupMs: 0, idleTimeoutMs: 0 }',
  'apps:',
  '  - { name: orders, baseAddress: net.tcp://localhost/orders/, appPool: P }',
  'faults:',
  '  - { kind: no-route, toMs: 1000 }',
  '',
].join('\n');

// A pool stopped 1 s in: a client 1.5 s after the listening line finds it stopped, unless the
// second counts from that client's own connection.
const STOP = WINDOW.replace('name: window', 'name: stop').replace(
  '  - { kind: no-route, toMs: 1000 }',
  '  - { kind: app-pool-stop, pool: P, atMs: 1000 }',
);

let folder = '';
let scenario = '';
let stop = '';

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: npm run build first`);
  folder = await mkdtemp(join(tmpdir(), 'dispatchsim-timed-from-'));
  scenario = join(folder, 'window.yaml');
  await writeFile(scenario, WINDOW);
  stop = join(folder, 'stop.yaml');
  await writeFile(stop, STOP);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

// The first bytes a client 1.5 s after the listening line gets for /orders/service.svc.
async function lateClient(
  args: readonly string[],
  file = scenario,
): Promise<{ bytes: Buffer; stderr: string }> {
  const served = await serve([file, ...args]);
  try {
    await new Promise((done) => setTimeout(done, 1500));
    const via = `net.tcp://127.0.0.1:${served.port}/orders/service.svc`;
    const result = await exchange(served.port, preamble(via), (_, socket) => socket.end());
    return { bytes: result.bytes, stderr: served.stderr() };
  } finally {
    served.child.kill('SIGTERM');
    await served.exited;
  }
}

describe('serve --timed-faults-from', () => {
  it('counts a rule window from the listener start by default: a late client misses it', async () => {
    const late = await lateClient([]);

    expect(late.bytes[0]).toBe(0x0b);
    expect(late.stderr).toBe(
      'dispatchsim: note: faults[0] no-route applies from 0 to 1000 ms after listening\n',
    );
  }, 30_000);

  it('counts it from the first connection with first-connection: the late client meets it', async () => {
    const late = await lateClient(['--timed-faults-from', 'first-connection']);

    expect(late.bytes).toEqual(faultRecord([0x08, 0x47], 'EndpointNotFound'));
    expect(late.stderr).toBe(
      'dispatchsim: note: faults[0] no-route applies from 0 to 1000 ms after the first connection\n',
    );
  }, 30_000);

  it('schedules a rule at an instant from the first connection too', async () => {
    const atStart = await lateClient([], stop);
    const atFirst = await lateClient(['--timed-faults-from', 'first-connection'], stop);

    expect(atStart.bytes).toEqual(faultRecord([0x08, 0x4a], 'EndpointUnavailable'));
    expect(atFirst.bytes[0]).toBe(0x0b);
    expect(atFirst.stderr).toBe(
      'dispatchsim: note: faults[0] app-pool-stop fires at 1000 ms after the first connection\n',
    );
  }, 30_000);

  it('refuses another value with exit 2, naming the flag and the choices', async () => {
    const ran = await runServe([scenario, '--timed-faults-from', 'first-conection']);

    expect(ran).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "dispatchsim: --timed-faults-from: expected listening or first-connection, got 'first-conection'; did you mean first-connection?\n",
    });
  }, 30_000);
});
