// parseScenario on malformed scenario texts (issue 5; STYLE rules 25-26, 36): every problem
// is one issue naming the file, the line, the field path, what was expected and what was
// received. The table gives each case's issues in their one-line form.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDispatchsimError } from '../../src/errors/dispatchsim-error.js';
import {
  formatScenarioIssue,
  formatScenarioIssues,
  ScenarioError,
} from '../../src/errors/scenario-error.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** A valid scenario the rows append to (4 lines). */
const base = lines(
  'name: demo',
  'apps:',
  '  - name: orders',
  '    baseAddress: net.tcp://localhost/orders/',
);

interface Row {
  /** What is wrong, for the title. */
  readonly field: string;
  readonly text: string;
  /** The issues, formatted with formatScenarioIssue. */
  readonly issues: readonly string[];
}

const rows: readonly Row[] = [
  {
    field: 'invalid YAML',
    text: lines('name: demo', 'apps: ['),
    issues: [
      's.yaml:3: expected valid YAML or JSON (got Flow sequence in block collection must be sufficiently indented and end with a ])',
    ],
  },
  {
    field: 'a duplicate key',
    text: lines('name: a', 'name: b'),
    issues: ['s.yaml:2: expected valid YAML or JSON (got Map keys must be unique)'],
  },
  {
    field: 'tabs as indentation',
    text: lines('name: demo', 'apps:', '\t- name: x'),
    issues: ['s.yaml:3: expected valid YAML or JSON (got Tabs are not allowed as indentation)'],
  },
  {
    field: 'an empty document',
    text: '',
    issues: [
      's.yaml:1: expected a scenario: a mapping with name, apps, workload, … (got an empty document)',
    ],
  },
  {
    field: 'a list instead of a mapping',
    text: lines('- name: demo'),
    issues: ['s.yaml:1: expected a scenario: a mapping with name, apps, workload, … (got a list)'],
  },
  {
    field: 'a missing name',
    text: lines('apps:', '  - name: orders', '    baseAddress: net.tcp://localhost/orders/'),
    issues: ['s.yaml:1: name: expected a required string (got nothing)'],
  },
  {
    field: 'missing apps',
    text: lines('name: demo'),
    issues: ['s.yaml:1: apps: expected a required list (got nothing)'],
  },
  {
    field: 'an empty app list',
    text: lines('name: demo', 'apps: []'),
    issues: ['s.yaml:2: apps: expected at least 1 item(s) (got [])'],
  },
  {
    field: 'a name that is not kebab-case',
    text: base.replace('name: demo', 'name: My Scenario'),
    issues: [
      "s.yaml:1: name: expected a kebab-case name (lower-case letters, digits and dashes) (got 'My Scenario' (string))",
    ],
  },
  {
    field: 'an unknown top-level key',
    text: `${base}extra: 1\n`,
    issues: ['s.yaml:5: extra: expected no such field (unknown key) (got 1 (number))'],
  },
  {
    field: 'an unknown nested key',
    text: `${base}    worker: 2\n`,
    issues: [
      's.yaml:5: apps[0].worker: expected no such field (unknown key) (got 2 (number)); did you mean workers?',
    ],
  },
  {
    field: 'a misspelt key',
    text: base.replace('baseAddress', 'baseAdress'),
    issues: [
      's.yaml:3: apps[0].baseAddress: expected a required string (got nothing)',
      "s.yaml:4: apps[0].baseAdress: expected no such field (unknown key) (got 'net.tcp://localhost/orders/' (string)); did you mean baseAddress?",
    ],
  },
  {
    field: 'a misspelt key of a fault target',
    text: `${base}faults:\n  - { kind: no-route, target: { ap: orders } }\n`,
    issues: [
      "s.yaml:6: faults[0].target.ap: expected no such field (unknown key) (got 'orders' (string)); did you mean app?",
    ],
  },
  {
    field: 'a misspelt fault kind',
    text: `${base}faults:\n  - { kind: no-rote }\n`,
    issues: [
      "s.yaml:6: faults[0].kind: expected a fault kind (one of preamble-timeout, bad-preamble, no-route, duplicate-handle-failure, worker-callback-failure, worker-hang, service-activation-failure, queue-paused, worker-start-failure, open-listener-channel-failure, registration-failure, worker-crash, service-pause, service-stop, app-pool-stop, app-pool-recycle, protocol-disabled, was-disconnect) (got 'no-rote' (string)); did you mean no-route?",
    ],
  },
  {
    field: 'a misspelt outcome kind',
    text: `${base}expect:\n  - { outcome: dispatch-faild, count: 1 }\n`,
    issues: [
      `s.yaml:6: expect[0].outcome: expected one of "dispatched", "dispatch-failed", "no-route", "unavailable", "queue-full", "preamble-aborted", "dropped-unavailable", "dropped-aborted", "connection-refused" (got 'dispatch-faild' (string)); did you mean dispatch-failed?`,
    ],
  },
  {
    field: 'an unknown request figure',
    text: `${base}expect:\n  - { requests: gave_up, count: 0 }\n`,
    issues: [
      `s.yaml:6: expect[0].requests: expected one of "total", "succeededFirstTime", "succeededAfterRetry", "gaveUp", "attempts" (got 'gave_up' (string)); did you mean gaveUp?`,
    ],
  },
  {
    field: 'an app in a pool appPools does not declare',
    text: lines(
      'name: demo',
      'appPools: [{ name: OrdersPool }]',
      'apps:',
      '  - name: orders',
      '    baseAddress: net.tcp://localhost/orders/',
      '    appPool: OrderPool',
    ),
    issues: [
      "s.yaml:6: apps[0].appPool: expected the name of a pool in appPools (OrdersPool) or DefaultAppPool (got 'OrderPool' (string)); did you mean OrdersPool?",
    ],
  },
  {
    field: 'an app in a pool when appPools declares none',
    text: base.replace('    baseAddress', '    appPool: Nope\n    baseAddress'),
    issues: [
      "s.yaml:4: apps[0].appPool: expected DefaultAppPool, or a pool declared in appPools (there are none) (got 'Nope' (string))",
    ],
  },
  {
    field: 'a count that can never be met',
    text: `${base}expect:\n  - { event: 4031, count: { equals: 1, min: 2 } }\n`,
    issues: [
      's.yaml:6: expect[0].count: expected a count that can be met: equals between its min and max (got { equals: 1, min: 2 })',
    ],
  },
  {
    field: 'an at list shorter than the sessions',
    text: `${base}workload:\n  sessions: 5\n  arrivals: { at: [1, 2] }\n`,
    issues: [
      's.yaml:7: workload.arrivals.at: expected an instant for each of the 5 sessions (workload.sessions), or fewer sessions (got [1, 2])',
    ],
  },
  {
    field: 'a string for a number',
    text: `${base}horizonMs: soon\n`,
    issues: ["s.yaml:5: horizonMs: expected a number (got 'soon' (string))"],
  },
  {
    field: 'a number for a string',
    text: base.replace('- name: orders', '- name: 42'),
    issues: ['s.yaml:3: apps[0].name: expected a string (got 42 (number))'],
  },
  {
    field: 'a mapping for a list',
    text: `${base}expect: { invariant: balanced }\n`,
    issues: ["s.yaml:5: expect: expected a list (got { invariant: 'balanced' })"],
  },
  {
    field: 'a negative duration',
    text: `${base}config:\n  dupHandleMs: -5\n`,
    issues: ['s.yaml:6: config.dupHandleMs: expected a number >= 0 (got -5 (number))'],
  },
  {
    field: 'an unknown duration form',
    text: `${base}config:\n  dupHandleMs: { gamma: 3 }\n`,
    issues: [
      's.yaml:6: config.dupHandleMs: expected a duration in ms: a number, { fixed: ms }, { uniform: [min, max] }, { exponential: mean }, { normal: { mean, stddev } } or { lognormal: { median, sigma } } (got { gamma: 3 })',
    ],
  },
  {
    field: 'a uniform duration with min > max',
    text: `${base}config:\n  dupHandleMs: { uniform: [10, 5] }\n`,
    issues: [
      's.yaml:6: config.dupHandleMs.uniform: expected uniform: [min, max] with min <= max (got [10, 5])',
    ],
  },
  {
    field: 'a probability of 1.5',
    text: `${base}faults:\n  - kind: no-route\n    probability: 1.5\n`,
    issues: ['s.yaml:7: faults[0].probability: expected a number <= 1 (got 1.5 (number))'],
  },
  {
    field: 'a probability of -0.1',
    text: `${base}faults:\n  - kind: no-route\n    probability: -0.1\n`,
    issues: ['s.yaml:7: faults[0].probability: expected a number >= 0 (got -0.1 (number))'],
  },
  {
    field: 'an unknown fault kind',
    text: `${base}faults:\n  - kind: gremlins\n`,
    issues: [
      "s.yaml:6: faults[0].kind: expected a fault kind (one of preamble-timeout, bad-preamble, no-route, duplicate-handle-failure, worker-callback-failure, worker-hang, service-activation-failure, queue-paused, worker-start-failure, open-listener-channel-failure, registration-failure, worker-crash, service-pause, service-stop, app-pool-stop, app-pool-recycle, protocol-disabled, was-disconnect) (got 'gremlins' (string))",
    ],
  },
  {
    field: 'a fault rule without a kind',
    text: `${base}faults:\n  - probability: 0.5\n`,
    issues: [
      's.yaml:6: faults[0].kind: expected a required fault kind (one of preamble-timeout, bad-preamble, no-route, duplicate-handle-failure, worker-callback-failure, worker-hang, service-activation-failure, queue-paused, worker-start-failure, open-listener-channel-failure, registration-failure, worker-crash, service-pause, service-stop, app-pool-stop, app-pool-recycle, protocol-disabled, was-disconnect) (got nothing)',
    ],
  },
  {
    field: 'a bad hosting value',
    text: base.replace('    baseAddress', '    hosting: iis\n    baseAddress'),
    issues: ['s.yaml:4: apps[0].hosting: expected one of "was", "self" (got \'iis\' (string))'],
  },
  {
    field: 'a bad service state',
    text: `${base}services:\n  portSharing: sleeping\n`,
    issues: [
      's.yaml:6: services.portSharing: expected one of "running", "paused", "stopped" (got \'sleeping\' (string))',
    ],
  },
  {
    field: 'a WSA error other than 10022 or 10024',
    text: `${base}faults:\n  - kind: duplicate-handle-failure\n    wsaError: 10054\n`,
    issues: ['s.yaml:7: faults[0].wsaError: expected one of 10022, 10024 (got 10054 (number))'],
  },
  {
    field: 'a bad retry policy',
    text: `${base}workload:\n  client:\n    retry: { policy: sometimes }\n`,
    issues: [
      "s.yaml:7: workload.client.retry.policy: expected a retry policy (one of none, fixed, exponential, circuit-breaker) (got 'sometimes' (string))",
    ],
  },
  {
    field: 'duplicate app names',
    text: `${base}  - name: orders\n    baseAddress: net.tcp://localhost/other/\n`,
    issues: ["s.yaml:5: apps[1].name: expected a name no other app has (got 'orders' (string))"],
  },
  {
    field: 'duplicate pool names',
    text: `${base}appPools:\n  - name: P\n  - name: P\n`,
    issues: ["s.yaml:7: appPools[1].name: expected a name no other pool has (got 'P' (string))"],
  },
  {
    field: 'an http base address',
    text: base.replace('net.tcp://localhost/orders/', 'http://localhost/orders/'),
    issues: [
      "s.yaml:4: apps[0].baseAddress: expected a net.tcp://host[:port]/path or net.pipe://host/path URI (got 'http://localhost/orders/' (string))",
    ],
  },
  {
    field: 'a pipe address with a port',
    text: base.replace('net.tcp://localhost/orders/', 'net.pipe://localhost:808/orders/'),
    issues: [
      "s.yaml:4: apps[0].baseAddress: expected a net.pipe URI without a port (got 'net.pipe://localhost:808/orders/' (string))",
    ],
  },
  {
    field: 'a TCP port out of range',
    text: base.replace('net.tcp://localhost/orders/', 'net.tcp://localhost:70000/orders/'),
    issues: [
      "s.yaml:4: apps[0].baseAddress: expected a TCP port from 1 to 65535 (got 'net.tcp://localhost:70000/orders/' (string))",
    ],
  },
  {
    field: 'a fault target naming an unknown app',
    text: `${base}faults:\n  - kind: no-route\n    target: { app: billing }\n`,
    issues: [
      "s.yaml:7: faults[0].target.app: expected the name of an app (orders) (got 'billing' (string))",
    ],
  },
  {
    field: 'a fault target naming a misspelt app',
    text: `${base}faults:\n  - kind: no-route\n    target: { app: order }\n`,
    issues: [
      "s.yaml:7: faults[0].target.app: expected the name of an app (orders) (got 'order' (string)); did you mean orders?",
    ],
  },
  {
    field: 'a fault naming an unknown pool',
    text: `${base}faults:\n  - kind: app-pool-recycle\n    pool: Nope\n    atMs: 5\n`,
    issues: [
      "s.yaml:7: faults[0].pool: expected the name of an application pool (got 'Nope' (string))",
    ],
  },
  {
    field: 'a window ending before it starts',
    text: `${base}faults:\n  - kind: no-route\n    fromMs: 100\n    toMs: 50\n`,
    issues: [
      's.yaml:8: faults[0].toMs: expected a window end not before its start (fromMs 100) (got 50 (number))',
    ],
  },
  {
    field: 'an unknown event name in expect',
    text: `${base}expect:\n  - { event: DispatchSessionFailure, count: 1 }\n`,
    issues: [
      "s.yaml:6: expect[0].event: expected an event id or name from the catalogue (see `dispatchsim events`) (got 'DispatchSessionFailure' (string)); did you mean DispatchSessionFailed?",
    ],
  },
  {
    field: 'an unknown event id in a sequence',
    text: `${base}expect:\n  - { sequence: [4001, 4999] }\n`,
    issues: [
      's.yaml:6: expect[0].sequence[1]: expected an event id or name from the catalogue (see `dispatchsim events`) (got 4999 (number))',
    ],
  },
  {
    field: 'a count bound with min > max',
    text: `${base}expect:\n  - { event: 4031, count: { min: 5, max: 2 } }\n`,
    issues: [
      's.yaml:6: expect[0].count: expected a count whose min does not exceed its max (got { min: 5, max: 2 })',
    ],
  },
  {
    field: 'an empty count bound',
    text: `${base}expect:\n  - { event: 4031, count: {} }\n`,
    issues: ['s.yaml:6: expect[0].count: expected a count with min, max or equals (got {})'],
  },
  {
    field: 'an unknown expectation form',
    text: `${base}expect:\n  - { events: 4031, count: 1 }\n`,
    issues: [
      's.yaml:6: expect[0]: expected an expectation: { event, count }, { eventLog, count }, { outcome, count }, { counter, count }, { requests, count }, { sequence }, or { invariant } (got { events: 4031, count: 1 })',
    ],
  },
  {
    field: 'an unknown Event Log id',
    text: `${base}expect:\n  - { eventLog: 42, count: 1 }\n`,
    issues: [
      's.yaml:6: expect[0].eventLog: expected an Event Log id (1-10) or name (got 42 (number))',
    ],
  },
  {
    field: 'a self-hosted app with an appPool',
    text: base.replace('    baseAddress', '    hosting: self\n    appPool: P\n    baseAddress'),
    issues: [
      "s.yaml:5: apps[0].appPool: expected no appPool on a self-hosted app (hosting: self) (got 'P' (string))",
    ],
  },
  {
    field: 'an unknown arrivals form',
    text: `${base}workload:\n  arrivals: { steady: 10 }\n`,
    issues: [
      's.yaml:6: workload.arrivals: expected one of { poisson: { ratePerSec } }, { fixed: { intervalMs } }, { burst: { size, everyMs } }, { at: [ms, ...] } (got { steady: 10 })',
    ],
  },
  {
    field: 'two arrivals forms at once',
    text: `${base}workload:\n  arrivals: { fixed: { intervalMs: 10 }, burst: { size: 5 } }\n`,
    issues: [
      's.yaml:6: workload.arrivals: expected one of { poisson: { ratePerSec } }, { fixed: { intervalMs } }, { burst: { size, everyMs } }, { at: [ms, ...] } (got { fixed: { intervalMs: 10 }, burst: { size: 5 } })',
    ],
  },
  {
    field: 'a Poisson rate of 0',
    text: `${base}workload:\n  arrivals: { poisson: { ratePerSec: 0 } }\n`,
    issues: [
      's.yaml:6: workload.arrivals.poisson.ratePerSec: expected a number >= 0.000001 (got 0 (number))',
    ],
  },
  {
    field: 'a number for enabledProtocols',
    text: base.replace('    baseAddress', '    enabledProtocols: 5\n    baseAddress'),
    issues: [
      's.yaml:4: apps[0].enabledProtocols: expected a list of protocols, or the IIS comma-separated string (e.g. "http,net.tcp") (got 5 (number))',
    ],
  },
  {
    field: 'several problems at once',
    text: lines(
      'name: Demo',
      'apps:',
      '  - name: orders',
      '    baseAddress: net.tcp://localhost/orders/',
      '    workers: 0',
      'seed: -1',
    ),
    issues: [
      "s.yaml:1: name: expected a kebab-case name (lower-case letters, digits and dashes) (got 'Demo' (string))",
      's.yaml:6: seed: expected a number >= 0 (got -1 (number))',
      's.yaml:5: apps[0].workers: expected a number > 0 (got 0 (number))',
    ],
  },
];

