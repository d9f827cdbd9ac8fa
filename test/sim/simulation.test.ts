// createSimulation's run(): errors raised inside the model's promise work (a p-queue task
// of a message queue) surface from run() with their own message, never as a stall.
import { describe, expect, it } from 'vitest';
import { SimulationStalledError } from '../../src/errors/simulation-stalled-error.js';
import { createSimulation } from '../../src/sim/simulation.js';

const scenario = {
  name: 'queued',
  appPools: [{ name: 'P', startupMs: 100 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
  workload: { sessions: 3, arrivals: { at: [0, 0, 0] } },
};

describe('Simulation.run', () => {
  it('rejects with the error a listener threw inside a queued session’s dispatch task', async () => {
    // Arrange: the sessions wait for the cold worker, so their dispatch starts inside a
    // p-queue task, where a throw once became an unhandled rejection and a stall.
    const sim = createSimulation(scenario, { seed: 1 });
    sim.events.on('DispatchSessionStart', () => {
      throw new RangeError('listener failed on 4008');
    });

    // Act
    const error = await sim.run().catch((e: unknown) => e);

    // Assert
    expect(error).not.toBeInstanceOf(SimulationStalledError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as RangeError).message).toBe('listener failed on 4008');
  });
});
