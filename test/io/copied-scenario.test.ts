// A scenario from loadScenario copied and changed (`{ ...base, workload: { ...base.workload,
// sessions: 20 } }`) threw on every run: the copy is no longer the object validation returned,
// so it was validated again, and its durations, already in their resolved form
// ({ kind: 'fixed', ms: 0 }), were refused (user report). Every bundled scenario, copied by
// spread, structuredClone or JSON, resolves to the scenario it was copied from.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation, loadScenario, resolveScenario } from '../../src/index.js';

const bundled = readdirSync(new URL('../../scenarios/', import.meta.url))
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => file.replace(/\.yaml$/, ''));

describe('a scenario loaded and copied', () => {
  it.each(bundled)('%s resolves to the same scenario when copied', async (name) => {
    const scenario = await loadScenario(name);

    for (const copy of [
      { ...scenario },
      structuredClone(scenario),
      JSON.parse(JSON.stringify(scenario)) as unknown,
    ]) {
      expect(resolveScenario(copy as typeof scenario)).toEqual(scenario);
    }
  });

  it('runs with a changed workload', async () => {
    const base = await loadScenario('dup-handle-failure');

    const result = await createSimulation({
      ...base,
      workload: { ...base.workload, sessions: 20 },
    }).run();

    expect(result.sessions).toBe(20);
  });

  // Changed in place, it ran as validated: `sessions = -5` ran 0 sessions without a word,
  // `appPool = 'Nope'` ran with a pool no file could name (user report). A validated
  // scenario is frozen, so a change in place fails where it is made.
  it('refuses a change in place, which would skip validation', async () => {
    const base = await loadScenario('dup-handle-failure');

    expect(() => {
      (base.workload as { sessions: number }).sessions = -5;
    }).toThrow(TypeError);
    expect(() => {
      (base.apps[0] as { appPool: string }).appPool = 'Nope';
    }).toThrow(TypeError);
    expect(() => {
      (base.faults as unknown[]).push({ kind: 'nope' });
    }).toThrow(TypeError);
    expect(base.workload.sessions).toBe(6);
  });
});
