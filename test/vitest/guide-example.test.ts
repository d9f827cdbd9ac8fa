// Keeps docs/testing-your-retry-policy.md true: the guide's example is the code between the
// `guide` region markers below, and the last test checks that the guide shows exactly that
// code (with the package's import paths instead of the repository's).
import { readFile } from 'node:fs/promises';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixedDelay, type ClientPolicy, type ScenarioInput } from '../../src/index.js';
import { installMatchers, runScenario } from '../../src/vitest/index.js';

// #region guide
installMatchers(); // or once for every file, in a setup file (see "Set up")

/** My client's policy: give up on faults that will not heal, else back off with full jitter. */
const myPolicy: ClientPolicy = async (report, { sleep, random }) => {
  const { fault } = report.client;
  if (fault === 'EndpointNotFound' || fault === 'ServiceActivationFailed') return { retry: false };
  if (report.attempt >= 8) return { retry: false };
  const ceilingMs = Math.min(4000, 200 * 2 ** (report.attempt - 1));
  await sleep(random.nextFloat() * ceilingMs); // virtual time: returns at once in real time
  return { retry: true };
};

/** One WAS app, 10 pending sessions at most; its pool recycles without overlap at 1 s. */
const recycle: ScenarioInput = {
  name: 'my-policy-under-recycle',
  seed: 7,
  config: { maxPendingConnections: 10 },
  appPools: [{ name: 'OrdersPool', startMode: 'AlwaysRunning', startupMs: 500, idleTimeoutMs: 0 }],
  apps: [
    {
      name: 'orders',
      baseAddress: 'net.tcp://localhost/orders/',
      appPool: 'OrdersPool',
      dispatchMs: 20,
    },
  ],
  workload: { sessions: 40, startMs: 600, arrivals: { fixed: { intervalMs: 50 } } },
  faults: [
    {
      kind: 'app-pool-recycle',
      pool: 'OrdersPool',
      atMs: 1000,
      overlapped: false,
      shutdownMs: 1000,
    },
    { kind: 'worker-callback-failure', fromMs: 2600, count: 2 },
  ],
};

describe('my retry policy', () => {
  it('gets every request through a recycle where an immediate retry gives up', async () => {
    const naive = await runScenario(recycle, {
      clientPolicy: fixedDelay({ delayMs: 0, maxAttempts: 2 }),
    });
    const mine = await runScenario(recycle, { clientPolicy: myPolicy });

    expect(naive).toHaveRequests({ gaveUp: 20 });
    expect(mine).toHaveRequests({ total: 40, gaveUp: 0, succeededAfterRetry: { min: 1 } });
    expect(mine).toHaveEmitted('DispatchSessionFailed', { min: 2 });
    expect(mine).toBalance();
  });

  it('does not retry a fault that will not heal', async () => {
    const run = await runScenario(
      { ...recycle, faults: [{ kind: 'service-activation-failure', probability: 0.25 }] },
      { clientPolicy: myPolicy },
    );

    const activationFailures = run.result.faultsFired['service-activation-failure'] ?? 0;
    expect(activationFailures).toBeGreaterThan(0);
    expect(run).toHaveRequests({ gaveUp: activationFailures, attempts: 40 });
    // The worker answered with a fault after taking the connection: 4030, not 4031 (§3.3).
    expect(run).not.toHaveEmitted('DispatchSessionFailed');
  });

  it.for([1, 2, 3, 4, 5])('leaves no request behind with seed %i', async (seed) => {
    const run = await runScenario(recycle, { seed, clientPolicy: myPolicy });

    expect(run).toHaveRequests({ gaveUp: 0 });
  });
});
// #endregion guide

describe('docs/testing-your-retry-policy.md', () => {
  const readGuide = (): Promise<string> =>
    readFile(new URL('../../docs/testing-your-retry-policy.md', import.meta.url), 'utf8');

  it('shows the example above, with the package import paths', async () => {
    const [guide, self] = await Promise.all([
      readGuide(),
      readFile(new URL(import.meta.url), 'utf8'),
    ]);
    const region = /\/\/ #region guide\n([\s\S]*?)\/\/ #endregion guide/.exec(self)?.[1];
    const shown =
      /<!-- example: test\/vitest\/guide-example\.test\.ts -->\s*```ts\n([\s\S]*?)```/.exec(
        guide,
      )?.[1];
    const imports = [
      "import { describe, expect, it } from 'vitest';",
      "import { fixedDelay, type ClientPolicy, type ScenarioInput } from 'dispatchsim';",
      "import { installMatchers, runScenario } from 'dispatchsim/vitest';",
      '',
      '',
    ].join('\n');
    expect(region).toBeDefined();
    expect(shown).toBe(imports + (region ?? ''));
  });

  it('states the figures seed 7 really gives, in "What the three tests show"', async () => {
    const guide = await readGuide();
    const naive = await runScenario(recycle, {
      clientPolicy: fixedDelay({ delayMs: 0, maxAttempts: 2 }),
    });
    const mine = await runScenario(recycle, { clientPolicy: myPolicy });

    // The prose wraps anywhere: any run of spaces and line breaks stands for one space.
    const point1 = new RegExp(
      String.raw`immediate retry gives up on (\d+) of (\d+) requests[\s\S]*?Your policy gets all (\d+) through \((\d+) at once, (\d+) after retries, in (\d+) attempts\)`.replaceAll(
        ' ',
        String.raw`\s+`,
      ),
    ).exec(guide);
    const pinned = /`toHaveRequests\(\{ succeededFirstTime: (\d+), … \}\)`/.exec(guide);
    const { requests } = mine.result;
    expect(point1?.slice(1).map(Number)).toEqual([
      naive.result.requests.gaveUp,
      naive.result.requests.total,
      requests.total,
      requests.succeededFirstTime,
      requests.succeededAfterRetry,
      requests.attempts,
    ]);
    expect(Number(pinned?.[1])).toBe(requests.succeededFirstTime);
  });

  it('shows the failure message the naive client really gets', async () => {
    const naive = await runScenario(recycle, {
      clientPolicy: fixedDelay({ delayMs: 0, maxAttempts: 2 }),
    });
    let message = '';
    try {
      expect(naive).toHaveRequests({ gaveUp: 0 });
    } catch (error: unknown) {
      message = error instanceof Error ? stripVTControlCharacters(error.message) : '';
    }
    const sample = /```text\n([\s\S]*?)\n {4}…\n```/.exec(await readGuide())?.[1];
    expect(sample).toBeDefined();
    expect(message.startsWith(sample ?? '-')).toBe(true);
  });
});
