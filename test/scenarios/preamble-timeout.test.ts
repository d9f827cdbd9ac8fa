// Scenario preamble-timeout (domain §3.4 preamble read timeout, §4.1 receiveTimeout).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: preamble-timeout', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('preamble-timeout');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('aborts a stalled client at receiveTimeout without a fault or a 4001', async () => {
    const run = await runBundled('preamble-timeout');

    const stalled = run.outcomes.find((o) => o.kind === 'preamble-aborted');
    if (stalled === undefined) throw new Error('no stalled client in this run');
    expect(sessionPath(run.events, stalled.sessionId)).toEqual([]);
    expect([stalled.kind, stalled.atMs - stalled.arrivedAtMs, clientSeen(stalled)]).toEqual([
      'preamble-aborted',
      10_000,
      'abort - CommunicationException',
    ]);
    expect(run.events.some((e) => e.name === 'ConnectionReaderSendFault')).toBe(false);
  });

  it('holds the acceptor slot of a stalled client for the whole receiveTimeout', async () => {
    const run = await runBundled('preamble-timeout');
    const stalled = run.outcomes.find((o) => o.kind === 'preamble-aborted');
    if (stalled === undefined) throw new Error('no stalled client in this run');
    const from = stalled.arrivedAtMs;

    const ratios = run.events
      .filter(
        (e) => e.name === 'PendingConnectionsRatio' && e.atMs >= from && e.atMs < from + 10_000,
      )
      .map((e) => (e.name === 'PendingConnectionsRatio' ? e.payload.cur : -1));
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(1);
  });
});
