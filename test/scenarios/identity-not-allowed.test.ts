// Scenario identity-not-allowed (domain §7 and §4.1 allowAccounts).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: identity-not-allowed', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('identity-not-allowed');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('leaves no trace of the workers in SMSvcHost: no registration event at all', async () => {
    const run = await runBundled('identity-not-allowed');

    const registration = run.events.filter((e) => e.id >= 4011 && e.id <= 4015);
    expect(registration).toEqual([]);
    expect(run.eventLog).toEqual([]);
  });

  it('queues the first sessions until rapid-fail protection disables the pool', async () => {
    const run = await runBundled('identity-not-allowed');

    const kinds = new Set(run.outcomes.map((o) => `${o.kind} ${o.reason}`));
    expect(sessionPath(run.events, 1)).toEqual([4001, 4035]);
    expect(kinds).toEqual(
      new Set([
        'dropped-unavailable rapid-fail protection disabled the application pool',
        'unavailable the application pool OrdersPool was disabled by rapid-fail protection',
      ]),
    );
  });
});
