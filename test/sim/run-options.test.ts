// Run options are checked like every boundary input (STYLE rules 21, 26): a bad one throws
// InvalidOptionError (`config.invalid-option`) naming the option, what it takes and what it
// got; the defaults are filled in.
import { describe, expect, it } from 'vitest';
import { isDispatchsimError } from '../../src/errors/dispatchsim-error.js';
import { parseRunOptions, type RunOptions } from '../../src/sim/run-options.js';

function messageOf(options: unknown): string {
  try {
    parseRunOptions(options as RunOptions);
  } catch (error: unknown) {
    if (isDispatchsimError(error)) return `${error.code} ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('parseRunOptions', () => {
  it('fills in the defaults', () => {
    expect(parseRunOptions({})).toEqual({ tieOrder: 'fifo', recordOutcomes: true });
    expect(parseRunOptions({ seed: 0, sessions: 1, horizonMs: 1e12 })).toEqual({
      seed: 0,
      sessions: 1,
      horizonMs: 1e12,
      tieOrder: 'fifo',
      recordOutcomes: true,
    });
  });

  it.each([
    [{ seed: -1 }, 'seed: expected an integer from 0 to 4294967295, got -1 (number)'],
    [{ seed: 2 ** 32 }, 'seed: expected an integer from 0 to 4294967295, got 4294967296 (number)'],
    [{ seed: 1.5 }, 'seed: expected an integer from 0 to 4294967295, got 1.5 (number)'],
    [{ sessions: 0 }, 'sessions: expected a positive integer, got 0 (number)'],
    [{ horizonMs: 0 }, 'horizonMs: expected a positive number of ms, at most 1e12, got 0 (number)'],
    [
      { horizonMs: 1e12 + 1 },
      'horizonMs: expected a positive number of ms, at most 1e12, got 1000000000001 (number)',
    ],
    [{ tieOrder: 'random' }, "tieOrder: expected 'fifo' or 'shuffled', got 'random' (string)"],
    [
      { tieOrder: 'shuffle' },
      "tieOrder: expected 'fifo' or 'shuffled', got 'shuffle' (string); did you mean shuffled?",
    ],
    [{ recordOutcomes: 'yes' }, "recordOutcomes: expected true or false, got 'yes' (string)"],
    [
      { clientPolicy: 'retry' },
      "clientPolicy: expected a function (report, context) => decision, got 'retry' (string)",
    ],
    [
      { onProgress: 1 },
      'onProgress: expected a function (done, total, progress) => void, got 1 (number)',
    ],
    [
      { onStep: true },
      'onStep: expected a function () => PromiseLike<unknown> | void, got true (boolean)',
    ],
  ])('refuses %o: %s', (options, message) => {
    expect(messageOf(options)).toBe(`config.invalid-option ${message}`);
  });

  // The unknown key itself is named (not "got 'an unknown option'"), with createSimulation's
  // options and the one it most likely misspells.
  it.each([
    [
      { sed: 1 },
      "createSimulation: unknown option 'sed' (known: seed, sessions, horizonMs, tieOrder, recordOutcomes, clientPolicy, onProgress, onStep); did you mean seed?",
    ],
    [
      { seeds: 3 },
      "createSimulation: unknown option 'seeds' (known: seed, sessions, horizonMs, tieOrder, recordOutcomes, clientPolicy, onProgress, onStep); did you mean seed?",
    ],
    [
      { seed: 1, sed: 2 },
      "createSimulation: unknown option 'sed' (known: seed, sessions, horizonMs, tieOrder, recordOutcomes, clientPolicy, onProgress, onStep)",
    ],
    [
      { colour: true },
      "createSimulation: unknown option 'colour' (known: seed, sessions, horizonMs, tieOrder, recordOutcomes, clientPolicy, onProgress, onStep)",
    ],
  ])('names the unknown option in %o and the closest known one: %s', (options, message) => {
    expect(messageOf(options)).toBe(`config.invalid-option ${message}`);
  });

  it.each([
    [null, 'options: expected an object of run options, got null'],
    ['fast', "options: expected an object of run options, got 'fast' (string)"],
    [[7], 'options: expected an object of run options, got [7]'],
  ])('refuses %o in place of the options object: %s', (options, message) => {
    expect(messageOf(options)).toBe(`config.invalid-option ${message}`);
  });

  it('keeps the functions it is given for clientPolicy, onProgress and onStep', () => {
    const clientPolicy = (): { retry: false } => ({ retry: false });
    const onProgress = (): void => undefined;
    const onStep = (): undefined => undefined;

    expect(parseRunOptions({ clientPolicy, onProgress, onStep })).toEqual({
      tieOrder: 'fifo',
      recordOutcomes: true,
      clientPolicy,
      onProgress,
      onStep,
    });
  });
});
