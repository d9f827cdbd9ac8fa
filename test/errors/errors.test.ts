// dispatchsim's errors (STYLE rules 23-27): a literal code, structured fields, a message
// derived from them, and a guard that works by brand rather than instanceof.
import { describe, expect, it } from 'vitest';
import { DispatchsimError, isDispatchsimError } from '../../src/errors/dispatchsim-error.js';
import { HorizonExceededError } from '../../src/errors/horizon-exceeded-error.js';
import { InvalidOptionError } from '../../src/errors/invalid-option-error.js';
import { LivelockError } from '../../src/errors/livelock-error.js';
import {
  formatScenarioIssue,
  ScenarioError,
  type ScenarioIssue,
} from '../../src/errors/scenario-error.js';
import { SimulationAlreadyRunError } from '../../src/errors/simulation-already-run-error.js';
import { SimulationStalledError } from '../../src/errors/simulation-stalled-error.js';
import { UnknownOptionError } from '../../src/errors/unknown-option-error.js';

const issue = (overrides: Partial<ScenarioIssue> = {}): ScenarioIssue => ({
  severity: 'error',
  file: 'scenarios/bad.yaml',
  line: 12,
  path: 'faults[0].probability',
  expected: 'a number from 0 to 1',
  received: '2 (number)',
  ...overrides,
});

describe('isDispatchsimError', () => {
  it.each([
    { kind: 'DispatchsimError', error: new DispatchsimError('cli.io', 'cannot read') },
    {
      kind: 'HorizonExceededError',
      error: new HorizonExceededError({ atMs: 1, steps: 1, open: 1, horizonMs: 1 }),
    },
    {
      kind: 'SimulationStalledError',
      error: new SimulationStalledError({ atMs: 1, steps: 1, open: 1 }),
    },
    {
      kind: 'LivelockError',
      error: new LivelockError({ atMs: 1, steps: 1, open: 1, owner: 'idle-timeout', repeats: 1 }),
    },
    {
      kind: 'SimulationAlreadyRunError',
      error: new SimulationAlreadyRunError({ scenario: 'orders', seed: 1 }),
    },
    { kind: 'InvalidOptionError', error: new InvalidOptionError('seed', 'an integer', 'x') },
    {
      kind: 'UnknownOptionError',
      error: new UnknownOptionError({ owner: 'swarm', key: 'run', known: ['runs'], received: 5 }),
    },
    { kind: 'ScenarioError', error: new ScenarioError('bad.yaml', [issue()]) },
  ])('recognises a $kind', ({ error }) => {
    // Arrange
    const caught: unknown = error;

    // Act
    const recognised = isDispatchsimError(caught);

    // Assert
    expect(recognised).toBe(true);
  });

  it('recognises an error from a different copy of the package by its brand', () => {
    // Arrange: another install has its own classes, but the same registered symbol.
    const foreign: unknown = Object.assign(new Error('from another copy'), {
      code: 'scenario.invalid',
      [Symbol.for('dispatchsim.error')]: true,
    });
    const plainObject: unknown = { [Symbol.for('dispatchsim.error')]: true };

    // Act
    const recognised = [isDispatchsimError(foreign), isDispatchsimError(plainObject)];

    // Assert
    expect(recognised).toEqual([true, true]);
    expect(foreign).not.toBeInstanceOf(DispatchsimError);
  });

  it.each([
    { kind: 'a plain Error', value: new Error('boom') },
    { kind: 'a RangeError', value: new RangeError('out of range') },
    { kind: 'an object with a code but no brand', value: { code: 'sim.stalled' } },
    {
      kind: 'an unregistered symbol of the same name',
      value: { [Symbol('dispatchsim.error')]: true },
    },
    { kind: 'null', value: null },
    { kind: 'undefined', value: undefined },
    { kind: 'a string', value: 'dispatchsim.error' },
    { kind: 'a number', value: 42 },
  ])('rejects $kind', ({ value }) => {
    // Arrange
    const caught: unknown = value;

    // Act
    const recognised = isDispatchsimError(caught);

    // Assert
    expect(recognised).toBe(false);
  });
});

describe('DispatchsimError', () => {
  it('keeps its code and message and is an Error', () => {
    // Arrange / Act
    const error = new DispatchsimError('cli.bad-flag', 'unknown flag --x');

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.code, error.message]).toEqual([
      'DispatchsimError',
      'cli.bad-flag',
      'unknown flag --x',
    ]);
  });

  it.each([
    {
      name: 'HorizonExceededError',
      error: new HorizonExceededError({ atMs: 1, steps: 1, open: 1, horizonMs: 1 }),
    },
    {
      name: 'SimulationStalledError',
      error: new SimulationStalledError({ atMs: 1, steps: 1, open: 1 }),
    },
    {
      name: 'LivelockError',
      error: new LivelockError({ atMs: 1, steps: 1, open: 1, owner: 'idle-timeout', repeats: 1 }),
    },
    {
      name: 'SimulationAlreadyRunError',
      error: new SimulationAlreadyRunError({ scenario: 'orders', seed: 1 }),
    },
    { name: 'InvalidOptionError', error: new InvalidOptionError('seed', 'an integer', 'x') },
    {
      name: 'UnknownOptionError',
      error: new UnknownOptionError({ owner: 'swarm', key: 'run', known: ['runs'], received: 5 }),
    },
    { name: 'ScenarioError', error: new ScenarioError('bad.yaml', [issue()]) },
  ])('names a subclass instance $name', ({ name, error }) => {
    // Arrange
    const expected = name;

    // Act
    const actual = error.name;

    // Assert
    expect(actual).toBe(expected);
    expect(error).toBeInstanceOf(DispatchsimError);
  });
});

