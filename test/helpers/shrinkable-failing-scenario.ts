// A scenario that fails its promise (requests gaveUp <= 0) and that the shrinker takes down
// to the rule that matters, the pool stopped at 0 for 500 ms, within its first few runs:
// shared by the shrink command's tests.

/** The scenario's YAML text. */
export const shrinkableFailingScenario = [
  'name: failing',
  'seed: 4',
  'appPools: [{ name: OrdersPool, startupMs: 400 }]',
  'apps: [{ name: orders, baseAddress: net.tcp://localhost/orders/, appPool: OrdersPool }]',
  'workload:',
  '  sessions: 50',
  '  client: { retry: { policy: fixed, delayMs: 100, maxAttempts: 2 } }',
  'faults:',
  '  - { kind: no-route, probability: 0 }',
  '  - { kind: app-pool-stop, pool: OrdersPool, atMs: 0, restartAfterMs: 500 }',
  '  - { kind: queue-paused, fromMs: 90000, toMs: 90001 }',
  'expect: [{ requests: gaveUp, count: { max: 0 } }]',
].join('\n');
