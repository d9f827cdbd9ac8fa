// sweep takes [{ file, scenario }] and swarm takes { file, input } (user report): from plain
// JavaScript, one's shape passed to the other was read as a missing scenario, and the error
// named the file (`orders.yaml: expected a required mapping (got nothing)`), which exists, and
// not the key. Each now names the shape it takes and the one it got, before any case runs.
import { describe, expect, it } from 'vitest';
import type { CaseRunner } from '../../src/search/run-in-order.js';
import { swarm } from '../../src/search/swarm.js';
import { sweep } from '../../src/search/sweep.js';
import { loadBundledInput } from '../helpers/run-bundled.js';
import { refusal } from '../helpers/refusal.js';

const scenario = loadBundledInput('healthy-baseline');
const neverRuns: CaseRunner = () => Promise.reject(new Error('no case should run'));

describe('swarm', () => {
  it.each([
    [
      "sweep's { file, scenario }",
      { file: 'orders.yaml', scenario },
      'base: expected { file, input } (swarm takes the scenario as input; { file, scenario } is what sweep takes), got a mapping with keys file, scenario',
    ],
    [
      "sweep's list",
      [{ file: 'orders.yaml', scenario }],
      'base: expected { file, input } (swarm takes one scenario, not a list as sweep does), got a list of 1',
    ],
    [
      'no file',
      { input: scenario },
      'base: expected { file, input }, got a mapping with keys input',
    ],
    ['nothing', undefined, 'base: expected { file, input }, got nothing'],
  ])('refuses %s before any case runs: %s', async (_given, base, message) => {
    // Act
    const got = await refusal(swarm(base as never, { runs: 1, runner: neverRuns }));

    // Assert
    expect(got).toBe(`config.invalid-option ${message}`);
  });
});

describe('sweep', () => {
  it.each([
    [
      "swarm's { file, input } in a list",
      [{ file: 'orders.yaml', input: scenario }],
      'inputs[0]: expected { file, scenario } (sweep takes each scenario as scenario; { file, input } is what swarm takes), got a mapping with keys file, input',
    ],
    [
      "swarm's { file, input }",
      { file: 'orders.yaml', input: scenario },
      'inputs: expected a list of { file, scenario }, got a mapping with keys file, input',
    ],
    [
      'a file that is no name',
      [
        { file: 'a.yaml', scenario },
        { file: 3, scenario },
      ],
      'inputs[1]: expected { file, scenario }, got a mapping with keys file, scenario',
    ],
  ])('refuses %s before any case runs: %s', async (_given, inputs, message) => {
    // Act
    const got = await refusal(
      sweep(inputs as never, { seeds: { from: 1, to: 1 }, runner: neverRuns }),
    );

    // Assert
    expect(got).toBe(`config.invalid-option ${message}`);
  });
});