describe('parseScenario', () => {
  it.each(rows)('reports $field', ({ text, issues }) => {
    const parsed = parseScenario(text, 's.yaml');

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.map(formatScenarioIssue)).toEqual(issues);
  });

  it.each([
    { old: 'gave-up', now: 'gaveUp' },
    { old: 'succeeded-first-time', now: 'succeededFirstTime' },
    { old: 'succeeded-after-retry', now: 'succeededAfterRetry' },
  ])('accepts the old spelling $old with a deprecation warning naming $now', ({ old, now }) => {
    const parsed = parseScenario(`${base}expect:\n  - { requests: ${old}, count: 0 }\n`, 's.yaml');

    expect(parsed.ok && parsed.scenario.expect).toEqual([{ requests: now, count: 0 }]);
    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : []).toEqual([
      `s.yaml:6: deprecated: expect[0].requests: expected ${now} (the spelling '${old}' is accepted until the next release) (got '${old}' (string)); did you mean ${now}?`,
    ]);
  });

  it('gives an at list without sessions one session per instant', () => {
    const parsed = parseScenario(`${base}workload:\n  arrivals: { at: [1, 2, 3] }\n`, 's.yaml');

    expect(parsed.ok && parsed.scenario.workload.sessions).toBe(3);
  });

  it('caps a file of thousands of issues (a trace given as a scenario) at 25 lines and counts the rest', () => {
    const trace = Array.from(
      { length: 500 },
      (_, i) => `{"seq":${i + 1},"atMs":0,"id":4001,"name":"TransportListenerSessionsReceived"}`,
    ).join('\n');

    const parsed = parseScenario(trace, 'trace.ndjson');
    const issues = parsed.ok ? [] : parsed.issues;
    const lines = formatScenarioIssues(issues);

    expect(issues.length).toBeGreaterThan(100);
    expect(lines).toHaveLength(26);
    expect(lines.at(-1)).toBe(
      `trace.ndjson: … and ${(issues.length - 25).toLocaleString('en-US')} more issues`,
    );
    expect(new ScenarioError('trace.ndjson', issues).message.split('\n')).toEqual(lines);
  });

  it('names the file, line, path, expectation and value received as separate fields', () => {
    const parsed = parseScenario(
      `${base}faults:\n  - kind: no-route\n    probability: 1.5\n`,
      'f.yaml',
    );

    expect(parsed.ok ? [] : parsed.issues).toEqual([
      {
        severity: 'error',
        file: 'f.yaml',
        line: 7,
        path: 'faults[0].probability',
        expected: 'a number <= 1',
        received: '1.5 (number)',
      },
    ]);
  });

  it('reports the problems of different fields all at once, address and event refs included', () => {
    const text = [
      'name: Broken Scenario',
      'apps:',
      '  - name: orders',
      '    baseAddress: http://localhost/orders/',
      '    workers: -1',
      'faults:',
      '  - { kind: duplicate-handle-failure, probability: 1.5 }',
      'expect:',
      '  - { event: 9999, count: 1 }',
    ].join('\n');

    const parsed = parseScenario(text, 'broken.yaml');

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.map(formatScenarioIssue)).toEqual([
      "broken.yaml:1: name: expected a kebab-case name (lower-case letters, digits and dashes) (got 'Broken Scenario' (string))",
      "broken.yaml:4: apps[0].baseAddress: expected a net.tcp://host[:port]/path or net.pipe://host/path URI (got 'http://localhost/orders/' (string))",
      'broken.yaml:5: apps[0].workers: expected a number > 0 (got -1 (number))',
      'broken.yaml:7: faults[0].probability: expected a number <= 1 (got 1.5 (number))',
      'broken.yaml:9: expect[0].event: expected an event id or name from the catalogue (see `dispatchsim events`) (got 9999 (number))',
    ]);
  });

  it('accepts a via no app can route, with a warning', () => {
    const text = `${base}workload:\n  vias:\n    - via: net.tcp://localhost/billing/service.svc\n`;

    const parsed = parseScenario(text, 's.yaml');

    expect(parsed.ok).toBe(true);
    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : []).toEqual([
      "s.yaml:7: warning: workload.vias[0].via: expected a via some app can route (this one gives no-route) (got 'net.tcp://localhost/billing/service.svc' (string))",
    ]);
  });

  it('reads JSON as well as YAML', () => {
    const text =
      '{"name": "demo", "apps": [{"name": "a", "baseAddress": "net.tcp://x/a/", "oops": 1}]}';

    const parsed = parseScenario(text, 's.json');

    expect(parsed.ok ? [] : parsed.issues.map(formatScenarioIssue)).toEqual([
      's.json:1: apps[0].oops: expected no such field (unknown key) (got 1 (number))',
    ]);
  });

  it('locates each of 20,000 unknown keys at its own line', () => {
    // Locating used to scan the mapping once per issue; this is the correctness half of
    // bench/scenario-validation.js, which times it.
    const count = 20_000;
    const text = base + Array.from({ length: count }, (_, i) => `k${i}: ${i}\n`).join('');

    const parsed = parseScenario(text, 's.yaml');

    const issues = parsed.ok ? [] : parsed.issues;
    expect(issues).toHaveLength(count);
    expect(
      issues.filter(
        (issue, i) =>
          issue.line !== 5 + i ||
          issue.path !== `k${i}` ||
          issue.expected !== 'no such field (unknown key)' ||
          issue.received !== `${i} (number)`,
      ),
    ).toEqual([]);
  });

  it('locates unknown keys nested in a mapping and in a list item at their lines', () => {
    const count = 2_000;
    const keys = (indent: string): string =>
      Array.from({ length: count }, (_, i) => `${indent}k${i}: ${i}\n`).join('');
    const text = `${base}${keys('    ')}config:\n${keys('  ')}`;

    const parsed = parseScenario(text, 's.yaml');

    const located = parsed.ok ? [] : parsed.issues.map((issue) => `${issue.line} ${issue.path}`);
    expect(located).toEqual([
      ...Array.from({ length: count }, (_, i) => `${6 + count + i} config.k${i}`),
      ...Array.from({ length: count }, (_, i) => `${5 + i} apps[0].k${i}`),
    ]);
  });

  it('lists at most ten app names when a fault names an unknown app', () => {
    const apps = Array.from(
      { length: 12 },
      (_, i) => `  - { name: a${i}, baseAddress: 'net.tcp://localhost/a${i}/' }`,
    );
    const text = lines(
      'name: demo',
      'apps:',
      ...apps,
      'faults:',
      '  - { kind: no-route, target: { app: nope } }',
    );

    expect(parseScenario(text, 's.yaml')).toMatchObject({
      ok: false,
      issues: [
        {
          line: 16,
          path: 'faults[0].target.app',
          expected: 'the name of an app (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, … 2 more)',
        },
      ],
    });
  });

  it('warns about a via only when no base address is a whole-segment prefix of it', () => {
    const text = lines(
      'name: demo',
      'apps:',
      '  - { name: a, baseAddress: net.tcp://localhost/Orders/v1/ }',
      '  - { name: b, baseAddress: net.pipe://localhost/billing/ }',
      'workload:',
      '  vias:',
      '    - via: net.tcp://localhost/orders/V1/service.svc',
      '    - via: net.tcp://localhost/orders/v10/service.svc',
      '    - via: net.tcp://localhost/billing/service.svc',
      '    - via: net.pipe://localhost/billing/x/service.svc',
    );

    const parsed = parseScenario(text, 's.yaml');

    expect(parsed.ok ? parsed.warnings.map((w) => w.path) : parsed.issues).toEqual([
      'workload.vias[1].via',
      'workload.vias[2].via',
    ]);
  });

  it('never reports an issue without a file, a path string, an expectation and a value', () => {
    const all = rows.flatMap(({ text }) => {
      const parsed = parseScenario(text, 's.yaml');
      return parsed.ok ? parsed.warnings : parsed.issues;
    });

    expect(
      all.filter(
        (i) =>
          i.file !== 's.yaml' || i.expected === '' || i.received === '' || i.line === undefined,
      ),
    ).toEqual([]);
  });
});

