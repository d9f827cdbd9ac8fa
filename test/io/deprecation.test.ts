// Deprecated spellings through the library (issue 15): a scenario read with loadScenario or
// given to runScenario still runs, with one DeprecationWarning naming the spelling to use.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadScenario } from '../../src/io/load-scenario.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runScenario } from '../../src/vitest/run-scenario.js';

const scenario = (requests: string): ScenarioInput => ({
  name: 'old-spelling',
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
  workload: { sessions: 2 },
  expect: [{ requests: requests, count: 0 }],
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('deprecated spellings of request figures', () => {
  it('runs a scenario object with succeeded-first-time, with one DeprecationWarning', async () => {
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);

    const run = await runScenario(scenario('succeeded-first-time'), { sessions: 2 });
    await runScenario(scenario('succeeded-first-time'));

    expect(run.result.expectations.map((e) => e.description)).toEqual([
      'requests succeededFirstTime = 0',
    ]);
    expect(emitted.mock.calls).toEqual([
      [
        "<scenario>: deprecated: expect[0].requests: expected succeededFirstTime (the spelling 'succeeded-first-time' is accepted until the next release) (got 'succeeded-first-time' (string)); did you mean succeededFirstTime?",
        {
          type: 'DeprecationWarning',
          code: 'DISPATCHSIM_SPELLING_SUCCEEDEDFIRSTTIME',
        },
      ],
    ]);
  });

  it('loads a file with gave-up, with a DeprecationWarning naming the file and line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dispatchsim-deprecation-'));
    const file = join(dir, 'old.yaml');
    await writeFile(
      file,
      'name: old\napps: [{ name: a, baseAddress: net.tcp://localhost/a/ }]\nexpect:\n  - { requests: gave-up, count: 0 }\n',
    );
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);

    try {
      const loaded = await loadScenario(file);

      expect(loaded.expect).toEqual([{ requests: 'gaveUp', count: 0 }]);
      expect(emitted.mock.calls.map(([message]) => String(message))).toEqual([
        expect.stringMatching(/old\.yaml:4: deprecated: expect\[0\]\.requests: expected gaveUp/),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
