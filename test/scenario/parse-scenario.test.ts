// parseScenario on malformed scenario texts (issue 5; STYLE rules 25-26, 36): every problem
// is one issue naming the file, the line, the field path, what was expected and what was
// received. The table (test/helpers/malformed-scenarios.ts) gives each case's issues in their
// one-line form.
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
import { base, lines, malformedScenarios } from '../helpers/malformed-scenarios.js';

describe('parseScenario', () => {
  it.each(malformedScenarios)('reports $field', ({ text, issues }) => {
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

  it.each([
    { key: 'listenBacklog', perCpu: 12 },
    { key: 'maxPendingAccepts', perCpu: 4 },
  ])(
    'reads $key 0 as the stored default "use transport default" ($perCpu × processorCount, domain §4.1)',
    ({ key, perCpu }) => {
      const zero = parseScenario(`${base}config: { processorCount: 2, ${key}: 0 }\n`, 's.yaml');
      const absent = parseScenario(`${base}config: { processorCount: 2 }\n`, 's.yaml');

      expect(zero.ok ? zero.scenario.config : zero.issues).toMatchObject({ [key]: perCpu * 2 });
      expect(zero.ok && absent.ok && zero.scenario.config).toEqual(
        absent.ok && absent.scenario.config,
      );
    },
  );

  it.each(['listenBacklog: -1', 'listenBacklog: 1.5', 'maxPendingAccepts: -4'])(
    'still refuses %s',
    (setting) => {
      const parsed = parseScenario(`${base}config: { ${setting} }\n`, 's.yaml');

      expect(parsed.ok).toBe(false);
    },
  );

  it('warns that a second self-hosted app on the same base address conflicts (domain §6.4)', () => {
    const text = lines(
      'name: demo',
      'apps:',
      '  - { name: a, baseAddress: net.tcp://localhost/a/, hosting: self }',
      '  - { name: b, baseAddress: net.tcp://localhost/a, hosting: self }',
      '  - { name: c, baseAddress: net.tcp://localhost/a/, hosting: self, hostNameComparisonMode: exact }',
    );

    const parsed = parseScenario(text, 's.yaml');

    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : parsed.issues).toEqual([
      "s.yaml:4: warning: apps[1].baseAddress: expected a base address no other self-hosted app registers (app a registers the same one: port sharing shares the port, not the address, so this app's process gets ConflictingRegistration, 4014, and ends) (got 'net.tcp://localhost/a' (string))",
    ]);
  });

  // Two WAS apps on one base address validated OK, and the second never got a session: the
  // routing table gives them all to one registration (user report).
  it('warns that a WAS app on an address another app has gets no session', () => {
    const text = lines(
      'name: demo',
      'apps:',
      '  - { name: orders, baseAddress: net.tcp://localhost/orders/ }',
      '  - { name: orders2, baseAddress: net.tcp://localhost/orders }',
      '  - { name: billing, baseAddress: net.tcp://localhost/billing/ }',
      '  - { name: billing2, baseAddress: net.tcp://localhost/billing/, hosting: self }',
    );

    const parsed = parseScenario(text, 's.yaml');

    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : parsed.issues).toEqual([
      "s.yaml:4: warning: apps[1].baseAddress: expected a base address no other app has (app orders has the same one, and routing gives every session for it to orders: this app gets none) (got 'net.tcp://localhost/orders' (string))",
      "s.yaml:5: warning: apps[2].baseAddress: expected a base address no other app has (app billing2 has the same one, and routing gives every session for it to billing2: this app gets none) (got 'net.tcp://localhost/billing/' (string))",
    ]);
  });

  // "http, net.tcp" enables " net.tcp", not net.tcp: every session of the app gets
  // EndpointUnavailable. validate said OK (user report); the bundled protocol-not-enabled
  // scenario, which counts on unavailable outcomes, is not warned.
  it('warns that an app whose enabledProtocols lack its scheme answers every session EndpointUnavailable', () => {
    const text = lines(
      'name: demo',
      'apps:',
      "  - { name: orders, baseAddress: net.tcp://localhost/orders/, enabledProtocols: 'http, net.tcp' }",
      '  - { name: billing, baseAddress: net.pipe://localhost/billing/, enabledProtocols: [http] }',
      "  - { name: fine, baseAddress: net.tcp://localhost/fine/, enabledProtocols: 'http,net.tcp' }",
    );
    const counted = `${text}expect:\n  - { outcome: unavailable, count: { min: 1 } }\n`;

    const parsed = parseScenario(text, 's.yaml');
    const countedOn = parseScenario(counted, 's.yaml');

    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : parsed.issues).toEqual([
      "s.yaml:3: warning: apps[0].enabledProtocols: expected a list that enables net.tcp, the protocol of the app's baseAddress (IIS splits the text at commas without trimming: ' net.tcp' is not net.tcp), or every session of the app gets EndpointUnavailable (got 'http, net.tcp' (string))",
      "s.yaml:4: warning: apps[1].enabledProtocols: expected a list that enables net.pipe, the protocol of the app's baseAddress, or every session of the app gets EndpointUnavailable (got ['http'])",
    ]);
    expect(countedOn.ok && countedOn.warnings).toEqual([]);
  });

  // One app's `unavailable` expectation silenced the warning for another app (user report).
  it('still warns of an app whose enabledProtocols lack its scheme when only another app counts on unavailable', () => {
    const text = lines(
      'name: demo',
      'apps:',
      "  - { name: orders, baseAddress: net.tcp://localhost/orders/, enabledProtocols: 'http, net.tcp' }",
      "  - { name: billing, baseAddress: net.tcp://localhost/billing/, enabledProtocols: 'http' }",
      'expect:',
      '  - { outcome: unavailable, app: billing, count: { min: 1 } }',
    );

    const parsed = parseScenario(text, 's.yaml');

    expect(parsed.ok ? parsed.warnings.map((w) => w.path) : parsed.issues).toEqual([
      'apps[0].enabledProtocols',
    ]);
  });

  // A rule at probability 0 validated OK and never fired (user report).
  it('warns that a rule at probability 0 never fires', () => {
    const parsed = parseScenario(
      `${base}faults:\n  - { kind: no-route, probability: 0 }\n`,
      's.yaml',
    );

    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : parsed.issues).toEqual([
      's.yaml:6: warning: faults[0].probability: expected a probability above 0 (at 0 the rule never fires) (got 0 (number))',
    ]);
  });

  it('gives an at list without sessions one session per instant', () => {
    const parsed = parseScenario(`${base}workload:\n  arrivals: { at: [1, 2, 3] }\n`, 's.yaml');

    expect(parsed.ok && parsed.scenario.workload.sessions).toBe(3);
  });

  // (A dispatchsim trace is named for what it is, other-file-kind.test.ts, and syntax errors
  // stop at their first line: hundreds of unknown keys stand for a file of many issues.)
  it('caps a file of hundreds of issues at 25 lines and counts the rest', () => {
    const trace = base + Array.from({ length: 500 }, (_, i) => `k${i}: ${i}`).join('\n');

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
        expected: 'a probability between 0 and 1',
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
      'broken.yaml:7: faults[0].probability: expected a probability between 0 and 1 (got 1.5 (number))',
      'broken.yaml:9: expect[0].event: expected an event id or name from the catalogue (see `dispatchsim events`) (got 9999 (number))',
    ]);
  });

  // A misspelt top-level key came last, after the issues of the lines below it (user report).
  it('lists the issues in the order of their lines', () => {
    const text = [
      'name: order',
      'apps:',
      '  - { name: orders, baseAddress: net.tcp://localhost/orders/ }',
      'fault:',
      '  - { kind: worker-crash }',
      'workload:',
      '  sessions: -1',
      '  arrivals: { poisson: { ratePerSec: x } }',
    ].join('\n');

    const parsed = parseScenario(text, 'order.yaml');

    expect(parsed.ok ? [] : parsed.issues.map((issue) => [issue.line, issue.path])).toEqual([
      [4, 'fault'],
      [7, 'workload.sessions'],
      [8, 'workload.arrivals.poisson.ratePerSec'],
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

  // `wsaError: 10022` on a net.pipe app was taken without a word; a named pipe's handle
  // duplication fails in DuplicateHandle, with no WSA error (domain §3.3 F1, user report).
  it('warns about a wsaError written for a fault that reaches net.pipe apps only', () => {
    const text = lines(
      'name: demo',
      'apps:',
      '  - { name: tcp, baseAddress: net.tcp://localhost/tcp/ }',
      '  - { name: piped, baseAddress: net.pipe://localhost/piped/ }',
      'faults:',
      '  - { kind: duplicate-handle-failure, target: { app: piped }, wsaError: 10022 }',
      '  - { kind: duplicate-handle-failure, target: { app: tcp }, wsaError: 10022 }',
      '  - { kind: duplicate-handle-failure, wsaError: 10022 }',
      '  - { kind: duplicate-handle-failure, target: { app: piped } }',
    );

    const parsed = parseScenario(text, 's.yaml');

    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : parsed.issues).toEqual([
      's.yaml:6: warning: faults[0].wsaError: expected a WSA error for net.tcp apps only: piped is net.pipe, whose handle duplication fails in DuplicateHandle with no WSA error (domain §3.3 F1) (got 10022 (number))',
    ]);
  });

  // A typo in a fault's via pattern left the rule silent in every run, and validate said OK
  // (user report).
  it('warns about a fault via pattern that no via of the workload matches', () => {
    const rule = (via: string) =>
      `${base}faults:\n  - kind: worker-callback-failure\n    target: { via: '${via}' }\n`;

    const typo = parseScenario(rule('net.tcp://localhost/ordrs/service.svc'), 's.yaml');
    const wildcard = parseScenario(rule('*/ORDERS/*'), 's.yaml');
    const prefix = parseScenario(rule('net.tcp://localhost/orders/'), 's.yaml');

    expect(typo.ok ? typo.warnings.map(formatScenarioIssue) : []).toEqual([
      "s.yaml:7: warning: faults[0].target.via: expected a via pattern some via of the workload matches (none of net.tcp://localhost/orders/service.svc does: no session of a run matches this rule; under serve, only a client sending such a via) (got 'net.tcp://localhost/ordrs/service.svc' (string))",
    ]);
    expect(wildcard.ok && wildcard.warnings).toEqual([]);
    expect(prefix.ok && prefix.warnings).toEqual([]);
  });

  // `worker-start-failure` aimed at a via: a worker launch has no via, and the rule never
  // fired; a timed kind ignored a field it does not read (user report).
  it('warns about a target field the kind does not read', () => {
    const rule = (kind: string, target: string, more = '') =>
      `${base}faults:\n  - kind: ${kind}\n    target: ${target}${more}\n`;
    const warnings = (text: string) => {
      const parsed = parseScenario(text, 's.yaml');
      return parsed.ok ? parsed.warnings.map(formatScenarioIssue) : parsed.issues;
    };

    expect(warnings(rule('worker-start-failure', "{ via: '*.svc' }"))).toEqual([
      "s.yaml:7: warning: faults[0].target.via: expected a target field worker-start-failure is decided on (app, pool, worker): where it is decided no via is known, so this rule never fires (got '*.svc' (string))",
    ]);
    expect(warnings(rule('preamble-timeout', '{ app: orders }'))).toEqual([
      "s.yaml:7: warning: faults[0].target.app: expected a target field preamble-timeout is decided on (via): where it is decided no app is known, so this rule never fires (got 'orders' (string))",
    ]);
    expect(
      warnings(rule('queue-paused', '{ app: orders, worker: 2 }', '\n    fromMs: 10')),
    ).toEqual([
      's.yaml:7: warning: faults[0].target.worker: expected a target field queue-paused reads (app, pool): worker is ignored, and the rule applies to every app the rest of its target names (got 2 (number))',
    ]);
    expect(warnings(rule('worker-start-failure', '{ app: orders, worker: 1 }'))).toEqual([]);
  });

  // The bundled no-route scenario warned about its own via, the one its expectations count
  // on (user report).
  it('does not warn about a via no app can route when an expectation counts on no-route', () => {
    const unroutable = `${base}workload:\n  vias:\n    - via: net.tcp://localhost/billing/service.svc\n`;
    const expecting = (count: string) =>
      `${unroutable}expect:\n  - { outcome: no-route, count: ${count} }\n`;

    const warnings = (text: string) => {
      const parsed = parseScenario(text, 's.yaml');
      return parsed.ok ? parsed.warnings.map((w) => w.path) : parsed.issues;
    };

    expect(warnings(expecting('4'))).toEqual([]);
    expect(warnings(expecting('{ min: 1 }'))).toEqual([]);
    expect(warnings(expecting('0'))).toEqual(['workload.vias[0].via']);
    expect(warnings(expecting('{ max: 0 }'))).toEqual(['workload.vias[0].via']);
  });

  // validate said OK to `{ event: 4024, count: 1 }`, and every run reported it NOT MET, saw 0:
  // the simulator never emits 4024 (user report).
  it('warns about an expectation of at least one event the simulator never emits', () => {
    const expecting = (expectations: readonly string[]) =>
      `${base}expect:\n${expectations.map((e) => `  - ${e}\n`).join('')}`;

    const parsed = parseScenario(
      expecting([
        '{ event: 4024, count: 1 }',
        '{ event: FailFastException, count: { min: 1 } }',
        '{ event: 4003, count: 0 }',
        '{ event: 4003, count: { max: 2 } }',
        '{ event: 4031, count: 1 }',
      ]),
      's.yaml',
    );

    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : parsed.issues).toEqual([
      's.yaml:6: warning: expect[0].event: expected an event the simulator emits: 4024 WasCloseAllListenerChannelInstancesFailed is not simulated, so this expectation can only be met by a count of 0 (got 4024 (number))',
      "s.yaml:7: warning: expect[1].event: expected an event the simulator emits: 4002 FailFastException is not simulated, so this expectation can only be met by a count of 0 (got 'FailFastException' (string))",
    ]);
  });

  it('warns about a sequence that names an event the simulator never emits', () => {
    const text = `${base}expect:\n  - { sequence: [4001, 4024], sessions: any }\n  - { subsequence: [4003, 4031], sessions: all }\n  - { sequence: [4001, 4031], sessions: any }\n`;

    const parsed = parseScenario(text, 's.yaml');

    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : parsed.issues).toEqual([
      's.yaml:6: warning: expect[0].sequence[1]: expected an event the simulator emits: 4024 WasCloseAllListenerChannelInstancesFailed is not simulated, so no session shows this sequence (got 4024 (number))',
      's.yaml:7: warning: expect[1].subsequence[0]: expected an event the simulator emits: 4003 ServiceStartPipeError is not simulated, so no session shows this subsequence (got 4003 (number))',
    ]);
  });

  // A sequence is read per session, from the events that carry its ActivityId: 3358 (the
  // worker's), 4035 and 3346 carry none, and `sequence: [4001, 4008, 4019, 3358, 4031]`
  // validated and then never matched (user report).
  it('warns about a sequence that names an event without the session ActivityId', () => {
    const text = `${base}expect:\n  - { sequence: [4001, 4008, 4019, 3358, 4031] }\n  - { subsequence: [PendingSessionQueueRatio, 4030], sessions: all }\n  - { sequence: [4001, 4031], sessions: any }\n`;

    const parsed = parseScenario(text, 's.yaml');

    expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : parsed.issues).toEqual([
      's.yaml:6: warning: expect[0].sequence[3]: expected a session event (one with the session ActivityId: 4001, 4008, 4010, 4016, 4019, 4030, 4031): 3358 PortSharingDuplicatedSocket carries none, so no session shows this sequence (got 3358 (number))',
      "s.yaml:7: warning: expect[1].subsequence[0]: expected a session event (one with the session ActivityId: 4001, 4008, 4010, 4016, 4019, 4030, 4031): 4035 PendingSessionQueueRatio carries none, so no session shows this subsequence (got 'PendingSessionQueueRatio' (string))",
    ]);
  });

  // validate said OK to a file whose arrivals alone take longer than the horizon, and run then
  // stopped at the horizon with exit 1 (user report).
  it.each([
    [
      '{ poisson: { ratePerSec: 1e-6 } }',
      5,
      's.yaml:7: warning: workload.arrivals: expected arrivals that end within horizonMs (86400000 ms): the last of 5 sessions arrives at about 4000000000 ms, and the run stops at its horizon (raise horizonMs, or ratePerSec) (got { poisson: { ratePerSec: 0.000001 } })',
    ],
    [
      '{ fixed: { intervalMs: 100000000 } }',
      2,
      's.yaml:7: warning: workload.arrivals: expected arrivals that end within horizonMs (86400000 ms): the last of 2 sessions arrives at about 100000000 ms, and the run stops at its horizon (raise horizonMs, or lower intervalMs) (got { fixed: { intervalMs: 100000000 } })',
    ],
    // The advice names the field to change, not "the rate" (user report, 2026-12-04).
    [
      '{ burst: { size: 1, everyMs: 100000000 } }',
      2,
      's.yaml:7: warning: workload.arrivals: expected arrivals that end within horizonMs (86400000 ms): the last of 2 sessions arrives at about 100000000 ms, and the run stops at its horizon (raise horizonMs or size, or lower everyMs) (got { burst: { size: 1, everyMs: 100000000 } })',
    ],
    // The last arrival exactly at the horizon: its session runs past it, and the run stops
    // there (user report: validate said OK to the file that --sessions's advice would make).
    [
      '{ fixed: { intervalMs: 1000 } }\n  startMs: 1000',
      86_400,
      's.yaml:7: warning: workload.arrivals: expected arrivals that end within horizonMs (86400000 ms): the last of 86400 sessions arrives at about 86400000 ms, and the run stops at its horizon (raise horizonMs, or lower intervalMs) (got { fixed: { intervalMs: 1000 } })',
    ],
    [
      '{ at: [0, 100000000] }',
      2,
      "s.yaml:7: warning: workload.arrivals: expected arrivals that end within horizonMs (86400000 ms): the last of 2 sessions arrives at about 100000000 ms, and the run stops at its horizon (raise horizonMs, or lower the at list's times) (got { at: [0, 100000000] })",
    ],
  ])(
    'warns when the arrivals %s of %i sessions outlast the horizon',
    (arrivals, sessions, warning) => {
      const text = `${base}workload:\n  sessions: ${sessions}\n  arrivals: ${arrivals}\n`;

      const parsed = parseScenario(text, 's.yaml');
      const longer = parseScenario(`${text}horizonMs: 1e12\n`, 's.yaml');

      expect(parsed.ok ? parsed.warnings.map(formatScenarioIssue) : parsed.issues).toEqual([
        warning,
      ]);
      expect(longer.ok ? longer.warnings : longer.issues).toEqual([]);
    },
  );

  it('does not warn about arrivals that end within the horizon', () => {
    const text = `${base}workload:\n  sessions: 100000\n  arrivals: { poisson: { ratePerSec: 2 } }\n`;

    const parsed = parseScenario(text, 's.yaml');

    expect(parsed.ok ? parsed.warnings : parsed.issues).toEqual([]);
  });

  it('reads JSON as well as YAML', () => {
    const text =
      '{"name": "demo", "apps": [{"name": "a", "baseAddress": "net.tcp://x/a/", "oops": 1}]}';

    const parsed = parseScenario(text, 's.json');

    expect(parsed.ok ? [] : parsed.issues.map(formatScenarioIssue)).toEqual([
      's.json:1: apps[0].oops: expected no such field (unknown key) (got 1 (number))',
    ]);
  });

  it.each([
    [
      '{"name": "a",\n "apps": [}\n',
      "s.json:2: expected valid JSON (got Unexpected token '}' at column 11)",
    ],
    // A one-line file: the column says where (user report: only the line was given).
    [
      '{"name": "a", "apps": [{"name": "o" "baseAddress": "net.tcp://x/o/"}]}',
      "s.json:1: expected valid JSON (got Expected ',' or '}' after property value at column 37)",
    ],
    [
      '{"name": "a"\n "apps": []}\n',
      "s.json:2: expected valid JSON (got Expected ',' or '}' after property value at column 2)",
    ],
    // YAML reads a trailing comma as JSON does not: a .json file is held to JSON. A trailing
    // comma is named as one, at the comma's line: Node's words named the bracket after it, at
    // the bracket's line (user report).
    [
      '{"name": "x",\n "apps": [{"name": "a", "baseAddress": "net.tcp://x/a/"},],\n}\n',
      "s.json:2: expected valid JSON (got a trailing comma before ']')",
    ],
    [
      '{"name": "x",\n "apps": [\n  {"name": "a", "baseAddress": "net.tcp://x/a/"},\n  {"name": "b", "baseAddress": "net.tcp://x/b/"},\n ]\n}\n',
      "s.json:4: expected valid JSON (got a trailing comma before ']')",
    ],
    [
      '{"name": "x",\n "workload": {\n  "sessions": 10, \n }\n}\n',
      "s.json:3: expected valid JSON (got a trailing comma before '}')",
    ],
    // A comment is named as one, at its line: Node said `Expected property name or '}'`
    // (user report).
    [
      '{\n // orders\n "name": "x",\n "apps": []\n}\n',
      's.json:2: expected valid JSON (got a comment: JSON has none; write the file in YAML, where # starts one)',
    ],
    [
      '{"name": "x", /* no apps */\n "apps": []\n}\n',
      's.json:1: expected valid JSON (got a comment: JSON has none; write the file in YAML, where # starts one)',
    ],
    // A comma with no element before it is not a trailing one.
    [
      '{"name": "x",\n "apps": [,]\n}\n',
      "s.json:2: expected valid JSON (got Unexpected token ',' at column 11)",
    ],
  ])('tells what is wrong with a .json file in JSON words: %j', (text, issue) => {
    const parsed = parseScenario(text, 's.json');

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.map(formatScenarioIssue)).toEqual([issue]);
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
      ...Array.from({ length: count }, (_, i) => `${5 + i} apps[0].k${i}`),
      ...Array.from({ length: count }, (_, i) => `${6 + count + i} config.k${i}`),
    ]);
  });

  // A misspelt key whose value starts on the next line was named at the value's line, one
  // below the misspelling (user report).
  it("locates a field at its key's line when its value starts on the next line", () => {
    const text = lines(
      'name: demo',
      'apps:',
      '  - name: a',
      "    baseAddress: 'net.tcp://localhost/a/'",
      '    dispatchMsx:',
      '      uniform: [1, 2]',
      'workload:',
      '  sessions:',
      '    -3',
    );

    const parsed = parseScenario(text, 's.yaml');

    const located = parsed.ok ? [] : parsed.issues.map((issue) => `${issue.line} ${issue.path}`);
    expect(located).toEqual(['5 apps[0].dispatchMsx', '8 workload.sessions']);
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
    const all = malformedScenarios.flatMap(({ text }) => {
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
    // In the order of their lines: `extra` comes first in the file.
    expect(error instanceof ScenarioError ? error.issues.map((i) => i.path) : []).toEqual([
      'extra',
      'seed',
    ]);
  });
});
