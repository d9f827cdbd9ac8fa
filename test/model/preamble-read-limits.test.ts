// The limits of the preamble read (domain §3.1 steps 3-4, §3.4, §4.1): a client has
// receiveTimeout to send mode and via, a via may take up to MAX_VIA_BYTES bytes of UTF-8, and
// the outcome says which limit a client passed.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { MAX_VIA_BYTES } from '../../src/scenario/service-uri.js';
import { runRecorded } from '../helpers/run-recorded.js';

const base = 'net.tcp://localhost/orders/';

function scenario(options: {
  readonly preambleMs?: number;
  readonly via?: string;
  readonly faults?: readonly FaultRuleInput[];
}): ScenarioInput {
  return {
    name: 'preamble-read-limits',
    config: { receiveTimeoutMs: 100 },
    appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
    apps: [{ name: 'orders', baseAddress: base, appPool: 'P' }],
    workload: {
      sessions: 1,
      arrivals: { at: [10] },
      preambleMs: options.preambleMs ?? 0,
      vias: [{ via: options.via ?? `${base}service.svc` }],
    },
    faults: [...(options.faults ?? [])],
  };
}

async function outcome(options: Parameters<typeof scenario>[0]) {
  const run = await runRecorded(scenario(options));
  const only = run.outcomes[0];
  if (only === undefined) throw new Error('no outcome');
  return [only.kind, only.atMs, only.reason];
}

describe('the preamble read', () => {
  it('decodes a preamble that takes exactly receiveTimeout', async () => {
    expect(await outcome({ preambleMs: 100 })).toEqual([
      'dispatched',
      111,
      'the worker accepted the connection',
    ]);
  });

  it('aborts a preamble that takes longer than receiveTimeout, at receiveTimeout', async () => {
    expect(await outcome({ preambleMs: 101 })).toEqual([
      'preamble-aborted',
      110,
      'the preamble took longer than receiveTimeout',
    ]);
  });

  it('says a client that stalls (preamble-timeout) was stalled, not slow', async () => {
    expect(await outcome({ faults: [{ kind: 'preamble-timeout', nthSession: 1 }] })).toEqual([
      'preamble-aborted',
      110,
      'the client stalled: receiveTimeout expired',
    ]);
  });

  it(`accepts a via of exactly ${MAX_VIA_BYTES} bytes and aborts one a byte longer`, async () => {
    const exact = base + 'a'.repeat(MAX_VIA_BYTES - base.length);
    expect(exact).toHaveLength(MAX_VIA_BYTES);

    expect(await outcome({ via: exact })).toEqual([
      'dispatched',
      11,
      'the worker accepted the connection',
    ]);
    expect(await outcome({ via: `${exact}a` })).toEqual([
      'preamble-aborted',
      10,
      `bad preamble: via longer than ${MAX_VIA_BYTES} bytes`,
    ]);
  });
});
