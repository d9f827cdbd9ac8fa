// Scenario self-hosted-conflict (domain §6.4 ConflictingRegistration).
import { describe, expect, it } from 'vitest';
import { runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: self-hosted-conflict', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('self-hosted-conflict');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('refuses the second process with ConflictingRegistration', async () => {
    const run = await runBundled('self-hosted-conflict');

    const failed = run.events.filter((e) => e.id === 4014 || e.id === 3366);
    expect(failed.map((e) => [e.id, e.annotations.workerId, e.payload])).toEqual([
      [
        4014,
        2,
        {
          Uri: 'net.tcp://localhost/inventory/',
          Status: 'ConflictingRegistration',
          AppDomain: 'SMSvcHost.exe',
        },
      ],
      [3366, 2, { Status: 'ConflictingRegistration', AppDomain: 'inventory.exe' }],
    ]);
  });

  it('dispatches every session to the first process', async () => {
    const run = await runBundled('self-hosted-conflict');

    const workers = run.events.flatMap((e) =>
      e.name === 'PortSharingDuplicatedSocket' ? [e.annotations.workerId] : [],
    );
    expect(new Set(workers)).toEqual(new Set([1]));
  });
});
