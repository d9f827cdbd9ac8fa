// A policy that never gives up, on a failure that takes time (a worker restarting after each
// F1), retries until the horizon: the run stopped there, and its message said to raise
// horizonMs, which only feeds the policy (user report: 172,749 attempts for 20 requests). The
// message names the attempts and the policy instead; a run that is merely long keeps the old
// advice.
import { describe, expect, it } from 'vitest';
import type { ClientPolicy } from '../../src/client/client-policy.js';
import { HorizonExceededError } from '../../src/errors/horizon-exceeded-error.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runScenario } from '../../src/vitest/run-scenario.js';

const alwaysFailing: ScenarioInput = {
  name: 'always-failing',
  horizonMs: 600_000,
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
  workload: { sessions: 20 },
  faults: [{ kind: 'duplicate-handle-failure' }],
};

const neverGivesUp: ClientPolicy = () => ({ retry: true });

describe('a run that passes its horizon', () => {
  it('names a client policy that never gives up, not the horizon, when retries swamp the requests', async () => {
    const error = await runScenario(alwaysFailing, { clientPolicy: neverGivesUp }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(HorizonExceededError);
    const message = (error as HorizonExceededError).message;
    expect(message).toMatch(
      /\([\d,]+ attempts for 20 requests: the client policy retries until the horizon; give it a lower limit on attempts \(maxAttempts, or \{ retry: false \} after some\)\)$/,
    );
    expect(message).not.toContain('raise horizonMs');
  });

  it('still says to raise horizonMs for a run that is only long', () => {
    const error = new HorizonExceededError({
      atMs: 10,
      steps: 5,
      open: 3,
      horizonMs: 10,
      attempts: { sent: 40, firstAttempts: 20 },
    });

    expect(error.message).toMatch(/\(raise horizonMs for a longer run\)$/);
  });
});
