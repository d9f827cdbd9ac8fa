// The same connection order meets the same fates (issue 14): the live listener's fault
// decisions are the model's, keyed by each session's ordinal, so ten connections made one at a
// time to `dispatchsim serve live-coin` (F1 with probability 1/2) fail exactly where the
// simulation of the same scenario and seed fails its ten sessions.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/load-scenario.js';
import { createSimulation } from '../../src/sim/simulation.js';
import {
  exchange,
  faultRecord,
  portIsClosed,
  preamble,
  root,
  serveForThisBlock,
} from '../helpers/live-serve.js';

const file = join(root, 'test', 'live', 'scenarios', 'live-coin.yaml');

describe('dispatchsim serve, connection after connection', () => {
  const listener = serveForThisBlock([file, '--port', '0']);

  it('gives each connection the fate the simulation gives the session of the same ordinal', async () => {
    const sim = createSimulation(await loadScenario(file));
    await sim.run();
    const simulated = sim.outcomes().map((outcome) => outcome.kind);
    expect(simulated).toContain('dispatched');
    expect(simulated).toContain('dispatch-failed');

    const live: string[] = [];
    const fault = faultRecord([0x08, 0x4f], 'ConnectionDispatchFailed');
    for (let i = 0; i < simulated.length; i++) {
      const result = await exchange(
        listener().port,
        preamble(`net.tcp://127.0.0.1:${listener().port}/orders/service.svc`),
        (got, socket) => {
          // Acked by the worker: the session was dispatched; close it as a client would.
          if (got[0] === 0x0b) socket.end(Buffer.from([0x07]));
        },
      );
      if (result.bytes.equals(fault) && result.ended === 'fin') live.push('dispatch-failed');
      else if (result.bytes[0] === 0x0b) live.push('dispatched');
      else live.push(`unexpected: ${result.bytes.toString('hex')} ${result.ended}`);
    }
    expect(live).toEqual(simulated);

    listener().child.kill('SIGTERM');
    expect(await listener().exited).toBe(0);
    expect(await portIsClosed(listener().port)).toBe(true);
  }, 60_000);
});
