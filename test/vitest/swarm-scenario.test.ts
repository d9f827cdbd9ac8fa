// swarmScenario and toPassSwarm (issue 13): "for N random fault plans on this scenario, my
// retry policy never gives up", with the shrunk scenario in the failure message.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exponentialBackoff, fixedDelay, noRetry } from '../../src/client/retry-policies.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { installMatchers, runScenario, swarmScenario } from '../../src/vitest/index.js';
import { refusal } from '../helpers/refusal.js';

installMatchers();

const healthy = fileURLToPath(new URL('../../scenarios/healthy-baseline.yaml', import.meta.url));
const neverGivesUp = [{ requests: 'gaveUp' as const, count: { max: 0 } }];

describe('swarmScenario', () => {
  it('fails toPassSwarm for a naive retry policy, with the shrunk scenario in the message', async () => {
    const report = await swarmScenario(healthy, {
      runs: 40,
      seed: 11,
      clientPolicy: fixedDelay({ delayMs: 0, maxAttempts: 2 }),
      expect: neverGivesUp,
    });

    expect(report).not.toPassSwarm();
    let message = '';
    try {
      expect(report).toPassSwarm();
    } catch (error: unknown) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(
      /^expected every one of 40 random fault plans on .*healthy-baseline\.yaml to keep its expectations, but \d+ broke them; the first, case \d+ \(seed \d+\): requests gaveUp <= 0/,
    );
    expect(message).toMatch(/shrunk in \d+ steps to [12] fault rule\(s\)/);
    expect(message).toMatch(/^faults:$/m);
    expect(message).toMatch(/^seed: \d+$/m);
  });

  it('leaves the file’s retry out of a failure found with a policy in code, and says to replay it with runScenario', async () => {
    // Arrange: the file retries six times; the policy under test, in code, never retries.
    const orders: ScenarioInput = {
      name: 'orders',
      seed: 1,
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', workers: 2 }],
      workload: {
        sessions: 50,
        arrivals: { poisson: { ratePerSec: 100 } },
        client: { retry: { policy: 'exponential', baseMs: 100, maxAttempts: 6 } },
      },
    };
    const report = await swarmScenario(orders, {
      runs: 20,
      seed: 1,
      kinds: ['duplicate-handle-failure'],
      clientPolicy: noRetry(),
      expect: neverGivesUp,
    });
    let message = '';
    try {
      expect(report).toPassSwarm();
    } catch (error: unknown) {
      message = error instanceof Error ? error.message : String(error);
    }

    // Act: save the shown scenario and replay it as the message says.
    const shown = message.slice(message.indexOf(':\n\n') + 3);
    const scenario = parse(shown) as ScenarioInput;
    const withPolicy = await runScenario(scenario, { clientPolicy: noRetry() });

    // Assert
    expect(message).toContain(
      'it ran your clientPolicy, which a file cannot hold, so its workload.client.retry is left out: save it and replay with `runScenario(<file>, { clientPolicy })` (`dispatchsim run <file>` would not run your policy)',
    );
    expect(scenario.workload?.client).toBeUndefined();
    expect(withPolicy.result.requests.gaveUp).toBeGreaterThan(0);
  });

  it('says to replay a failure found with the file’s own retry with dispatchsim run', async () => {
    const report = await swarmScenario(healthy, {
      runs: 40,
      seed: 11,
      expect: [{ outcome: 'dispatched', count: { min: 1_000_000 } }],
      shrinkBudget: 5,
    });
    let message = '';
    try {
      expect(report).toPassSwarm();
    } catch (error: unknown) {
      message = error instanceof Error ? error.message : String(error);
    }

    expect(message).toContain('; save it and replay with `dispatchsim run <file>`:');
  });

  it('passes toPassSwarm when every case keeps the expectations', async () => {
    // No promise made but balanced books: every case of a sound simulator keeps it.
    const report = await swarmScenario(healthy, {
      runs: 10,
      seed: 2,
      clientPolicy: exponentialBackoff({ baseMs: 50, maxAttempts: 3 }),
      expect: [{ invariant: 'balanced' }],
    });

    expect(report).toPassSwarm();
    expect(report.totals.cases).toBe(10);
  });

  it('keeps the promise of the how-to with its fixed policy over 500 plans (docs/find-the-fault-plan-…)', async () => {
    const orders: ScenarioInput = {
      name: 'orders',
      seed: 1,
      appPools: [{ name: 'OrdersPool', startupMs: 400 }],
      apps: [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          appPool: 'OrdersPool',
          workers: 2,
          dispatchMs: { uniform: [1, 5] },
        },
      ],
      workload: { sessions: 300, arrivals: { poisson: { ratePerSec: 100 } } },
    };
    const report = await swarmScenario(orders, {
      runs: 500,
      seed: 1,
      kinds: [
        'app-pool-recycle',
        'worker-crash',
        'duplicate-handle-failure',
        'worker-callback-failure',
      ],
      clientPolicy: exponentialBackoff({ baseMs: 200, maxAttempts: 8 }),
      expect: neverGivesUp,
    });
    expect(report).toPassSwarm();
    expect(report.totals.outcomes['dispatch-failed'] ?? 0).toBeGreaterThan(50);
  }, 60_000);

  // A swarm that runs nothing proves nothing: `runs: 0` used to run 0 cases, and
  // `toPassSwarm` then passed. The options are checked before the scenario is even read.
  it.each([
    [{ runs: 0 }, 'runs: expected an integer from 1 to 100000000, got 0 (number)'],
    [{ runs: '3' }, "runs: expected an integer from 1 to 100000000, got '3' (string)"],
    [{}, 'runs: expected an integer from 1 to 100000000, got nothing'],
    [{ runs: 5, maxRules: 0 }, 'maxRules: expected an integer from 1 to 100, got 0 (number)'],
    [
      { runs: 5, expects: neverGivesUp },
      "swarmScenario: unknown option 'expects' (known: runs, seed, maxRules, kinds, sessions, shard, clientPolicy, createClientPolicy, shrink, shrinkBudget, onResult, onShrunk, onShrinkStep, keepFailures, expect); did you mean expect?",
    ],
    [
      { runs: 5, concurrency: 4 },
      "swarmScenario: unknown option 'concurrency' (known: runs, seed, maxRules, kinds, sessions, shard, clientPolicy, createClientPolicy, shrink, shrinkBudget, onResult, onShrunk, onShrinkStep, keepFailures, expect)",
    ],
    [
      { runs: 5, expect: 'gaveUp' },
      "expect: expected a list of expectations, as a scenario's expect, got 'gaveUp' (string)",
    ],
  ])('refuses %o before reading the scenario: %s', async (options, message) => {
    const got = await refusal(swarmScenario('no-such-file.yaml', options as never));

    expect(got).toBe(`config.invalid-option ${message}`);
  });

  it('asks whether swarmScenario() was awaited when toPassSwarm is given a promise', () => {
    const pending = Promise.resolve({});

    expect(() => expect(pending).toPassSwarm()).toThrow(
      'toPassSwarm: expected the report of swarmScenario(), got a Promise: did you forget to await swarmScenario()?',
    );
  });

  it('fails toPassSwarm, and its negation, on a swarm that ran no case', async () => {
    // Arrange: one run, and a shard that holds none of it.
    const report = await swarmScenario(healthy, {
      runs: 1,
      shard: { index: 2, count: 2 },
      expect: neverGivesUp,
    });
    const messageOf = (assertion: () => void): string => {
      try {
        assertion();
      } catch (error: unknown) {
        return error instanceof Error ? error.message : String(error);
      }
      return 'passed';
    };

    // Act
    const passes = messageOf(() => expect(report).toPassSwarm());
    const breaks = messageOf(() => expect(report).not.toPassSwarm());

    // Assert
    expect(report.totals.cases).toBe(0);
    expect(passes).toBe(
      `expected every one of the random fault plans on ${healthy} to keep its expectations, but the swarm ran no case (runs: 1; check runs and shard): a swarm that runs nothing proves nothing`,
    );
    expect(breaks).toBe(
      `expected some of the random fault plans on ${healthy} to break its expectations, but the swarm ran no case (runs: 1; check runs and shard): a swarm that runs nothing proves nothing`,
    );
  });
});