describe('HorizonExceededError', () => {
  it('derives its message from the virtual time, steps and open sessions', () => {
    // Arrange
    const fields = { atMs: 60000.5, steps: 1234, open: 7, horizonMs: 60000 };

    // Act
    const error = new HorizonExceededError(fields);

    // Assert
    expect(error).toMatchObject({ code: 'sim.horizon-exceeded', ...fields });
    expect(error.message).toBe(
      'The run passed its horizon of 60000 ms: at 60000.5 ms of virtual time, after 1234 steps, 7 sessions or requests had no outcome (raise horizonMs for a longer run)',
    );
  });

  // "13601 sessions or requests had no outcome" when 13,600 of them had not even arrived: a
  // user looked for 13,601 stuck sessions (user report).
  it('tells first attempts that never arrived from sessions in flight', () => {
    // Arrange
    const fields = {
      atMs: 86400000,
      steps: 172801,
      open: 13601,
      notArrived: 13600,
      horizonMs: 86400000,
    };

    // Act
    const error = new HorizonExceededError(fields);

    // Assert
    expect(error).toMatchObject(fields);
    expect(error.message).toBe(
      'The run passed its horizon of 86400000 ms: at 86400000 ms of virtual time, after 172801 steps, 13600 first attempts never arrived before the horizon and 1 session or request in flight had no outcome (raise horizonMs for a longer run)',
    );
  });
});

describe('SimulationStalledError', () => {
  it('derives its message from the virtual time, steps and open sessions', () => {
    // Arrange
    const fields = { atMs: 250, steps: 40, open: 3 };

    // Act
    const error = new SimulationStalledError(fields);

    // Assert
    expect(error).toMatchObject({ code: 'sim.stalled', ...fields });
    expect(error.message).toBe(
      'The run stalled at 250 ms of virtual time after 40 steps: nothing more is scheduled, yet 3 sessions or requests have no outcome',
    );
  });
});

describe('the run-ending errors', () => {
  it.each([
    {
      kind: 'SimulationStalledError',
      error: new SimulationStalledError({ atMs: 250, steps: 1, open: 1 }),
      message:
        'The run stalled at 250 ms of virtual time after 1 step: nothing more is scheduled, yet 1 session or request has no outcome',
    },
    {
      kind: 'HorizonExceededError',
      error: new HorizonExceededError({ atMs: 60000.5, steps: 1, open: 1, horizonMs: 60000 }),
      message:
        'The run passed its horizon of 60000 ms: at 60000.5 ms of virtual time, after 1 step, 1 session or request had no outcome (raise horizonMs for a longer run)',
    },
    {
      kind: 'LivelockError',
      error: new LivelockError({ atMs: 5, steps: 1, open: 1, owner: 'idle-timeout', repeats: 1 }),
      message:
        "The run is stuck at 5 ms of virtual time: a timer of 'idle-timeout' fired 1 time at that instant with nothing happening (1 step in all, 1 session or request without an outcome)",
    },
  ])(
    'speaks of one session or request, and one step, in the singular: $kind',
    ({ error, message }) => {
      // Arrange / Act
      const actual = error.message;

      // Assert
      expect(actual).toBe(message);
    },
  );

  it('keeps the plural for more than one: LivelockError', () => {
    // Arrange / Act
    const error = new LivelockError({
      atMs: 5,
      steps: 100_003,
      open: 2,
      owner: 'idle-timeout',
      repeats: 100_000,
    });

    // Assert
    expect(error.message).toBe(
      "The run is stuck at 5 ms of virtual time: a timer of 'idle-timeout' fired 100000 times at that instant with nothing happening (100003 steps in all, 2 sessions or requests without an outcome)",
    );
  });
});

describe('SimulationAlreadyRunError', () => {
  it('derives its message from the scenario and seed, and says how to run again', () => {
    // Arrange
    const fields = { scenario: 'orders', seed: 7 };

    // Act
    const error = new SimulationAlreadyRunError(fields);

    // Assert
    expect(error).toMatchObject({ code: 'sim.already-run', ...fields });
    expect(error.message).toBe(
      "Simulation.run() was already called for scenario 'orders' (seed 7): a Simulation runs once; create another with createSimulation to run again",
    );
  });
});

