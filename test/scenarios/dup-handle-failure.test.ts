// Scenario dup-handle-failure (domain §3.3 F1): the socket cannot be duplicated into the worker.
import { describe, expect, it } from 'vitest';
import { formatTrace } from '../../src/events/trace.js';
import { sessionPath, sessionTimeline } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: dup-handle-failure', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('dup-handle-failure');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('emits 4016 then 4031 for session 3 and answers its client with ConnectionDispatchFailed', async () => {
    const run = await runBundled('dup-handle-failure');

    expect(sessionPath(run.events, 3)).toEqual([4001, 4035, 4008, 4016, 4031]);
    expect(clientSeen(outcomeOf(run, 3))).toBe(
      'fault ConnectionDispatchFailed CommunicationException',
    );
    expect(outcomeOf(run, 3).client.message).toBe(
      "The message could not be dispatched to the service at address 'net.tcp://localhost/orders/service.svc'. Refer to the server Event Log for more details",
    );
  });

  it('writes Event Log 8 with the worker pid and a ServiceActivationException', async () => {
    const run = await runBundled('dup-handle-failure');

    expect(run.eventLog.map((e) => [e.id, e.annotations.sessionId, e.annotations.pid])).toEqual([
      [8, 3, 4004],
    ]);
    expect(run.eventLog[0]?.message).toContain(
      'Exception: System.ServiceModel.ServiceActivationException',
    );
  });

  it('unregisters the worker, so session 4 waits for the new one', async () => {
    const run = await runBundled('dup-handle-failure');

    expect(sessionTimeline(run.events, 4)).toEqual([
      [4001, 650],
      [4035, 650],
      [4008, 900],
      [4019, 900],
      [4030, 905],
    ]);
  });

  it('matches its golden trace', async () => {
    const run = await runBundled('dup-handle-failure');

    await expect(formatTrace(run.trace)).toMatchFileSnapshot(
      './__golden__/dup-handle-failure.ndjson',
    );
  });
});
