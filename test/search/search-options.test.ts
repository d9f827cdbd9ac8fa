// The library's searches check their options up front, as the CLI checks its flags (user
// report): a bad or missing one rejects with an InvalidOptionError (`config.invalid-option`)
// naming the option and the range the CLI enforces, before any case runs. A swarm of 0 runs
// or a sweep of the seeds 5..1 used to run nothing and resolve as a success; shrink took a
// seed of -1 or a budget of 0 without a word.
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors/invalid-option-error.js';
import { faultKinds, type FaultKind } from '../../src/scenario/fault-schema.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import type { CaseRunner } from '../../src/search/run-in-order.js';
import { swarm, type SwarmOptions } from '../../src/search/swarm.js';
import { shrink } from '../../src/search/shrink.js';
import { sweep, type SweepOptions } from '../../src/search/sweep.js';
import { loadBundledInput } from '../helpers/run-bundled.js';
import { refusal } from '../helpers/refusal.js';

const kindList = faultKinds.join(', ');

// A runner that counts the cases it is asked to run, and runs none.
function countingRunner(): { runner: CaseRunner; calls: () => number } {
  let calls = 0;
  return {
    runner: () => {
      calls++;
      return Promise.reject(new Error('no case should run'));
    },
    calls: () => calls,
  };
}

describe('swarm', () => {
  const base = { file: 'healthy-baseline', input: loadBundledInput('healthy-baseline') };

  it.each([
    [{ runs: 0 }, 'runs: expected an integer from 1 to 100000000, got 0 (number)'],
    [{ runs: -1 }, 'runs: expected an integer from 1 to 100000000, got -1 (number)'],
    [
      { runs: 100_000_001 },
      'runs: expected an integer from 1 to 100000000, got 100000001 (number)',
    ],
    [{ runs: 2.5 }, 'runs: expected an integer from 1 to 100000000, got 2.5 (number)'],
    [{ runs: '3' }, "runs: expected an integer from 1 to 100000000, got '3' (string)"],
    [{}, 'runs: expected an integer from 1 to 100000000, got nothing'],
    [{ runs: 1, seed: -1 }, 'seed: expected an integer from 0 to 4294967295, got -1 (number)'],
    [
      { runs: 1, seed: 2 ** 32 },
      'seed: expected an integer from 0 to 4294967295, got 4294967296 (number)',
    ],
    [{ runs: 1, maxRules: 0 }, 'maxRules: expected an integer from 1 to 100, got 0 (number)'],
    [{ runs: 1, maxRules: 101 }, 'maxRules: expected an integer from 1 to 100, got 101 (number)'],
    [
      { runs: 1, shrinkBudget: -5 },
      'shrinkBudget: expected an integer from 1 to 1000000, got -5 (number)',
    ],
    [
      { runs: 1, kinds: ['nope'] },
      `kinds: expected a non-empty list of fault kinds (${kindList}), got ['nope']`,
    ],
    [
      { runs: 1, kinds: ['worker-crash', 'worker-crsh'] },
      `kinds: expected a non-empty list of fault kinds (${kindList}), got ['worker-crash', 'worker-crsh']; did you mean worker-crash?`,
    ],
    [
      { runs: 1, kinds: [] },
      `kinds: expected a non-empty list of fault kinds (${kindList}), got []`,
    ],
    [
      { runs: 1, kinds: 'worker-crash' },
      `kinds: expected a non-empty list of fault kinds (${kindList}), got 'worker-crash' (string)`,
    ],
    [
      { runs: 1, shard: { index: 3, count: 2 } },
      'shard: expected { index, count } with integers 1 <= index <= count, got { index: 3, count: 2 }',
    ],
    [{ runs: 1, concurrency: 0 }, 'concurrency: expected a positive integer, got 0 (number)'],
    [
      { runs: 1, keepFailures: -1 },
      'keepFailures: expected an integer, 0 or more, got -1 (number)',
    ],
    [{ runs: 1, shrink: 'no' }, "shrink: expected true or false, got 'no' (string)"],
    [{ runs: 1, sessions: 0 }, 'sessions: expected a positive integer, got 0 (number)'],
    [
      { runs: 1, clientPolicy: 'retry' },
      "clientPolicy: expected a function (report, context) => decision, got 'retry' (string)",
    ],
    [
      { runs: 1, onResult: 1 },
      'onResult: expected a function (result) => void | Promise<void>, got 1 (number)',
    ],
    [
      { run: 5 },
      "swarm: unknown option 'run' (known: runs, seed, maxRules, kinds, sessions, shard, runner, concurrency, clientPolicy, createClientPolicy, shrink, shrinkBudget, onResult, onShrunk, onShrinkStep, keepFailures); did you mean runs?",
    ],
  ])('refuses %o before any case runs: %s', async (options, message) => {
    // Arrange
    const { runner, calls } = countingRunner();

    // Act
    const got = await refusal(swarm(base, { ...(options as SwarmOptions), runner }));

    // Assert
    expect(got).toBe(`config.invalid-option ${message}`);
    expect(calls()).toBe(0);
  });

  it('names the fault kind a misspelt one stands for in the error', async () => {
    // Act
    const error = await swarm(base, { runs: 1, kinds: ['worker-crsh' as FaultKind] }).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ option: 'kinds', suggestion: 'worker-crash' });
  });

  it('refuses something other than an options object', async () => {
    expect(await refusal(swarm(base, undefined as never))).toBe(
      'config.invalid-option options: expected an object of swarm options, got nothing',
    );
  });

  it('refuses kinds of which none applies to the scenario, naming why', async () => {
    // Arrange: a self-hosted app has no application pool to stop or recycle.
    const selfHosted: ScenarioInput = {
      name: 'self-hosted',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self' }],
      workload: { sessions: 5 },
    };
    const { runner, calls } = countingRunner();

    // Act
    const got = await refusal(
      swarm(
        { file: 'self.yaml', input: selfHosted },
        { runs: 2, kinds: ['app-pool-stop'], runner },
      ),
    );

    // Assert
    expect(got).toBe(
      "config.invalid-option kinds: expected at least one fault kind that applies to self.yaml (app-pool-stop and app-pool-recycle need an application pool, and it has none), got ['app-pool-stop']",
    );
    expect(calls()).toBe(0);
  });
});

