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

describe('serveNotes', () => {
  it('says nothing of a scenario with no workload, no expectations and no timed rule', () => {
    expect(serveNotes(scenario('faults:\n  - { kind: no-route, nthSession: 2 }\n'))).toEqual([]);
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
      ),
    ).toEqual([
      'serve ignores workload (sessions: 3) and expect (1 expectation): your clients drive the load',
      'faults[0] queue-paused applies from 2000 ms after listening',
      'faults[2] worker-crash fires at 100 ms after listening',
      'faults[3] service-pause applies from 10 to 20 ms after listening',
    ]);
  });
});
