// explainZodIssues and the problems validateScenario reports with it (STYLE rules 25-26):
// each zod issue becomes the field path, what was expected in words (a required field, a
// list or a mapping, a bound with its side, the one value or the values allowed, a union's
// forms) and what was received, with a suggestion for a misspelt key or value; duplicates go.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { explainZodIssues } from '../../src/scenario/explain-zod-issues.js';
import { validateScenario } from '../../src/scenario/validate-scenario.js';

const app = { name: 'orders', baseAddress: 'net.tcp://localhost/orders/' };

/** The problems of a scenario object, as [path, expected, received, suggestion]. */
function problems(input: Record<string, unknown>): unknown[][] {
  const result = validateScenario({ name: 'x', apps: [app], ...input }, 's.yaml');
  return result.ok ? [] : result.issues.map((i) => [i.path, i.expected, i.received, i.suggestion]);
}

/** What explainZodIssues says about one value against a schema, as [path, expected, received]. */
function explained(schema: z.ZodType, value: unknown): unknown[][] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return explainZodIssues(result.error.issues, value, schema).map((p) => [
    p.path.join('.'),
    p.expected,
    p.received,
  ]);
}

describe('the problems of a scenario', () => {
  it.each([
    ['a missing list', { apps: undefined }, [['apps', 'a required list', 'nothing', undefined]]],
    ['a mapping for a list', { apps: {} }, [['apps', 'a list', '{}', undefined]]],
    ['a list for a mapping', { workload: [] }, [['workload', 'a mapping', '[]', undefined]]],
    ['a number for a string', { name: 5 }, [['name', 'a string', '5 (number)', undefined]]],
    [
      'a number at an exclusive lower bound',
      { config: { maxPendingConnections: 0 } },
      [['config.maxPendingConnections', 'a number > 0', '0 (number)', undefined]],
    ],
    [
      'a number past an inclusive upper bound',
      { workload: { vias: [{ via: 'net.tcp://localhost/orders/s.svc', localPort: 70000 }] } },
      [['workload.vias[0].localPort', 'a number <= 65535', '70000 (number)', undefined]],
    ],
    [
      'a probability over 1',
      { faults: [{ kind: 'no-route', probability: 2 }] },
      [['faults[0].probability', 'a probability between 0 and 1', '2 (number)', undefined]],
    ],
    [
      'a negative probability',
      { faults: [{ kind: 'no-route', probability: -0.5 }] },
      [['faults[0].probability', 'a probability between 0 and 1', '-0.5 (number)', undefined]],
    ],
    [
      'a probability that is no number',
      { faults: [{ kind: 'no-route', probability: 'half' }] },
      [['faults[0].probability', 'a probability between 0 and 1', "'half' (string)", undefined]],
    ],
    [
      'a misspelt value among several',
      { expect: [{ invariant: 'balance' }] },
      [
        [
          'expect[0].invariant',
          'one of "balanced", "deterministic"',
          "'balance' (string)",
          'balanced',
        ],
      ],
    ],
    [
      'a misspelt value differing in case',
      { apps: [{ ...app, hostNameComparisonMode: 'Exact' }] },
      [
        [
          'apps[0].hostNameComparisonMode',
          'one of "strongWildcard", "exact", "weakWildcard"',
          "'Exact' (string)",
          'exact',
        ],
      ],
    ],
    [
      'a union given a number',
      { workload: { arrivals: 5 } },
      [
        [
          'workload.arrivals',
          'one of { poisson: { ratePerSec } }, { fixed: { intervalMs } }, { burst: { size, everyMs } }, { at: [ms, ...] }',
          '5 (number)',
          undefined,
        ],
      ],
    ],
    [
      'enabledProtocols given a number',
      { apps: [{ ...app, enabledProtocols: 5 }] },
      [
        [
          'apps[0].enabledProtocols',
          'a list of protocols, or the IIS comma-separated string (e.g. "http,net.tcp")',
          '5 (number)',
          undefined,
        ],
      ],
    ],
    [
      'an expectation of no known form',
      { expect: [{ nope: 1 }] },
      [
        [
          'expect[0]',
          'an expectation: { event, count, app? }, { eventLog, count }, { outcome, count, app? }, { counter, count }, { requests, count }, { sequence }, { subsequence }, or { invariant }',
          '{ nope: 1 }',
          undefined,
        ],
      ],
    ],
    [
      'the details of a duration form',
      { apps: [{ ...app, dispatchMs: { lognormal: { median: 0, sigma: 11 } } }] },
      [
        ['apps[0].dispatchMs.lognormal.median', 'a number > 0', '0 (number)', undefined],
        ['apps[0].dispatchMs.lognormal.sigma', 'a number <= 10', '11 (number)', undefined],
      ],
    ],
    [
      'a count whose bounds cross',
      { expect: [{ outcome: 'dispatched', count: { min: 3, max: 1 } }] },
      [
        [
          'expect[0].count',
          'a count whose min does not exceed its max',
          '{ min: 3, max: 1 }',
          undefined,
        ],
      ],
    ],
    [
      'an empty count',
      { expect: [{ outcome: 'dispatched', count: {} }] },
      [['expect[0].count', 'a count with min, max or equals', '{}', undefined]],
    ],
    [
      'a misspelt event name',
      { expect: [{ event: 'DispatchSessionFailure', count: 1 }] },
      [
        [
          'expect[0].event',
          'an event id or name from the catalogue (see `dispatchsim events`)',
          "'DispatchSessionFailure' (string)",
          'DispatchSessionFailed',
        ],
      ],
    ],
    [
      'a misspelt Event Log name',
      { expect: [{ eventLog: 'WasDisconected', count: 1 }] },
      [
        [
          'expect[0].eventLog',
          'an Event Log id (1-10) or name',
          "'WasDisconected' (string)",
          'WasDisconnected',
        ],
      ],
    ],
    [
      'unknown keys, one a misspelling of a key not written yet',
      { apps: [{ ...app, nme: 'y', workerz: 2 }] },
      [
        ['apps[0].nme', 'no such field (unknown key)', "'y' (string)", undefined],
        ['apps[0].workerz', 'no such field (unknown key)', '2 (number)', 'workers'],
      ],
    ],
  ])('%s', (_case, input, expected) => {
    expect(problems(input)).toEqual(expected);
  });

  it.each([
    ['dup-handle-failure', 'duplicate-handle-failure'],
    ['callback-failure', 'worker-callback-failure'],
    ['worker-callback', 'worker-callback-failure'],
    ['hang', 'worker-hang'],
    ['no-rout', 'no-route'],
    ['banana', undefined],
    ['worker', undefined],
  ])('suggests for the fault kind %s the kind it abbreviates or misspells: %s', (kind, match) => {
    const [problem] = problems({ faults: [{ kind }] });

    expect(problem?.[0]).toBe('faults[0].kind');
    expect(problem?.[3]).toBe(match);
  });

  it('says a missing fault kind is required, listing the kinds', () => {
    const [problem] = problems({ faults: [{}] });

    expect(problem?.slice(0, 1)).toEqual(['faults[0].kind']);
    expect(problem?.[1]).toMatch(
      /^a required fault kind \(one of preamble-timeout, bad-preamble, .*, was-disconnect\)$/,
    );
    expect(problem?.[2]).toBe('nothing');
  });
});

