// Scenario net-pipe-dispatch-failure (domain §3.3 on net.pipe, §2.4 Event Log 9).
import { describe, expect, it } from 'vitest';
import { formatTrace } from '../../src/events/trace.js';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: net-pipe-dispatch-failure', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('net-pipe-dispatch-failure');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it.each([
    { path: 'F1', session: 2, client: 'fault ConnectionDispatchFailed CommunicationException' },
    { path: 'F2', session: 5, client: 'reset - CommunicationException' },
  ])(
    'goes from 4008 straight to 4031 on $path (session $session)',
    async ({ path, session, client }) => {
      const run = await runBundled('net-pipe-dispatch-failure');

      const failed = run.events.find(
        (e) => e.name === 'DispatchSessionFailed' && e.annotations.sessionId === session,
      );
      const failurePath = failed?.name === 'DispatchSessionFailed' ? failed.annotations.path : null;
      expect(sessionPath(run.events, session)).toEqual([4001, 4035, 4008, 4031]);
      expect(failurePath).toBe(path);
      expect(clientSeen(outcomeOf(run, session))).toBe(client);
    },
  );

  it('shows the F2 client the pipe-ended error (domain §5), not the read-timeout text', async () => {
    const run = await runBundled('net-pipe-dispatch-failure');

    expect(outcomeOf(run, 5).client.message).toBe(
      'There was an error reading from the pipe: The pipe has been ended. (109, 0x6d).',
    );
  });

  it('writes Event Log 9 from the NamedPipeWorkerProcess for each 4031', async () => {
    const run = await runBundled('net-pipe-dispatch-failure');

    expect(run.eventLog.map((e) => [e.id, e.name, e.annotations.sessionId])).toEqual([
      [9, 'MessageQueueDuplicatedPipeLeak', 2],
      [9, 'MessageQueueDuplicatedPipeLeak', 5],
    ]);
    expect(run.eventLog[0]?.message).toContain(
      'Source: System.ServiceModel.Activation.NamedPipeWorkerProcess/',
    );
  });

  it('matches its golden trace', async () => {
    const run = await runBundled('net-pipe-dispatch-failure');

    await expect(formatTrace(run.trace)).toMatchFileSnapshot(
      './__golden__/net-pipe-dispatch-failure.ndjson',
    );
  });
});
