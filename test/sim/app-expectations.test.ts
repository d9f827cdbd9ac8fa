// Expectations for one app (user report: a scenario author of two apps on one port could not
// say "no 4031 for billing", and nothing said whose 80 queue-full sessions they were).
import { describe, expect, it } from 'vitest';
import { formatScenarioIssue } from '../../src/errors/scenario-error.js';
import { toJsonReport } from '../../src/report/json-report.js';
import { formatSummary } from '../../src/report/summary-report.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { recordEvents } from '../helpers/record-events.js';

/** Two apps on one port; only orders' worker fails its callbacks; orders is overloaded. */
function twoApps(expect: ScenarioInput['expect']): ScenarioInput {
  return {
    name: 'two-apps',
    seed: 21,
    appPools: [
      { name: 'OrdersPool', startMode: 'AlwaysRunning' },
      { name: 'BillingPool', startMode: 'AlwaysRunning' },
    ],
    apps: [
      {
        name: 'orders',
        baseAddress: 'net.tcp://localhost/orders/',
        appPool: 'OrdersPool',
        dispatchMs: 3,
      },
      {
        name: 'billing',
        baseAddress: 'net.tcp://localhost/billing/',
        appPool: 'BillingPool',
        dispatchMs: 3,
      },
    ],
    workload: {
      sessions: 400,
      arrivals: { poisson: { ratePerSec: 100 } },
      vias: [
        { via: 'net.tcp://localhost/orders/service.svc' },
        { via: 'net.tcp://localhost/billing/service.svc' },
        { via: 'net.tcp://localhost/nowhere/service.svc', weight: 0.1 },
      ],
    },
    faults: [{ kind: 'worker-callback-failure', probability: 0.1, target: { app: 'orders' } }],
    expect,
  };
}

describe('expectations for one app', () => {
  it('count an event for the app of its session, and an outcome for the app it was routed to', async () => {
    // Arrange
    const sim = createSimulation(
      twoApps([
        { event: 'DispatchSessionFailed', app: 'billing', count: 0 },
        { event: 4031, app: 'orders', count: { min: 1 } },
        { event: 4030, app: 'billing', count: { min: 1 } },
        { event: 4001, app: 'orders', count: { min: 1 } },
        { outcome: 'dispatched', app: 'billing', count: { min: 1 } },
        { outcome: 'dispatch-failed', app: 'billing', count: 1 },
      ]),
    );
    const events = recordEvents(sim);

    // Act
    const result = await sim.run();

    // Assert
    const outcomes = sim.outcomes();
    const ofApp = (id: number, app: string): number => {
      const sessions = new Set(outcomes.filter((o) => o.app === app).map((o) => o.sessionId));
      return events.filter(
        (e) => e.id === id && sessions.has((e.annotations as { sessionId: never }).sessionId),
      ).length;
    };
    const rows = result.expectations.map((e) => [e.description, e.met, e.observed]);
    expect(rows).toEqual([
      ['event 4031 DispatchSessionFailed for app billing count = 0', true, '0'],
      [
        'event 4031 DispatchSessionFailed for app orders count >= 1',
        true,
        String(ofApp(4031, 'orders')),
      ],
      [
        'event 4030 DispatchSessionSuccess for app billing count >= 1',
        true,
        String(ofApp(4030, 'billing')),
      ],
      [
        'event 4001 TransportListenerSessionsReceived for app orders count >= 1',
        true,
        String(ofApp(4001, 'orders')),
      ],
      [
        'outcome dispatched for app billing count >= 1',
        true,
        String(result.outcomesByApp['billing']?.dispatched),
      ],
      ['outcome dispatch-failed for app billing count = 1', false, '0'],
    ]);
    expect(ofApp(4031, 'orders')).toBe(result.eventCounts['4031']);
    expect(ofApp(4001, 'orders') + ofApp(4001, 'billing')).toBeLessThan(400);
  });

  it('break the outcomes down by app, sessions never routed apart, in the result, the JSON report and the summary', async () => {
    // Act
    const result = await createSimulation(twoApps([])).run();

    // Assert
    const { orders, billing } = result.outcomesByApp;
    expect(Object.keys(result.outcomesByApp)).toEqual(['orders', 'billing']);
    expect(orders?.['dispatch-failed']).toBe(result.outcomes['dispatch-failed']);
    expect(billing?.['dispatch-failed']).toBe(0);
    const routed = Object.values(result.outcomesByApp)
      .flatMap((counts) => Object.values(counts))
      .reduce((a, b) => a + b, 0);
    expect(routed + result.outcomes['no-route']).toBe(400);
    expect(toJsonReport({ file: 'f.yaml', result })['outcomesByApp']).toEqual(result.outcomesByApp);
    const summary = formatSummary({ file: 'f.yaml', result, wallMs: 1 });
    expect(summary).toContain('\nOutcomes by app\n');
    const ordersTotal = Object.values(orders ?? {}).reduce((a, b) => a + b, 0);
    expect(summary).toMatch(new RegExp(`\\n  orders +${ordersTotal}  dispatched `));
    expect(summary).toMatch(
      new RegExp(
        `\\n  \\(never routed\\) +${result.outcomes['no-route']}  no-route ${result.outcomes['no-route']}\\n`,
      ),
    );
  });

  it('leave the summary of a one-app run without a breakdown', async () => {
    const result = await createSimulation({
      name: 'one',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
    }).run();

    expect(formatSummary({ file: 'f.yaml', result, wallMs: 1 })).not.toContain('Outcomes by app');
  });

  // An expectation the schema refused was left out of what the cross-field rules read, and
  // the next ones were named one place early, at the wrong line (user report).
  it('name the expectation and line of an unknown app after an expectation the schema refused', () => {
    const parsed = parseScenario(
      [
        'name: demo',
        'apps:',
        '  - { name: orders, baseAddress: net.tcp://localhost/orders/ }',
        'expect:',
        '  - { counter: dispatchFailures, count: 1, bogus: 1 }',
        '  - { outcome: dispatched, app: Billing, count: 1 }',
        '',
      ].join('\n'),
      's.yaml',
    );

    expect(parsed.ok ? [] : parsed.issues.map(formatScenarioIssue)).toEqual([
      's.yaml:5: expect[0].bogus: expected no such field (unknown key) (got 1 (number))',
      "s.yaml:6: expect[1].app: expected the name of an app (orders) (got 'Billing' (string))",
    ]);
  });

  it('name an app of the scenario, and no event of no one app', () => {
    const parsed = parseScenario(
      [
        'name: demo',
        'apps:',
        '  - { name: orders, baseAddress: net.tcp://localhost/orders/ }',
        'expect:',
        '  - { event: 4031, app: order, count: 0 }',
        '  - { outcome: queue-full, app: billing, count: 0 }',
        '  - { event: WasConnected, app: orders, count: 1 }',
        '',
      ].join('\n'),
      's.yaml',
    );

    expect(parsed.ok ? [] : parsed.issues.map(formatScenarioIssue)).toEqual([
      "s.yaml:5: expect[0].app: expected the name of an app (orders) (got 'order' (string)); did you mean orders?",
      "s.yaml:6: expect[1].app: expected the name of an app (orders) (got 'billing' (string))",
      "s.yaml:7: expect[2].app: expected no app on an event of no one app: 4026 WasConnected is written for a whole listener, the pending connections or the connection to WAS (count it without app) (got 'orders' (string))",
    ]);
  });
});