describe('explainZodIssues', () => {
  it.each([
    ['a string too short', z.string().min(1), '', 'a non-empty string'],
    ['a list too short', z.array(z.number()).min(2), [1], 'at least 2 item(s)'],
    ['a list too long', z.array(z.number()).max(1), [1, 2], 'at most 1 item(s)'],
    ['a number under an inclusive bound', z.number().min(3), 2, 'a number >= 3'],
    ['a number at an exclusive upper bound', z.number().lt(3), 3, 'a number < 3'],
    ['a number not a multiple', z.number().multipleOf(5), 7, 'a multiple of 5'],
    ['the wrong literal', z.literal('on'), 'off', 'exactly "on"'],
    ['a tuple given a string', z.tuple([z.number()]), 'x', 'a list'],
    ['an object given an array', z.object({}), [], 'a mapping'],
    ['an integer given a string', z.int(), 'x', 'a number'],
  ])('explains %s', (_case, schema, value, expected) => {
    expect(explained(schema, value).map(([, words]) => words)).toEqual([expected]);
  });

  it('says "an" before a vowel and "a required" for a missing field', () => {
    const schema = z.object({ a: z.array(z.number()), o: z.object({}) });

    expect(explained(schema, { o: 1 })).toEqual([
      ['a', 'a required list', 'nothing'],
      ['o', 'a mapping', '1 (number)'],
    ]);
    expect(explained(z.object({ u: z.undefined().or(z.bigint()) }), { u: 1 })[0]?.[1]).toBe(
      'a value of one of the allowed forms',
    );
  });

  it('lists the values of a union of literals, with a suggestion', () => {
    const schema = z.union([z.literal('alpha'), z.literal('beta')]);
    const result = schema.safeParse('alpa');

    expect(result.success ? [] : explainZodIssues(result.error.issues, 'alpa')).toEqual([
      {
        path: [],
        expected: 'one of "alpha", "beta"',
        received: "'alpa' (string)",
        suggestion: 'alpha',
      },
    ]);
  });

  it('reports a problem once when two issues say the same', () => {
    const issue = { code: 'custom' as const, path: ['a'], message: 'bad', input: 1 };

    expect(explainZodIssues([issue, issue], { a: 1 })).toEqual([
      { path: ['a'], expected: 'bad', received: '1 (number)' },
    ]);
  });
});
