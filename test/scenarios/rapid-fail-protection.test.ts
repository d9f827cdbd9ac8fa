// Scenario rapid-fail-protection (domain §7 rapid-fail protection, §6.1 pool disabled).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: rapid-fail-protection', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('rapid-fail-protection');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('disables the pool after the fifth failed start and drops the queued sessions with EndpointUnavailable', async () => {
    const run = await runBundled('rapid-fail-protection');

    const first = outcomeOf(run, 1);
    expect(sessionPath(run.events, 1)).toEqual([4001, 4035]);
    expect([first.kind, first.atMs, clientSeen(first)]).toEqual([
      'dropped-unavailable',
      500,
      'fault EndpointUnavailable EndpointNotFoundException',
    ]);
    expect(run.result.faultsFired).toEqual({ 'worker-start-failure': 5 });
  });

  it('refuses every later session at enqueue, naming rapid-fail protection', async () => {
    const run = await runBundled('rapid-fail-protection');

    const later = run.outcomes.filter((o) => o.arrivedAtMs > 500);
    expect(sessionPath(run.events, 14)).toEqual([4001]);
    expect(new Set(later.map((o) => `${o.kind}: ${o.reason}`))).toEqual(
      new Set([
        'unavailable: the application pool OrdersPool was disabled by rapid-fail protection',
      ]),
    );
  });
});
