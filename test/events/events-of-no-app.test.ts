// Which events can be counted for one app (`{ event, app, count }`, user report: "no 4031 for
// app B" could not be said). Checked over every bundled scenario: the events of no one app
// never name one; every other event names its app or belongs to a session whose outcome
// names it; and the tally holds no session once the run is over.
import { describe, expect, it } from 'vitest';
import { eventsOfNoApp } from '../../src/events/events-of-no-app.js';
import { listBundledScenarios } from '../../src/io/bundled-scenarios.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import { AppEventTally, appEventKey } from '../../src/sim/app-event-tally.js';
import { createSimulation } from '../../src/sim/simulation.js';

describe('the events of no one app', () => {
  it('never name an app, and the others count for the app of their session in every bundled scenario', async () => {
    const namingAnApp: string[] = [];
    const unattributed: string[] = [];
    let counted = 0;
    for (const { name } of await listBundledScenarios()) {
      const scenario = await loadScenario(name);
      const sim = createSimulation(scenario, { recordOutcomes: false });
      const tally = new AppEventTally();
      const totals = new Map<number, number>();
      const ofUnroutedSessions = new Map<number, number>();
      const sessionEvents = new Map<number, number[]>();
      sim.events.on('event', (e) => {
        const { app, sessionId } = e.annotations as { app?: unknown; sessionId?: number };
        if (eventsOfNoApp.has(e.id)) {
          if (app !== undefined) namingAnApp.push(`${name}: ${e.id} names ${JSON.stringify(app)}`);
          return;
        }
        totals.set(e.id, (totals.get(e.id) ?? 0) + 1);
        tally.onEvent(e);
        if (app === undefined && sessionId !== undefined) {
          sessionEvents.set(sessionId, [...(sessionEvents.get(sessionId) ?? []), e.id]);
        } else if (app === undefined) {
          unattributed.push(`${name}: ${e.id} at ${e.atMs} ms has neither app nor session`);
        }
      });
      sim.onOutcome((outcome) => {
        tally.onOutcome(outcome);
        if (outcome.app === null) {
          for (const id of sessionEvents.get(outcome.sessionId) ?? []) {
            ofUnroutedSessions.set(id, (ofUnroutedSessions.get(id) ?? 0) + 1);
          }
        }
        sessionEvents.delete(outcome.sessionId);
      });
      await sim.run().catch(() => undefined);

      const counts = tally.counts();
      for (const [id, total] of totals) {
        const perApp = scenario.apps.reduce(
          (sum, app) => sum + (counts.get(appEventKey(id, app.name)) ?? 0),
          0,
        );
        counted += perApp;
        expect(perApp + (ofUnroutedSessions.get(id) ?? 0), `${name}: event ${id}`).toBe(total);
      }
      expect(tally.waitingSessions, `${name}: sessions left waiting`).toBe(0);
      expect(sessionEvents.size, `${name}: session events after the outcome`).toBe(0);
    }

    expect(counted).toBeGreaterThan(1000);
    expect(namingAnApp).toEqual([]);
    expect(unattributed).toEqual([]);
  });
});
