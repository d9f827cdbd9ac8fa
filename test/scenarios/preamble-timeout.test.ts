// Scenario preamble-timeout (domain §3.4 preamble read timeout, §4.1 receiveTimeout).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: preamble-timeout', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('preamble-timeout');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('aborts a stalled client at receiveTimeout without a fault or a 4001', async () => {
    const run = await runBundled('preamble-timeout');

    const stalled = outcomeOf(run, 2);
    expect(sessionPath(run.events, 2)).toEqual([]);
    expect([stalled.kind, stalled.atMs - stalled.arrivedAtMs, clientSeen(stalled)]).toEqual([
      'preamble-aborted',
      10_000,
      'abort - CommunicationException',
    ]);
    expect(run.events.some((e) => e.name === 'ConnectionReaderSendFault')).toBe(false);
  });

  it('holds the acceptor slot of a stalled client for the whole receiveTimeout', async () => {
    const run = await runBundled('preamble-timeout');

    const ratios = run.events
      .filter((e) => e.name === 'PendingConnectionsRatio' && e.atMs >= 100 && e.atMs < 10_100)
      .map((e) => (e.name === 'PendingConnectionsRatio' ? e.payload.cur : -1));
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(1);
  });
});
