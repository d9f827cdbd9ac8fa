// Scenario was-connection-timeout (domain §6.3 no reconnect in 120 s, §2.1 4032, §2.4 Event Log 6).
import { describe, expect, it } from 'vitest';
import { project } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: was-connection-timeout', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('was-connection-timeout');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('gives up 120 s after the disconnect: 4032 (Critical) and Event Log 6', async () => {
    const run = await runBundled('was-connection-timeout');

    const adapter = run.events
      .map(project)
      .filter(([id]) => id === 4027 || id === 4032)
      .map(([id, name, , atMs]) => [id, name, atMs]);
    expect(adapter).toEqual([
      [4027, 'WasDisconnected', 500],
      [4032, 'WasConnectionTimedout', 120_500],
    ]);
    expect(run.events.find((e) => e.id === 4032)?.level).toBe('Critical');
    expect(run.eventLog.map((e) => [e.id, e.atMs])).toEqual([
      [5, 500],
      [6, 120_500],
    ]);
  });

  it('refuses connections from the disconnect on: the last registration on the port is gone', async () => {
    const run = await runBundled('was-connection-timeout');

    expect(
      [3, 4, 5].map((s) => `${outcomeOf(run, s).kind}: ${clientSeen(outcomeOf(run, s))}`),
    ).toEqual([
      'connection-refused: refused - EndpointNotFoundException',
      'connection-refused: refused - EndpointNotFoundException',
      'connection-refused: refused - EndpointNotFoundException',
    ]);
  });

  it('writes Event Log 6 before 4032, as ListenerAdapter.WasConnected does', async () => {
    const run = await runBundled('was-connection-timeout');

    const last = run.trace
      .filter((r) => r.atMs === 120_500)
      .map((r) => `${'log' in r ? 'EventLog ' : ''}${r.id}`);
    expect(last).toEqual(['EventLog 6', '4032']);
  });
});
