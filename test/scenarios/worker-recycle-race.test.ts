// Scenario worker-recycle-race (domain §6.3 overlapped recycle, §7 KB 3017663).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import {
  clientSeen,
  loadBundledInput,
  outcomeOf,
  runBundled,
  unmetExpectations,
} from '../helpers/run-bundled.js';
import { activityIds, runRecorded } from '../helpers/run-recorded.js';

describe('scenario: worker-recycle-race', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('worker-recycle-race');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('ends the dispatch in flight on the exiting old worker in 4031 (F2)', async () => {
    const run = await runBundled('worker-recycle-race');

    const failed = run.events.find((e) => e.name === 'DispatchSessionFailed');
    expect(sessionPath(run.events, 1)).toEqual([4001, 4035, 4008, 4019, 4031]);
    expect(failed?.annotations).toMatchObject({ sessionId: 1, workerId: 1, path: 'F2' });
    expect(failed?.atMs).toBe(650);
    expect(clientSeen(outcomeOf(run, 1))).toBe('reset - CommunicationException');
  });

  it('gives every later session to the new worker once the old one is told to stop', async () => {
    const run = await runBundled('worker-recycle-race');

    const workerOf = (session: number): number | undefined =>
      run.events.find(
        (e) => e.name === 'PortSharingDuplicatedSocket' && e.annotations.sessionId === session,
      )?.annotations.workerId;
    expect([2, 3, 4].map(workerOf)).toEqual([2, 2, 2]);
    expect(sessionPath(run.events, 4)).toEqual([4001, 4035, 4008, 4019, 4030]);
  });

  // The other side of the race (docs/tutorial-4031.md): the old worker outlives the dispatch.
  it('ends the old worker’s dispatch in 4030 and an abort when the worker exits after it (shutdownMs 200)', async () => {
    const input = loadBundledInput('worker-recycle-race');
    const slower = {
      ...input,
      faults: (input.faults ?? []).map((rule) => ({ ...rule, shutdownMs: 200 })),
    };

    const run = await runRecorded(slower);

    expect(activityIds(run, 1)).toEqual([4001, 4008, 4019, 4030]);
    expect(run.events.filter((e) => e.name === 'DispatchSessionFailed')).toEqual([]);
    expect(clientSeen(outcomeOf(run, 1))).toBe('abort - CommunicationException');
  });
});