describe('loadScenario on paths that are not scenario files', () => {
  it('throws one scenario.invalid issue for a missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dispatchsim-'));
    const file = join(dir, 'missing.yaml');

    const error: unknown = await loadScenario(file).catch((e: unknown) => e);

    await rm(dir, { recursive: true });
    expect(error).toBeInstanceOf(ScenarioError);
    expect(isDispatchsimError(error) ? error.code : undefined).toBe('scenario.invalid');
    expect(error instanceof ScenarioError ? error.issues.map(formatScenarioIssue) : []).toEqual([
      `${file}: expected a readable scenario file (got no such file)`,
    ]);
  });

  it('throws one scenario.invalid issue for a directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dispatchsim-'));

    const error: unknown = await loadScenario(dir).catch((e: unknown) => e);

    await rm(dir, { recursive: true });
    expect(isDispatchsimError(error) ? error.code : undefined).toBe('scenario.invalid');
    expect(error instanceof ScenarioError ? error.issues.map(formatScenarioIssue) : []).toEqual([
      `${dir}: expected a readable scenario file (got a directory)`,
    ]);
  });

  it('throws every issue of an invalid file at once', async () => {
    const text = `${base}extra: 1\nseed: -1\n`;
    const dir = await mkdtemp(join(tmpdir(), 'dispatchsim-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, text);

    const error: unknown = await loadScenario(file).catch((e: unknown) => e);

    await rm(dir, { recursive: true });
    expect(error instanceof ScenarioError ? error.issues.map((i) => i.path) : []).toEqual([
      'seed',
      'extra',
    ]);
  });
});
