// Every session-activity event carries its session's request and attempt, which its type now
// promises (user report: a 4031 needed a guard to be joined to its request, though the
// annotations were always there). Checked over every bundled scenario.
import { describe, expect, it } from 'vitest';
import { listBundledScenarios } from '../../src/io/bundled-scenarios.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import { createSimulation } from '../../src/sim/simulation.js';

describe('the annotations of session-activity events', () => {
  it('name the request and the attempt in every bundled scenario', async () => {
    const missing: string[] = [];
    let seen = 0;
    for (const { name } of await listBundledScenarios()) {
      const sim = createSimulation(await loadScenario(name), { recordOutcomes: false });
      sim.events.on('event', (e) => {
        if (!('activityId' in e)) return;
        seen++;
        const { clientId, attempt } = e.annotations as { clientId?: unknown; attempt?: unknown };
        if (typeof clientId !== 'number' || typeof attempt !== 'number') {
          missing.push(`${name}: ${e.id} at ${e.atMs} ms`);
        }
      });
      await sim.run().catch(() => undefined);
    }

    expect(seen).toBeGreaterThan(1000);
    expect(missing).toEqual([]);
  });
});
