// Scenario open-listener-channel-failure (domain §6.3 WAS Open fails, §2.1 4025).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: open-listener-channel-failure', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('open-listener-channel-failure');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  // ListenerAdapter writes the int HRESULT with ToString(), in decimal: 0x80070005 is
  // "Error Code:-2147024891" in a real trace (domain review).
  it('emits 4025 with the HRESULT in decimal and drops the session that asked for the open', async () => {
    const run = await runBundled('open-listener-channel-failure');

    const failed = run.events.find((e) => e.name === 'OpenListenerChannelInstanceFailed');
    expect([failed?.atMs, failed?.payload, failed?.message]).toEqual([
      0,
      { hresult: '-2147024891', AppDomain: 'SMSvcHost.exe' },
      'Error Code:-2147024891',
    ]);
    expect(sessionPath(run.events, 1)).toEqual([4001, 4035]);
    expect(`${outcomeOf(run, 1).kind} ${clientSeen(outcomeOf(run, 1))}`).toBe(
      'dropped-unavailable fault EndpointUnavailable EndpointNotFoundException',
    );
  });

  it('refuses sessions during the throttle and launches a worker after it', async () => {
    const run = await runBundled('open-listener-channel-failure');

    const refused = run.outcomes.filter((o) => o.kind === 'unavailable');
    const launched = run.events.find((e) => e.name === 'MessageQueueRegisterCompleted');
    expect(refused.every((o) => o.arrivedAtMs < 20_000)).toBe(true);
    expect(launched?.atMs).toBeGreaterThanOrEqual(15_000);
    expect(launched?.atMs).toBeLessThan(21_300);
  });
});