describe('sweep', () => {
  const inputs = [{ file: 'healthy-baseline', scenario: loadBundledInput('healthy-baseline') }];
  const expected = '{ from, to } with integers 0 <= from <= to <= 4294967295';

  it.each([
    [{ from: 5, to: 1 }, `seeds: expected ${expected}, got { from: 5, to: 1 }`],
    [{ from: -3, to: 2 }, `seeds: expected ${expected}, got { from: -3, to: 2 }`],
    [{ from: 1.5, to: 3 }, `seeds: expected ${expected}, got { from: 1.5, to: 3 }`],
    [{ from: '1', to: '3' }, `seeds: expected ${expected}, got { from: '1', to: '3' }`],
    [{ from: 1, to: 2 ** 32 }, `seeds: expected ${expected}, got { from: 1, to: 4294967296 }`],
    [{ from: 1 }, `seeds: expected ${expected}, got { from: 1 }`],
    [undefined, `seeds: expected ${expected}, got nothing`],
  ])('refuses the seeds %o before any case runs: %s', async (seeds, message) => {
    // Arrange
    const { runner, calls } = countingRunner();

    // Act
    const got = await refusal(sweep(inputs, { seeds, runner } as unknown as SweepOptions));

    // Assert
    expect(got).toBe(`config.invalid-option ${message}`);
    expect(calls()).toBe(0);
  });

  it.each([
    [{ concurrency: 0 }, 'concurrency: expected a positive integer, got 0 (number)'],
    [{ sessions: 2.5 }, 'sessions: expected a positive integer, got 2.5 (number)'],
    [
      { shard: { index: 0, count: 2 } },
      'shard: expected { index, count } with integers 1 <= index <= count, got { index: 0, count: 2 }',
    ],
    // seeds is written too, so seed is not taken for a misspelling of it.
    [
      { seed: 4 },
      "sweep: unknown option 'seed' (known: seeds, sessions, shard, runner, concurrency, clientPolicy, createClientPolicy, onResult, keepFailures)",
    ],
    [
      { keepFailure: 3 },
      "sweep: unknown option 'keepFailure' (known: seeds, sessions, shard, runner, concurrency, clientPolicy, createClientPolicy, onResult, keepFailures); did you mean keepFailures?",
    ],
  ])('refuses %o: %s', async (options, message) => {
    // Arrange
    const { runner, calls } = countingRunner();

    // Act
    const got = await refusal(sweep(inputs, { seeds: { from: 1, to: 2 }, runner, ...options }));

    // Assert
    expect(got).toBe(`config.invalid-option ${message}`);
    expect(calls()).toBe(0);
  });

  it('refuses a missing options object', async () => {
    expect(await refusal(sweep(inputs, undefined as never))).toBe(
      'config.invalid-option options: expected an object of sweep options, got nothing',
    );
  });

  it("runs every case with the sessions option instead of the scenario's own, as --sessions does", async () => {
    const report = await sweep(inputs, { seeds: { from: 1, to: 3 }, sessions: 7 });

    expect(report.totals.sessions).toBe(3 * 7);
  });

  it('refuses more sessions than an arrivals list has instants, naming the file', async () => {
    const listed = [
      {
        file: 'listed.yaml',
        scenario: {
          name: 'listed',
          apps: [{ name: 'a', baseAddress: 'net.tcp://localhost/a/' }],
          workload: { arrivals: { at: [0, 5] } },
        } satisfies ScenarioInput,
      },
    ];
    expect(await refusal(sweep(listed, { seeds: { from: 1, to: 1 }, sessions: 3 }))).toBe(
      "config.invalid-option sessions: expected at most 2 (the instants of the scenario's workload.arrivals.at) for listed.yaml, got 3 (number)",
    );
  });

  it('runs one case per seed of a range whose ends are equal', async () => {
    const report = await sweep(inputs, { seeds: { from: 0, to: 0 } });

    expect(report.totals.cases).toBe(1);
  });
});

