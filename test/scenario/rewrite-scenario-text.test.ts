// rewriteScenarioText keeps what a person wrote where the data did not change (a shrunk
// scenario lost its header comment and layout, user report) and always reads back as the
// new data.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rewriteScenarioText } from '../../src/scenario/rewrite-scenario-text.js';
import { lines } from '../helpers/malformed-scenarios.js';

const text = lines(
  '# crash-demo: the worker crashes mid-dispatch.',
  '#',
  '# Teaches: the session in flight is lost.',
  '',
  'name: crash-demo',
  "description: 'A long description that yaml would fold at eighty columns if it were let to do so'",
  'apps:',
  '  - name: orders # the only app',
  '    baseAddress: net.tcp://localhost/orders/',
  'workload:',
  '  sessions: 40',
  '  arrivals: { fixed: { intervalMs: 20 } }',
  'faults:',
  '  - { kind: worker-crash, atMs: 300 }',
  '  - { kind: no-route, probability: 0.5 }',
  'expect:',
  '  - { outcome: dispatched, count: 39 }',
);
const data = parse(text) as Record<string, unknown>;
const header = ['Shrunk by dispatchsim shrink from crash-demo.yaml', 'Replay: dispatchsim run x'];

describe('rewriteScenarioText', () => {
  it('keeps the header comment, comments, quoting and flow style where the data is unchanged', () => {
    const after = { ...data, workload: { sessions: 2, arrivals: { fixed: { intervalMs: 20 } } } };

    const written = rewriteScenarioText({ text, data }, after, header);

    expect(written).toBe(
      lines(
        '# Shrunk by dispatchsim shrink from crash-demo.yaml',
        '# Replay: dispatchsim run x',
        '',
        '# crash-demo: the worker crashes mid-dispatch.',
        '#',
        '# Teaches: the session in flight is lost.',
        '',
        'name: crash-demo',
        "description: 'A long description that yaml would fold at eighty columns if it were let to do so'",
        'apps:',
        '  - name: orders # the only app',
        '    baseAddress: net.tcp://localhost/orders/',
        'workload:',
        '  sessions: 2',
        '  arrivals: { fixed: { intervalMs: 20 } }',
        'faults:',
        '  - { kind: worker-crash, atMs: 300 }',
        '  - { kind: no-route, probability: 0.5 }',
        'expect:',
        '  - { outcome: dispatched, count: 39 }',
      ),
    );
  });

  it('edits a list whose length changed, adds new fields and drops removed ones', () => {
    const { description: _, ...rest } = data;
    const after = {
      ...rest,
      faults: [{ kind: 'worker-crash', atMs: 310 }],
      expect: [{ outcome: 'dispatched', count: 39 }, { invariant: 'balanced' }],
      seed: 7,
    };

    const written = rewriteScenarioText({ text, data }, after, header);

    expect(parse(written)).toEqual(after);
    expect(written).toContain('  - name: orders # the only app\n');
    expect(written).toContain('faults:\n  - { kind: worker-crash, atMs: 310 }\nexpect:\n');
    expect(written).toContain(
      'expect:\n  - { outcome: dispatched, count: 39 }\n  - { invariant: balanced }\n',
    );
    expect(written).not.toContain('description');
    expect(written.endsWith('seed: 7\n')).toBe(true);
  });

  it('writes a JSON source in YAML under the header, as the data alone', () => {
    const json = JSON.stringify(data);
    const after = { ...data, seed: 3 };

    const written = rewriteScenarioText({ text: json, data }, after, header);

    expect(written.startsWith('# Shrunk by dispatchsim shrink from crash-demo.yaml\n')).toBe(true);
    expect(written).not.toContain('{ "name"');
    expect(parse(written)).toEqual(after);
  });

  it('does not edit a source with anchors, where one edit would change every alias', () => {
    const anchored = lines(
      '# anchored',
      'name: anchored',
      'apps:',
      '  - name: a',
      '    baseAddress: net.tcp://localhost/a/',
      '    dispatchMs: &slow 50',
      '  - name: b',
      '    baseAddress: net.tcp://localhost/b/',
      '    dispatchMs: *slow',
    );
    const before = parse(anchored) as { apps: Record<string, unknown>[] };
    const after = { ...before, apps: [{ ...before.apps[0], dispatchMs: 5 }, before.apps[1]] };

    const written = rewriteScenarioText({ text: anchored, data: before }, after, header);

    expect(written).not.toContain('# anchored');
    expect(parse(written)).toEqual(after);
  });

  // A shrunk file kept `sessions: 2 # many sessions` and, above the fault rule kept, the
  // comment of the first one, shrunk away (user report).
  it('drops the comment beside a changed value, and the one of a first item removed', () => {
    const commented = lines(
      'name: c',
      'apps:',
      '  - { name: orders, baseAddress: net.tcp://localhost/orders/ }',
      'workload:',
      '  sessions: 40 # many sessions',
      '  startMs: 5 # a little late',
      'faults:',
      '  # rule A: irrelevant',
      '  - { kind: queue-paused, fromMs: 0, toMs: 10 }',
      '  # rule B: the one that fails',
      '  - { kind: worker-crash, atMs: 300 }',
    );
    const before = parse(commented) as Record<string, unknown>;
    const after = {
      ...before,
      workload: { sessions: 2, startMs: 5 },
      faults: [{ kind: 'worker-crash', atMs: 300 }],
    };

    const written = rewriteScenarioText({ text: commented, data: before }, after, header);

    expect(written).toContain('  sessions: 2\n  startMs: 5 # a little late\n');
    expect(written).toContain(
      'faults:\n  # rule B: the one that fails\n  - { kind: worker-crash, atMs: 300 }\n',
    );
    expect(written).not.toContain('rule A');
  });
});
