// Scenario worker-callback-failure (domain §3.3 F2): the callback fails after the duplication.
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: worker-callback-failure', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('worker-callback-failure');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('emits 4019 then 4031 for session 3 and leaves its client with a reset', async () => {
    const run = await runBundled('worker-callback-failure');

    expect(sessionPath(run.events, 3)).toEqual([4001, 4035, 4008, 4019, 4031]);
    expect(clientSeen(outcomeOf(run, 3))).toBe('reset - CommunicationException');
  });

  it('traces the ConnectionDispatchFailed write that the client never receives', async () => {
    const run = await runBundled('worker-callback-failure');

    const writes = run.events.filter((e) => e.name === 'ConnectionReaderSendFault');
    expect(writes.map((e) => [e.annotations.sessionId, e.annotations.fault])).toEqual([
      [3, 'ConnectionDispatchFailed'],
    ]);
    expect(run.eventLog[0]?.message).toContain(
      'Exception: System.ServiceModel.CommunicationObjectAbortedException',
    );
  });

  it('annotates the 4031 with path F2 and the failed worker', async () => {
    const run = await runBundled('worker-callback-failure');

    const failed = run.events.find((e) => e.name === 'DispatchSessionFailed');
    expect(failed?.payload).toEqual({ AppDomain: 'SMSvcHost.exe' });
    expect(failed?.annotations).toMatchObject({ path: 'F2', workerId: 1, pid: 4004 });
  });
});
