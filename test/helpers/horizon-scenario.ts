// The scenario the tests of a run stopped at its horizon share: 100 sessions 10 ms apart
// against a horizon of 100 ms. 11 arrive (at 0, 10, …, 100) and the one that arrives at
// 100 ms is still in flight; 89 first attempts never arrive.
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';

export const horizonScenario: ScenarioInput = {
  name: 'horizon',
  horizonMs: 100,
  appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
  workload: { sessions: 100, arrivals: { fixed: { intervalMs: 10 } } },
};
