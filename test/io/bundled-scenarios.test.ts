// The bundled scenarios by bare name (issue 15): every API that reads a scenario takes the
// name `dispatchsim list` shows, from any working directory, and the library lists and locates
// the bundled files.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bundledScenarioPath,
  bundledScenariosDir,
  listBundledScenarios,
  readScenarioText,
} from '../../src/io/bundled-scenarios.js';
import { loadScenario, loadScenarioInput } from '../../src/io/load-scenario.js';
import { runScenario } from '../../src/vitest/run-scenario.js';
import { swarmScenario } from '../../src/vitest/swarm-scenario.js';

const files = readdirSync(bundledScenariosDir())
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('listBundledScenarios', () => {
  it('lists every bundled file by bare name, with its path and first description line', async () => {
    const listed = await listBundledScenarios();

    expect(listed.map((s) => `${s.name}.yaml`)).toEqual(files);
    expect(listed.every((s) => s.path === join(bundledScenariosDir(), `${s.name}.yaml`))).toBe(
      true,
    );
    expect(listed.find((s) => s.name === 'dup-handle-failure')?.description).toMatch(/^F1/);
    expect(listed.every((s) => s.description !== '' && !s.description.includes('\n'))).toBe(true);
  });
});

describe('bundledScenarioPath', () => {
  it.each(['dup-handle-failure', 'dup-handle-failure.yaml'])('locates %s', (name) => {
    expect(bundledScenarioPath(name)).toBe(join(bundledScenariosDir(), 'dup-handle-failure.yaml'));
  });

  it.each(['no-such-scenario', 'scenarios/dup-handle-failure.yaml', '../etc/passwd', 'Dup'])(
    'gives undefined for %s, which names no bundled scenario',
    (name) => {
      expect(bundledScenarioPath(name)).toBeUndefined();
    },
  );
});

describe('readScenarioText', () => {
  it('prefers a file of that name in the working directory over the bundled one', async () => {
    const read = (path: string): Promise<string> =>
      path === '/project/dup-handle-failure'
        ? Promise.resolve('mine')
        : Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));

    const found = await readScenarioText('dup-handle-failure', read, '/project');

    expect(found).toEqual({ text: 'mine', path: '/project/dup-handle-failure' });
  });

  it('reports the file the user named when neither it nor a bundled one exists', async () => {
    await expect(readScenarioText('no-such-scenario', undefined, '/')).rejects.toMatchObject({
      code: 'ENOENT',
      path: '/no-such-scenario',
    });
  });
});

describe('APIs taking a scenario take a bundled name', () => {
  it('loadScenario and loadScenarioInput read a bundled scenario by name', async () => {
    const scenario = await loadScenario('dup-handle-failure');
    const input = await loadScenarioInput('dup-handle-failure.yaml');

    expect(scenario.name).toBe('dup-handle-failure');
    expect(input.name).toBe('dup-handle-failure');
  });

  it('runScenario runs a bundled scenario by name', async () => {
    const run = await runScenario('dup-handle-failure');

    expect(run.result.eventCounts[4031]).toBe(1);
  });

  it('swarmScenario swarms a bundled scenario by name', async () => {
    const report = await swarmScenario('healthy-baseline', {
      runs: 2,
      kinds: ['worker-crash'],
      shrink: false,
    });

    expect([report.file, report.totals.cases]).toEqual(['healthy-baseline', 2]);
  });

  it('names the missing file in the error when a name is no bundled scenario', async () => {
    await expect(loadScenario('no-such-scenario')).rejects.toMatchObject({
      code: 'scenario.invalid',
      // A relative path: where it looked is named.
      message: `no-such-scenario: expected a readable scenario file (got no such file: ${resolve('no-such-scenario')})`,
    });
  });

  it('says an empty path is empty, not the working directory', async () => {
    await expect(loadScenario('')).rejects.toMatchObject({
      code: 'scenario.invalid',
      message: "'': expected a scenario file or a bundled scenario's name (got an empty path)",
    });
  });

  it('suggests the bundled scenario a missing bare name is closest to', async () => {
    await expect(loadScenario('dup-handle')).rejects.toMatchObject({
      code: 'scenario.invalid',
      message: `dup-handle: expected a readable scenario file (got no such file: ${resolve('dup-handle')}); did you mean dup-handle-failure?`,
    });
  });
});
