// What serve notes about a scenario: the workload and expectations it ignores (a workload left
// out is no note), and each fault rule bound to instants, counted from the listener's start.
import { describe, expect, it } from 'vitest';
import { serveNotes } from '../../src/live/serve-notes.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import type { Scenario } from '../../src/scenario/scenario-schema.js';

function scenario(rest: string): Scenario {
  const parsed = parseScenario(
    `name: s\napps:\n  - { name: orders, baseAddress: net.tcp://localhost/orders/ }\n${rest}`,
    's.yaml',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scenario;
}

const AT = { host: '127.0.0.1', port: 39811 };

describe('serveNotes', () => {
  it('says nothing of a scenario with no workload, no expectations and no timed rule', () => {
    expect(serveNotes(scenario('faults:\n  - { kind: no-route, nthSession: 2 }\n'), AT)).toEqual(
      [],
    );
  });

  it('names the ignored workload and expectations, and each timed rule by index', () => {
    expect(
      serveNotes(
        scenario(
          [
            'workload: { sessions: 3 }',
            'faults:',
            '  - { kind: queue-paused, fromMs: 2000 }',
            '  - { kind: protocol-disabled }',
            '  - { kind: worker-crash, atMs: 100 }',
            '  - { kind: service-pause, fromMs: 10, toMs: 20 }',
            'expect:',
            '  - { invariant: balanced }',
            '',
          ].join('\n'),
        ),
        AT,
      ),
    ).toEqual([
      'serve ignores workload (sessions: 3) and expect (1 expectation): your clients drive the load',
      'faults[0] queue-paused applies from 2000 ms after listening',
      'faults[2] worker-crash fires at 100 ms after listening',
      'faults[3] service-pause applies from 10 to 20 ms after listening',
    ]);
  });

  it('names a rule aimed at a via whose host is not the one serve prints, with both ways out', () => {
    const rules = [
      'faults:',
      '  - { kind: no-route, target: { via: net.tcp://localhost/orders/ } }',
      "  - { kind: service-activation-failure, target: { via: 'NET.TCP://127.0.0.1/orders/x.svc' } }",
      "  - { kind: no-route, target: { via: '*/orders/' } }",
      "  - { kind: no-route, target: { via: 'net.tcp://*/orders/' } }",
      '  - { kind: no-route, target: { via: net.tcp://localhost:808/orders/a.svc } }',
      '  - { kind: no-route, target: { via: net.tcp://localhost } }',
      "  - { kind: no-route, target: { via: 'net.tcp://[::1]/orders/' } }",
      '',
    ].join('\n');
    expect(serveNotes(scenario(rules), AT)).toEqual([
      "faults[0] no-route matches only vias with the host localhost (net.tcp://localhost/orders/): a client at 127.0.0.1 sends that host and misses it; point it at net.tcp://localhost:39811/…, or write the pattern as '*/orders/'",
      "faults[4] no-route matches only vias with the host localhost (net.tcp://localhost:808/orders/a.svc): a client at 127.0.0.1 sends that host and misses it; point it at net.tcp://localhost:39811/…, or write the pattern as '*/orders/a.svc'",
      "faults[5] no-route matches only vias with the host localhost (net.tcp://localhost): a client at 127.0.0.1 sends that host and misses it; point it at net.tcp://localhost:39811/…, or write the pattern as '*/'",
      "faults[6] no-route matches only vias with the host [::1] (net.tcp://[::1]/orders/): a client at 127.0.0.1 sends that host and misses it; point it at net.tcp://[::1]:39811/…, or write the pattern as '*/orders/'",
    ]);
    expect(serveNotes(scenario(rules), { host: '[::1]', port: 808 })).toHaveLength(4);
    expect(serveNotes(scenario(rules), { host: 'LocalHost', port: 808 })[0]).toContain(
      'host 127.0.0.1',
    );
  });

  it('counts timed rules from the first connection when serve is told to', () => {
    const timed = scenario(
      'faults:\n  - { kind: worker-crash, atMs: 100 }\n  - { kind: service-pause, fromMs: 10, toMs: 20 }\n',
    );

    expect(serveNotes(timed, AT, 'first-connection')).toEqual([
      'faults[0] worker-crash fires at 100 ms after the first connection',
      'faults[1] service-pause applies from 10 to 20 ms after the first connection',
    ]);
  });
});