describe('shrink', () => {
  const input = loadBundledInput('healthy-baseline');

  it.each([
    [{ seed: -1 }, 'seed: expected an integer from 0 to 4294967295, got -1 (number)'],
    [{ seed: '7' }, "seed: expected an integer from 0 to 4294967295, got '7' (string)"],
    [{ shrinkBudget: 0 }, 'shrinkBudget: expected an integer from 1 to 1000000, got 0 (number)'],
    [{ file: 3 }, 'file: expected a name for messages, got 3 (number)'],
    [
      { shrinkBuget: 5 },
      "shrink: unknown option 'shrinkBuget' (known: seed, file, runner, clientPolicy, createClientPolicy, shrinkBudget); did you mean shrinkBudget?",
    ],
  ])('refuses %o before anything runs: %s', async (options, message) => {
    // Arrange
    const { runner, calls } = countingRunner();

    // Act
    const got = await refusal(
      shrink(input, { runner, ...options } as unknown as Parameters<typeof shrink>[1]),
    );

    // Assert
    expect(got).toBe(`config.invalid-option ${message}`);
    expect(calls()).toBe(0);
  });

  it('takes no options at all', async () => {
    const report = await shrink(input);

    expect(report.failure).toBeNull();
  });
});

// A runner runs a case from data alone (a worker thread cannot take a function), so a policy
// in code beside one was never called: a threaded swarm of a no-retry policy passed with 0
// gave-ups where the same swarm in-process gave up 29 times (user report).
describe('a client policy with a runner', () => {
  const input = loadBundledInput('healthy-baseline');
  const noRetry = (): { retry: false } => ({ retry: false });
  const refused =
    "config.invalid-option clientPolicy: expected no clientPolicy with a runner (a runner takes only data, and a policy in code cannot cross to worker threads): drop runner to run the cases in-process with the policy, or write the retry as the scenario's workload.client.retry, got a function";

  it.each([
    [
      'sweep',
      (runner: CaseRunner) =>
        sweep([{ file: 'healthy-baseline', scenario: input }], {
          seeds: { from: 1, to: 2 },
          runner,
          clientPolicy: noRetry,
        }),
    ],
    [
      'swarm',
      (runner: CaseRunner) =>
        swarm({ file: 'healthy-baseline', input }, { runs: 2, runner, clientPolicy: noRetry }),
    ],
    ['shrink', (runner: CaseRunner) => shrink(input, { runner, clientPolicy: noRetry })],
  ])('%s refuses both before any case runs, saying what to do', async (_name, search) => {
    // Arrange
    const { runner, calls } = countingRunner();

    // Act
    const got = await refusal(search(runner));

    // Assert
    expect(got).toBe(refused);
    expect(calls()).toBe(0);
  });
});