describe('InvalidOptionError', () => {
  it.each([
    { received: 'abc', shown: "'abc' (string)" },
    { received: 1.5, shown: '1.5 (number)' },
    { received: -1, shown: '-1 (number)' },
    { received: true, shown: 'true (boolean)' },
    { received: null, shown: 'null' },
    { received: undefined, shown: 'nothing' },
    { received: [1, 2], shown: '[1, 2]' },
    { received: { a: 1 }, shown: '{ a: 1 }' },
    { received: () => 1, shown: 'a function' },
    { received: Symbol('s'), shown: 'symbol' },
  ])('shows $received as $shown', ({ received, shown }) => {
    // Arrange
    const option = 'seed';

    // Act
    const error = new InvalidOptionError(option, 'an integer from 0 to 4294967295', received);

    // Assert
    expect(error.message).toBe(`seed: expected an integer from 0 to 4294967295, got ${shown}`);
  });

  it('keeps the option, expectation and value, with the library code by default', () => {
    // Arrange / Act
    const error = new InvalidOptionError('tieOrder', "'fifo' or 'shuffled'", 'random');

    // Assert
    expect(error).toMatchObject({
      code: 'config.invalid-option',
      option: 'tieOrder',
      expected: "'fifo' or 'shuffled'",
      received: 'random',
    });
  });

  it('takes the command-line code for a bad flag', () => {
    // Arrange / Act
    const error = new InvalidOptionError('--format', 'text, json or ndjson', 'xml', 'cli.bad-flag');

    // Assert
    expect(error.code).toBe('cli.bad-flag');
    expect(error.message).toBe("--format: expected text, json or ndjson, got 'xml' (string)");
  });
});

describe('formatScenarioIssue', () => {
  it.each([
    {
      shape: 'file:line: path: expected X (got Y)',
      issue: issue(),
      line: 'scenarios/bad.yaml:12: faults[0].probability: expected a number from 0 to 1 (got 2 (number))',
    },
    {
      shape: 'file: path: … without a line',
      issue: issue({ line: undefined }),
      line: 'scenarios/bad.yaml: faults[0].probability: expected a number from 0 to 1 (got 2 (number))',
    },
    {
      shape: 'file:line: … without a path',
      issue: issue({ path: '', expected: 'a mapping', received: 'a list' }),
      line: 'scenarios/bad.yaml:12: expected a mapping (got a list)',
    },
    {
      shape: 'file:line: warning: path: … for a warning',
      issue: issue({ severity: 'warning' }),
      line: 'scenarios/bad.yaml:12: warning: faults[0].probability: expected a number from 0 to 1 (got 2 (number))',
    },
  ])('gives the one-line shape $shape', ({ issue: input, line }) => {
    // Arrange
    const value = input;

    // Act
    const formatted = formatScenarioIssue(value);

    // Assert
    expect(formatted).toBe(line);
    expect(formatted).not.toContain('\n');
  });
});

describe('ScenarioError', () => {
  it('keeps the file and issues and lists one issue per line in its message', () => {
    // Arrange
    const issues = [
      issue(),
      issue({ line: 3, path: 'name', expected: 'a string', received: 'nothing' }),
    ];

    // Act
    const error = new ScenarioError('scenarios/bad.yaml', issues);

    // Assert
    expect(error).toMatchObject({ code: 'scenario.invalid', file: 'scenarios/bad.yaml', issues });
    expect(error.message.split('\n')).toEqual(issues.map(formatScenarioIssue));
  });
});

describe('UnknownOptionError', () => {
  it('derives its message from the function, the key, the known options and the suggestion', () => {
    // Arrange
    const fields = {
      owner: 'exponentialBackoff',
      key: 'maxDelay',
      known: ['baseMs', 'maxDelayMs'],
      received: 5,
      suggestion: 'maxDelayMs',
      option: 'exponentialBackoff.maxDelay',
    };

    // Act
    const error = new UnknownOptionError(fields);

    // Assert
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({
      code: 'config.invalid-option',
      owner: 'exponentialBackoff',
      key: 'maxDelay',
      option: 'exponentialBackoff.maxDelay',
      known: ['baseMs', 'maxDelayMs'],
      expected: 'one of baseMs, maxDelayMs',
      received: 5,
      suggestion: 'maxDelayMs',
    });
    expect(error.message).toBe(
      "exponentialBackoff: unknown option 'maxDelay' (known: baseMs, maxDelayMs); did you mean maxDelayMs?",
    );
  });

  it('names the option by its key and leaves out the hint when nothing is close', () => {
    // Arrange / Act
    const error = new UnknownOptionError({
      owner: 'swarm',
      key: 'colour',
      known: ['runs'],
      received: 'red',
    });

    // Assert
    expect(error.option).toBe('colour');
    expect(error.message).toBe("swarm: unknown option 'colour' (known: runs)");
  });
});
