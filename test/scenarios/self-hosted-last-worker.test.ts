// Scenario self-hosted-last-worker (domain §3.3 side effects, §3.4, §6.4).
import { describe, expect, it } from 'vitest';
import { formatTrace } from '../../src/events/trace.js';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: self-hosted-last-worker', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('self-hosted-last-worker');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('closes the queue after the 4031: 4013, then the queued sessions are aborted without a fault', async () => {
    const run = await runBundled('self-hosted-last-worker');

    const unregistered = run.events.find((e) => e.name === 'MessageQueueUnregisterSucceeded');
    expect(sessionPath(run.events, 1)).toEqual([4001, 4035, 4008, 4019, 4031]);
    expect(unregistered?.payload).toEqual({
      Uri: 'net.tcp://localhost/inventory/',
      AppDomain: 'SMSvcHost.exe',
    });
    expect(unregistered?.atMs).toBe(50);
    expect(sessionPath(run.events, 2)).toEqual([4001, 4035]);
    expect(
      [2, 3, 4, 5].map((s) => `${outcomeOf(run, s).kind} ${clientSeen(outcomeOf(run, s))}`),
    ).toEqual(Array(4).fill('dropped-aborted abort - CommunicationException'));
  });

  it('refuses connections until the service re-registers 30 s later', async () => {
    const run = await runBundled('self-hosted-last-worker');

    const registrations = run.events.filter((e) => e.name === 'MessageQueueRegisterCompleted');
    expect(clientSeen(outcomeOf(run, 6))).toBe('refused - EndpointNotFoundException');
    expect(registrations.map((e) => e.atMs)).toEqual([0, 30_050]);
    expect(sessionPath(run.events, 7)).toEqual([4001, 4035, 4008, 4019, 4030]);
  });

  it('matches its golden trace', async () => {
    const run = await runBundled('self-hosted-last-worker');

    await expect(formatTrace(run.trace)).toMatchFileSnapshot(
      './__golden__/self-hosted-last-worker.ndjson',
    );
  });
});
