// loadScenario's errors for a file it cannot read, and the paths it takes (user report): a
// relative path is read from the working directory, which in a test runner is seldom the
// test's folder, so the error says where it looked.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatScenarioIssue, ScenarioError } from '../../src/errors/scenario-error.js';
import { loadScenario, loadScenarioInput } from '../../src/io/load-scenario.js';
import { validateScenario } from '../../src/scenario/validate-scenario.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { runScenario } from '../../src/vitest/run-scenario.js';
import { swarmScenario } from '../../src/vitest/swarm-scenario.js';

describe('loadScenario', () => {
  it.each(['soak.yaml', 'nested/soak.yaml'])(
    'names where it looked for the missing relative path %s',
    async (file) => {
      await expect(loadScenario(file)).rejects.toMatchObject({
        code: 'scenario.invalid',
        message: `${file}: expected a readable scenario file (got no such file: ${resolve(file)})`,
      });
    },
  );
});

// `new URL('../soak.yaml', import.meta.url)` names a file beside the test whatever the working
// directory; it was read as a scenario object, and its 16 properties were each "no such field".
describe('file: URLs', () => {
  const healthy = new URL('../../scenarios/healthy-baseline.yaml', import.meta.url);

  it('reads the file a file: URL names', async () => {
    expect((await loadScenario(healthy)).name).toBe('healthy-baseline');
    expect((await loadScenarioInput(healthy)).name).toBe('healthy-baseline');
  });

  it('names the path of a file: URL it cannot read', async () => {
    const missing = new URL('./no-such-soak.yaml', import.meta.url);

    await expect(loadScenario(missing)).rejects.toMatchObject({
      code: 'scenario.invalid',
      message: `${fileURLToPath(missing)}: expected a readable scenario file (got no such file)`,
    });
  });

  it('refuses a URL that is not a file: one', async () => {
    await expect(loadScenario(new URL('https://example.com/soak.yaml'))).rejects.toMatchObject({
      code: 'scenario.invalid',
      message:
        'https://example.com/soak.yaml: expected a readable scenario file (got a https: URL; only file: URLs name a file)',
    });
  });

  it('runs and swarms the scenario of a file: URL', async () => {
    const run = await runScenario(healthy, { sessions: 3 });
    const report = await swarmScenario(healthy, { runs: 1, sessions: 3, shrink: false });

    expect(run.result.sessions).toBe(3);
    expect(report.file).toBe(fileURLToPath(healthy));
  });

  it('says to read a URL first where a scenario object goes', () => {
    const validation = validateScenario(healthy, '<scenario>');

    expect(validation.ok ? [] : validation.issues.map(formatScenarioIssue)).toEqual([
      `<scenario>: expected a scenario object, not a URL: read the file with loadScenario(url) (got a URL: ${healthy.href})`,
    ]);
    expect(() => createSimulation(healthy as never)).toThrow(ScenarioError);
  });

  // Plain JavaScript passed a bundled name and got "expected a mapping" (user report).
  it('says to read a name or path first where a scenario object goes, in code only', () => {
    const inCode = validateScenario('dup-handle-failure', '<scenario>');
    const inFile = validateScenario('dup-handle-failure', 'str.yaml');

    expect(inCode.ok ? [] : inCode.issues.map(formatScenarioIssue)).toEqual([
      "<scenario>: expected a scenario object, not a name or path: read it with loadScenario('dup-handle-failure') first (runScenario and swarmScenario take a name or path too) (got 'dup-handle-failure')",
    ]);
    expect(inFile.ok ? [] : inFile.issues.map(formatScenarioIssue)).toEqual([
      "str.yaml: expected a mapping (got 'dup-handle-failure' (string))",
    ]);
    expect(() => createSimulation('dup-handle-failure' as never)).toThrow(ScenarioError);
  });
});
