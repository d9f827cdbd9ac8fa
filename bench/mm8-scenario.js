// The M/M/8 scenario every benchmark runs: 8 WAS worker processes in an AlwaysRunning pool
// (no start-up, no idle timeout), exponential 8 ms service, 800/s Poisson arrivals (80% load).

/**
 * @param sessions - first-attempt sessions
 * @param faults - the fault plan @default 1% F2
 * @param name - the scenario's name
 * @returns the scenario object
 */
export function mm8Scenario(
  sessions,
  faults = [{ kind: 'worker-callback-failure', probability: 0.01 }],
  name = 'bench-mm8',
) {
  return {
    name,
    description: 'M/M/8: 8 WAS workers, exponential 8 ms service, 800/s Poisson arrivals',
    config: { maxPendingConnections: 10_000 },
    appPools: [
      {
        name: 'BenchPool',
        startupMs: 0,
        startMode: 'AlwaysRunning',
        idleTimeoutMs: 0,
        maxProcesses: 8,
      },
    ],
    apps: [
      {
        name: 'bench',
        baseAddress: 'net.tcp://localhost/bench/',
        appPool: 'BenchPool',
        dispatchMs: { exponential: 8 },
      },
    ],
    workload: {
      sessions,
      arrivals: { poisson: { ratePerSec: 800 } },
      vias: [{ via: 'net.tcp://localhost/bench/service.svc' }],
    },
    faults,
  };
}
