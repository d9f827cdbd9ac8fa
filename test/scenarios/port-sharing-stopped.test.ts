// Scenario port-sharing-stopped (domain §3.4 MessageQueue.CloseAll, §6.4, §6.3 activator stop).
import { describe, expect, it } from 'vitest';
import { project, sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: port-sharing-stopped', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('port-sharing-stopped');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('stops the activator first (4023, 4013, 4022), then closes the self-hosted queue (4013)', async () => {
    const run = await runBundled('port-sharing-stopped');

    const stop = run.events
      .map(project)
      .filter(([id]) => [4013, 4022, 4023].includes(id))
      .map(([id, , , atMs]) => [id, atMs]);
    expect(stop).toEqual([
      [4023, 620],
      [4013, 620],
      [4022, 620],
      [4013, 620],
    ]);
    expect(run.events.find((e) => e.id === 4022)?.payload).toEqual({
      hresult: '0',
      AppDomain: 'SMSvcHost.exe',
    });
    expect(sessionPath(run.events, 7)).toEqual([4001, 4035]);
    // The WAS application's session waiting at the stop: its app is deleted (domain §6.3).
    expect(`${outcomeOf(run, 7).kind} ${clientSeen(outcomeOf(run, 7))}`).toBe(
      'dropped-unavailable fault EndpointUnavailable EndpointNotFoundException',
    );
  });

  it('fails the dispatches in flight with 4031 (F2)', async () => {
    const run = await runBundled('port-sharing-stopped');

    const failed = run.events.filter((e) => e.name === 'DispatchSessionFailed');
    expect(failed.map((e) => [e.annotations.app, e.annotations.path, e.atMs])).toEqual([
      ['orders', 'F2', 620],
      ['inventory', 'F2', 620],
    ]);
    // Neither worker process exited, which the reason said (user report): the WAS
    // application's listener channel closed, and the self-hosted one lost its control channel.
    expect(failed.map((e) => e.annotations.reason)).toEqual([
      "the application's listener channel closed during the callback (CommunicationObjectAbortedException)",
      'the worker lost its control channel during the callback (CommunicationObjectAbortedException)',
    ]);
  });

  it('refuses connections while stopped, then serves WAS but not yet the self-hosted service', async () => {
    const run = await runBundled('port-sharing-stopped');

    const during = run.outcomes.filter((o) => o.arrivedAtMs > 620 && o.arrivedAtMs < 1620);
    const after = run.outcomes.filter((o) => o.arrivedAtMs >= 1620);
    expect(new Set(during.map((o) => o.kind))).toEqual(new Set(['connection-refused']));
    expect(new Set(after.map((o) => `${o.via.split('/')[3]} ${o.kind}`))).toEqual(
      new Set(['inventory no-route', 'orders dispatched']),
    );
  });
});
