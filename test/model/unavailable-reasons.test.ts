// Why a session got EndpointUnavailable (domain §3.4: CanDispatch is false): the outcome's
// reason names the first cause found, in the order the dispatcher checks them (port sharing,
// a paused queue, the listener adapter, the WAS connection, the failure throttle, the pool,
// enabledProtocols).
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

const tcp = 'net.tcp://localhost/orders/';
const pipe = 'net.pipe://localhost/orders/';

function scenario(
  patch: Partial<ScenarioInput> & { readonly baseAddress?: string },
): ScenarioInput {
  const { baseAddress = tcp, ...rest } = patch;
  return {
    name: 'unavailable-reasons',
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [{ name: 'orders', baseAddress, appPool: 'P' }],
    workload: { sessions: 1, arrivals: { at: [10] } },
    ...rest,
  };
}

const rows: readonly (readonly [cause: string, scenario: ScenarioInput, reason: string])[] = [
  [
    'a paused queue',
    scenario({ faults: [{ kind: 'queue-paused' }] }),
    'the queue cannot dispatch (paused)',
  ],
  [
    'a paused queue of a self-hosted service',
    scenario({
      appPools: [],
      apps: [{ name: 'orders', baseAddress: tcp, hosting: 'self' }],
      faults: [{ kind: 'queue-paused' }],
    }),
    'the queue cannot dispatch (paused)',
  ],
  [
    'a paused Net.Pipe Listener Adapter',
    scenario({ baseAddress: pipe, services: { pipeActivator: 'paused' } }),
    'the Net.Pipe Listener Adapter is paused',
  ],
  [
    'a paused Net.Pipe Listener Adapter, not the paused port sharing service, for a pipe application',
    scenario({ baseAddress: pipe, services: { pipeActivator: 'paused', portSharing: 'paused' } }),
    'the Net.Pipe Listener Adapter is paused',
  ],
  [
    'a stopped application pool',
    scenario({ faults: [{ kind: 'app-pool-stop', pool: 'P', atMs: 5 }] }),
    'the application pool P is stopped',
  ],
  [
    'a protocol removed from enabledProtocols',
    scenario({ faults: [{ kind: 'protocol-disabled', fromMs: 5 }] }),
    'the protocol net.tcp is not in enabledProtocols (requests blocked)',
  ],
  [
    'a protocol missing from enabledProtocols',
    scenario({
      apps: [{ name: 'orders', baseAddress: tcp, appPool: 'P', enabledProtocols: 'http' }],
    }),
    'the protocol net.tcp is not in enabledProtocols (requests blocked)',
  ],
];

// The TCP services gate TCP applications only.
const pipeRows: readonly (readonly [cause: string, scenario: ScenarioInput])[] = [
  [
    'the Net.Tcp Listener Adapter',
    scenario({ baseAddress: pipe, services: { tcpActivator: 'paused' } }),
  ],
  [
    'the Net.Tcp Port Sharing Service',
    scenario({ baseAddress: pipe, services: { portSharing: 'paused' } }),
  ],
];

describe('the reason of an EndpointUnavailable outcome', () => {
  it.each(rows)('names %s', async (_cause, input, reason) => {
    const run = await runRecorded(input);

    expect(run.outcomes.map((o) => [o.kind, o.reason])).toEqual([['unavailable', reason]]);
  });

  it.each(pipeRows)('is not given to a pipe application when %s is paused', async (_, input) => {
    const run = await runRecorded(input);

    expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatched']);
  });
});
