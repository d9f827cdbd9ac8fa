// Which listener a named-pipe client reaches (domain §3.1 steps 1 and 6): the client opens the
// pipe of the longest registered base address that is a prefix of its via, whatever the
// order the pipes were created in; a TCP listener is never a pipe client's, and a via under
// no pipe base address finds nothing to connect to.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

function scenario(via: string): ScenarioInput {
  return {
    name: 'pipe-listener-choice',
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    // The longer base address is registered first.
    apps: [
      { name: 'ab', baseAddress: 'net.pipe://localhost/a/b/', appPool: 'P' },
      { name: 'a', baseAddress: 'net.pipe://localhost/a/', appPool: 'P' },
      { name: 'c', baseAddress: 'net.tcp://localhost/c/', appPool: 'P' },
    ],
    workload: { sessions: 1, arrivals: { at: [10] }, vias: [{ via }] },
  };
}

/** The base address of the listener that accepted session 1, and its outcome. */
async function reached(via: string): Promise<[string | undefined, string | undefined]> {
  const run = await runRecorded(scenario(via));
  const listeners = new Map<unknown, string>();
  for (const e of run.events) {
    if (
      e.name === 'PipeTransportListenerListeningStart' ||
      e.name === 'TcpTransportListenerListeningStart'
    ) {
      listeners.set(e.annotations.listenerId, e.payload.Uri);
    }
  }
  const accepted = run.events.find(
    (e) => e.name === 'PendingConnectionsRatio' && e.annotations.sessionId === 1,
  );
  return [
    accepted === undefined ? undefined : listeners.get(accepted.annotations.listenerId),
    run.outcomes[0]?.kind,
  ];
}

describe('a named-pipe client', () => {
  it('reaches the pipe of the longest base address that prefixes its via', async () => {
    expect(await reached('net.pipe://localhost/a/b/service.svc')).toEqual([
      'net.pipe://localhost/a/b/',
      'dispatched',
    ]);
    expect(await reached('net.pipe://localhost/a/service.svc')).toEqual([
      'net.pipe://localhost/a/',
      'dispatched',
    ]);
  });

  it('never reaches a TCP listener, even one whose base address prefixes its via', async () => {
    expect(await reached('net.pipe://localhost/c/service.svc')).toEqual([
      undefined,
      'connection-refused',
    ]);
  });
});
