// The AppDomain of the events a worker process writes (domain §2.2): 3358
// PortSharingDuplicatedSocket comes from the same AppDomain as the worker's registration
// events 3364-3366, the hosted application's (a WAS worker's IIS AppDomain, a self-hosted
// service's exe), never a placeholder.
import { describe, expect, it } from 'vitest';
import { runBundled } from '../helpers/run-bundled.js';

const appDomains = (events: readonly { id: number; payload: object }[], id: number) => [
  ...new Set(
    events.filter((e) => e.id === id).map((e) => (e.payload as { AppDomain: string }).AppDomain),
  ),
];

describe("the AppDomain of the worker's events", () => {
  it.each([
    { scenario: 'healthy-baseline', appDomain: '/LM/W3SVC/1/ROOT/orders' },
    { scenario: 'self-hosted-conflict', appDomain: 'inventory.exe' },
  ])('is $appDomain in 3358 as in 3364 ($scenario)', async ({ scenario, appDomain }) => {
    const run = await runBundled(scenario);

    expect(appDomains(run.events, 3364)).toEqual([appDomain]);
    expect(appDomains(run.events, 3358)).toEqual([appDomain]);
  });
});
