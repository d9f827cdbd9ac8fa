// The fuzzer's scenario generator (issue 10): every scenario it draws is valid, and over a
// few hundred draws it covers every fault kind, arrival kind, hosting mode, transport,
// retry policy and service state, so the fuzzer reaches every part of the model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomScenario } from '../../src/fuzz/random-scenario.js';
import { faultKinds } from '../../src/scenario/fault-schema.js';
import { validateScenario } from '../../src/scenario/validate-scenario.js';

const SEED = 20261202;
const samples = fc.sample(randomScenario(), { seed: SEED, numRuns: 400 });
const parsed = samples.map((s) => validateScenario(s, 'fuzz'));
const scenarios = parsed.flatMap((p) => (p.ok ? [p.scenario] : []));

describe(`randomScenario (seed ${SEED}, 400 draws)`, () => {
  it('draws only valid scenarios', () => {
    const invalid = parsed.flatMap((p) => (p.ok ? [] : p.issues.slice(0, 1)));
    expect(invalid).toEqual([]);
  });

  it('covers every fault kind', () => {
    const kinds = new Set(scenarios.flatMap((s) => s.faults.map((f) => f.kind)));
    expect([...kinds].sort()).toEqual([...faultKinds].sort());
  });

  it('covers every arrival kind, hosting mode, transport, start mode and retry policy', () => {
    const seen = new Set<string>();
    for (const s of scenarios) {
      seen.add(`arrivals:${Object.keys(s.workload.arrivals)[0] ?? ''}`);
      seen.add(`retry:${s.workload.client.retry.policy}`);
      for (const app of s.apps) {
        seen.add(`hosting:${app.hosting}`);
        seen.add(`transport:${app.baseAddress.split(':')[0] ?? ''}`);
      }
      for (const pool of s.appPools) seen.add(`start:${pool.startMode}`);
      for (const state of Object.values(s.services)) seen.add(`service:${state}`);
    }
    expect([...seen].sort()).toEqual(
      [
        'arrivals:at',
        'arrivals:burst',
        'arrivals:fixed',
        'arrivals:poisson',
        'hosting:self',
        'hosting:was',
        'retry:circuit-breaker',
        'retry:exponential',
        'retry:fixed',
        'retry:none',
        'service:paused',
        'service:running',
        'service:stopped',
        'start:AlwaysRunning',
        'start:OnDemand',
        'transport:net.pipe',
        'transport:net.tcp',
      ].sort(),
    );
  });
});
