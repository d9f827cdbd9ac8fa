// `dispatchsim shrink` of a search's NDJSON output reads it as NDJSON only: parsing a merged
// swarm of thousands of cases as a YAML scenario first took most of a minute and gigabytes.
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { createFakeIo, repoRoot } from '../helpers/fake-cli-io.js';

vi.mock(import('../../src/scenario/parse-scenario.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, parseScenario: vi.fn(original.parseScenario) };
});

const fixtures = resolve(repoRoot, 'test/cli/fixtures');

describe('dispatchsim shrink', () => {
  it('parses a swarm NDJSON output as a search output, never as a YAML scenario', async () => {
    const swarmIo = createFakeIo({ cwd: fixtures });
    await runCli(
      [
        'swarm',
        'weak-retry.yaml',
        '--runs',
        '6',
        '--seed',
        '3',
        '--kinds',
        'app-pool-stop',
        '--format',
        'ndjson',
        '--no-shrink',
        '--threads',
        '1',
      ],
      swarmIo,
    );
    const shrinkIo = createFakeIo({
      cwd: fixtures,
      files: { [resolve(fixtures, 'found.ndjson')]: swarmIo.out() },
    });
    vi.mocked(parseScenario).mockClear();

    const code = await runCli(['shrink', 'found.ndjson', '--budget', '20'], shrinkIo);

    expect(code).toBe(0);
    expect(shrinkIo.err()).toMatch(/found\.ndjson case \d+ fails with seed \d+/);
    expect(vi.mocked(parseScenario).mock.calls.map(([, file]) => file)).not.toContain(
      'found.ndjson',
    );
  });
});
