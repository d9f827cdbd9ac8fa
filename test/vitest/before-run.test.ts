// Listeners of one's own beside the matchers (user report): runScenario gave no way to
// subscribe before its run, and a subscription after a run was taken without a word and never
// heard anything.
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/index.js';
import { installMatchers, runScenario } from '../../src/vitest/index.js';

beforeAll(() => {
  installMatchers();
});

describe('runScenario with beforeRun', () => {
  it('lets a test listen to the run the matchers then read', async () => {
    let failed = 0;
    const ended: string[] = [];

    const run = await runScenario('dup-handle-failure', {
      beforeRun: (simulation) => {
        simulation.events.on(4031, () => failed++);
        simulation.onOutcome((outcome) => ended.push(outcome.kind));
      },
      record: { events: [4031], outcomes: false },
    });

    expect(failed).toBeGreaterThan(0);
    expect(run).toHaveEmitted(4031, failed);
    expect(ended).toHaveLength(run.result.sessions);
  });

  // Listeners subscribed after an await heard 8 of 71 events (user report).
  it('awaits an async beforeRun before the run starts', async () => {
    let heard = 0;

    const run = await runScenario('dup-handle-failure', {
      beforeRun: async (simulation) => {
        await Promise.resolve();
        simulation.events.on('event', () => heard++);
      },
      record: { events: [], outcomes: false },
    });

    expect(heard).toBe(Object.values(run.result.eventCounts).reduce((a, b) => a + b, 0));
    expect(heard).toBeGreaterThan(0);
  });

  it('refuses a beforeRun that is not a function', async () => {
    await expect(runScenario('dup-handle-failure', { beforeRun: 5 as never })).rejects.toThrow(
      'runScenario: beforeRun: expected a function (simulation) => void, called before the run starts, got 5 (number)',
    );
  });
});

describe('a subscription after the run', () => {
  it('is refused, as nothing would ever come', async () => {
    const simulation = createSimulation({
      name: 'after',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
      workload: { sessions: 1 },
    });
    await simulation.run();

    expect(() => simulation.events.on(4031, () => undefined)).toThrow(
      "events.on(4031): the run of scenario 'after' (seed 1) has ended, so no event will come: subscribe before run() (runScenario: its beforeRun option)",
    );
    expect(() => simulation.onOutcome(() => undefined)).toThrow(
      "onOutcome: the run of scenario 'after' (seed 1) has ended, so no outcome will come: subscribe before run() (runScenario: its beforeRun option)",
    );
  });
});
