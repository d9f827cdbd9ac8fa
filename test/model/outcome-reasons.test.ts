// Every terminal outcome carries a reason in the simulator's words (domain §3.3, §3.4): which
// limit or failure ended the session. One row per path that the EndpointUnavailable,
// preamble and dispatch-outcome suites (dispatch-outcome-reasons.test.ts) do not already cover.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

const base = 'net.tcp://localhost/orders/';

function scenario(patch: Partial<ScenarioInput>): ScenarioInput {
  return {
    name: 'outcome-reasons',
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [{ name: 'orders', baseAddress: base, appPool: 'P', dispatchMs: 100 }],
    workload: { sessions: 1, arrivals: { at: [10] } },
    ...patch,
  };
}

const rows: readonly (readonly [path: string, input: ScenarioInput, outcome: string])[] = [
  [
    'a via whose port nobody listens on',
    scenario({ workload: { sessions: 1, vias: [{ via: 'net.tcp://localhost:9999/orders/x' }] } }),
    'connection-refused: nothing listens on the endpoint of the via: no application registers an address on its port',
  ],
  [
    'a full listen backlog',
    scenario({
      config: { maxPendingConnections: 1, listenBacklog: 1 },
      workload: { sessions: 3, arrivals: { at: [1, 2, 3] }, preambleMs: 50 },
    }),
    'connection-refused: the listen backlog was full',
  ],
  [
    'a via no registration matches',
    scenario({ workload: { sessions: 1, vias: [{ via: 'net.tcp://localhost/other/x' }] } }),
    'no-route: no registration matched the via',
  ],
  [
    'a full pending queue',
    scenario({
      config: { maxPendingConnections: 1 },
      workload: { sessions: 3, arrivals: { at: [1, 2, 3] } },
    }),
    'queue-full: the pending queue held 1 sessions (maxPendingConnections 1)',
  ],
];

describe('the reason of an outcome', () => {
  it.each(rows)('names %s', async (_path, input, outcome) => {
    const run = await runRecorded(input);

    // The session that arrived last.
    const last = [...run.outcomes].sort((a, b) => a.sessionId - b.sessionId).at(-1);
    expect(`${last?.kind}: ${last?.reason}`).toBe(outcome);
  });
});

describe('the framing fault written before an outcome (3346)', () => {
  it.each([
    ['no-route', 'net.tcp://localhost/other/x', [], 'EndpointNotFound'],
    ['unavailable', `${base}x`, [{ kind: 'queue-paused' as const }], 'EndpointUnavailable'],
  ])('names the fault of a %s session', async (_kind, via, faults, fault) => {
    const run = await runRecorded(scenario({ workload: { sessions: 1, vias: [{ via }] }, faults }));

    expect(
      run.events
        .filter((e) => e.id === 3346)
        .map((e) => 'FaultString' in e.payload && e.payload.FaultString),
    ).toEqual([`http://schemas.microsoft.com/ws/2006/05/framing/faults/${fault}`]);
  });
});
