// Scenario registration-failure (domain §2.1 4011-4015 and 3364-3366, §6.2).
import { describe, expect, it } from 'vitest';
import { project } from '../helpers/record-events.js';
import { runBundled, unmetExpectations } from '../helpers/run-bundled.js';

const registrationIds = new Set([3364, 3365, 3366, 4011, 4012, 4014, 4015]);

describe('scenario: registration-failure', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('registration-failure');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('shows the handshake of each worker: aborted, failed, then completed', async () => {
    const run = await runBundled('registration-failure');

    const handshake = run.events
      .filter((e) => registrationIds.has(e.id))
      .map((e) => [e.annotations.workerId, ...project(e).slice(0, 2)]);
    expect(handshake).toEqual([
      [1, 3364, 'SharedListenerProxyRegisterStart'],
      [1, 4011, 'MessageQueueRegisterStart'],
      [1, 4012, 'MessageQueueRegisterAbort'],
      [2, 3364, 'SharedListenerProxyRegisterStart'],
      [2, 4011, 'MessageQueueRegisterStart'],
      [2, 4014, 'MessageQueueRegisterFailed'],
      [2, 3366, 'SharedListenerProxyRegisterFailed'],
      [3, 3364, 'SharedListenerProxyRegisterStart'],
      [3, 4011, 'MessageQueueRegisterStart'],
      [3, 4015, 'MessageQueueRegisterCompleted'],
      [3, 3365, 'SharedListenerProxyRegisterStop'],
    ]);
  });

  it('carries the status in the payloads of 4012 and 4014', async () => {
    const run = await runBundled('registration-failure');

    const failures = run.events.filter((e) => e.id === 4012 || e.id === 4014);
    expect(failures.map((e) => e.message)).toEqual([
      "Message queue registration aborted with status:'InvalidArgument' for uri:'net.tcp://localhost/orders/'.",
      "Message queue registration for uri:'net.tcp://localhost/orders/' failed with status:'VersionUnsupported'.",
    ]);
  });
});
