// The bounds of time-bounds.ts (STYLE rules 21, 26, 36): a duration, instant, window bound,
// interval or distribution parameter that cannot be simulated is one located issue naming
// the bound; the same value at the bound is accepted. One row per kind of field.
import { describe, expect, it } from 'vitest';
import { formatScenarioIssue } from '../../src/errors/scenario-error.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import {
  MAX_DURATION_MS,
  MAX_HORIZON_MS,
  MAX_LOGNORMAL_SIGMA,
  MAX_RATE_PER_SEC,
  MIN_RATE_PER_SEC,
} from '../../src/scenario/time-bounds.js';

/** A valid scenario the rows append to (4 lines); a row's field is on line 6. */
const base = [
  'name: demo',
  'apps:',
  '  - name: orders',
  '    baseAddress: net.tcp://localhost/orders/',
].join('\n');

interface Row {
  /** The kind of field, for the title. */
  readonly field: string;
  /** Lines appended to the base, with `$` where the value goes. */
  readonly yaml: string;
  readonly bad: number;
  /** A value at the bound, accepted. */
  readonly atBound: number;
  /** The issue for `bad`, formatted. */
  readonly issue: string;
}

const rows: readonly Row[] = [
  {
    field: 'a duration given as a number',
    yaml: 'config:\n  dupHandleMs: $',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:6: config.dupHandleMs: expected a number <= 10000000000 (got 100000000000 (number))',
  },
  {
    field: 'a timeout',
    yaml: 'config:\n  receiveTimeoutMs: $',
    bad: 2e10,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:6: config.receiveTimeoutMs: expected a number <= 10000000000 (got 20000000000 (number))',
  },
  {
    field: 'an exponential mean',
    yaml: 'config:\n  dupHandleMs: { exponential: $ }',
    bad: 1.8e305,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:6: config.dupHandleMs.exponential: expected a number <= 10000000000 (got 1.8e+305 (number))',
  },
  {
    field: 'a uniform bound',
    yaml: 'config:\n  dupHandleMs: { uniform: [0, $] }',
    bad: 1e300,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:6: config.dupHandleMs.uniform[1]: expected a number <= 10000000000 (got 1e+300 (number))',
  },
  {
    field: 'a normal stddev',
    yaml: 'config:\n  dupHandleMs: { normal: { mean: 5, stddev: $ } }',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:6: config.dupHandleMs.normal.stddev: expected a number <= 10000000000 (got 100000000000 (number))',
  },
  {
    field: 'a lognormal median',
    yaml: 'config:\n  dupHandleMs: { lognormal: { median: $, sigma: 1 } }',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:6: config.dupHandleMs.lognormal.median: expected a number <= 10000000000 (got 100000000000 (number))',
  },
  {
    field: 'a lognormal sigma',
    yaml: 'config:\n  dupHandleMs: { lognormal: { median: 5, sigma: $ } }',
    bad: 10.5,
    atBound: MAX_LOGNORMAL_SIGMA,
    issue:
      's.yaml:6: config.dupHandleMs.lognormal.sigma: expected a number <= 10 (got 10.5 (number))',
  },
  {
    field: 'the horizon',
    yaml: 'horizonMs: $',
    bad: 2e12,
    atBound: MAX_HORIZON_MS,
    issue: 's.yaml:5: horizonMs: expected a number <= 1000000000000 (got 2000000000000 (number))',
  },
  {
    field: 'a Poisson rate below the least',
    yaml: 'workload:\n  arrivals: { poisson: { ratePerSec: $ } }',
    bad: 5e-324,
    atBound: MIN_RATE_PER_SEC,
    issue:
      's.yaml:6: workload.arrivals.poisson.ratePerSec: expected a number >= 0.000001 (got 5e-324 (number))',
  },
  {
    field: 'a Poisson rate above the most',
    yaml: 'workload:\n  arrivals: { poisson: { ratePerSec: $ } }',
    bad: 2e9,
    atBound: MAX_RATE_PER_SEC,
    issue:
      's.yaml:6: workload.arrivals.poisson.ratePerSec: expected a number <= 1000000000 (got 2000000000 (number))',
  },
  {
    field: 'an arrival interval',
    yaml: 'workload:\n  arrivals: { fixed: { intervalMs: $ } }',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:6: workload.arrivals.fixed.intervalMs: expected a number <= 10000000000 (got 100000000000 (number))',
  },
  {
    field: 'an arrival instant',
    yaml: 'workload:\n  arrivals: { at: [0, $] }',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:6: workload.arrivals.at[1]: expected a number <= 10000000000 (got 100000000000 (number))',
  },
  {
    field: 'a fault window end',
    yaml: 'faults:\n  - { kind: no-route, toMs: $ }',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue: 's.yaml:6: faults[0].toMs: expected a number <= 10000000000 (got 100000000000 (number))',
  },
  {
    field: 'a fault instant',
    yaml: 'faults:\n  - { kind: worker-crash, atMs: $ }',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue: 's.yaml:6: faults[0].atMs: expected a number <= 10000000000 (got 100000000000 (number))',
  },
  {
    field: 'a fault restart delay',
    yaml: 'faults:\n  - { kind: service-stop, atMs: 5, restartAfterMs: $ }',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:6: faults[0].restartAfterMs: expected a number <= 10000000000 (got 100000000000 (number))',
  },
  {
    field: 'a WAS reconnect delay',
    yaml: 'faults:\n  - { kind: was-disconnect, atMs: 5, reconnectAfterMs: $ }',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:6: faults[0].reconnectAfterMs: expected a number <= 10000000000 (got 100000000000 (number))',
  },
  {
    field: 'a client retry delay',
    yaml: 'workload:\n  client:\n    retry: { policy: fixed, delayMs: $ }',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:7: workload.client.retry.delayMs: expected a number <= 10000000000 (got 100000000000 (number))',
  },
  {
    field: 'a client back-off ceiling',
    yaml: 'workload:\n  client:\n    retry: { policy: exponential, maxDelayMs: $ }',
    bad: 1e11,
    atBound: MAX_DURATION_MS,
    issue:
      's.yaml:7: workload.client.retry.maxDelayMs: expected a number <= 10000000000 (got 100000000000 (number))',
  },
];

const scenarioWith = (row: Row, value: number): string =>
  `${base}\n${row.yaml.replace('$', String(value))}\n`;

describe('time bounds of scenario files', () => {
  it('are 1e10 ms per duration, 1e12 ms of horizon, sigma 10 and 1e-6 to 1e9 sessions/s', () => {
    expect([
      MAX_DURATION_MS,
      MAX_HORIZON_MS,
      MAX_LOGNORMAL_SIGMA,
      MIN_RATE_PER_SEC,
      MAX_RATE_PER_SEC,
    ]).toEqual([1e10, 1e12, 10, 1e-6, 1e9]);
  });

  it.for(rows)('reject $field of $bad with the bound', (row) => {
    const parsed = parseScenario(scenarioWith(row, row.bad), 's.yaml');

    expect(parsed.ok ? [] : parsed.issues.map(formatScenarioIssue)).toEqual([row.issue]);
  });

  it.for(rows)('accept $field of $atBound', (row) => {
    const parsed = parseScenario(scenarioWith(row, row.atBound), 's.yaml');

    expect(parsed.ok ? [] : parsed.issues.map(formatScenarioIssue)).toEqual([]);
  });
});
