// validateScenario: checks a scenario object (from a file or built in code) against the
// schema and the cross-field rules the schema cannot state (unique names, valid addresses,
// known references, windows), and turns every problem into a ScenarioIssue that names the
// field, what was expected and what was received (STYLE rules 21, 25-26).

import { deepFreeze } from '../core/deep-freeze.js';
import { faultTargetFields } from './fault-target-fields.js';
import { viaPattern } from './via-pattern.js';
import { workloadViasOf } from './workload-vias.js';
import type { z } from 'zod';
import type { ScenarioIssue } from '../errors/scenario-error.js';
import { describeReceived } from '../errors/describe-received.js';
import { closestMatch } from '../core/closest-match.js';
import { eventCatalog, findEvent, unsimulatedEventIds } from '../events/event-catalog.js';
import { eventsOfNoApp } from '../events/events-of-no-app.js';
import { isProtocolEnabled, protocolsOf } from './enabled-protocols.js';
import { deprecatedRequestResultKinds, type CountBound } from './expectation-schema.js';
import { explainZodIssues, formatPath } from './explain-zod-issues.js';
import { WITHOUT_COMPILING } from './parse-without-compiling.js';
import { scenarioSchema, type ArrivalsSpec, type Scenario } from './scenario-schema.js';
import { salvageForCrossCheck } from './salvage-for-cross-check.js';
import { unreachableWasApps } from './unreachable-was-apps.js';
import { parseServiceUri, registrationKey, type ServiceUri } from './service-uri.js';

// The events a session's `sequence` is read from: those with its ActivityId (domain §2.2).
const SESSION_EVENT_IDS = eventCatalog
  .filter((entry) => entry.activity === 'session')
  .map((entry) => entry.id)
  .join(', ');

/** The result of validating a scenario: the scenario and its warnings, or the issues. */
export type ScenarioValidation =
  | { readonly ok: true; readonly scenario: Scenario; readonly warnings: readonly ScenarioIssue[] }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/** Finds the line of a field path in the source text, when there is one. */
export type LineLocator = (path: readonly PropertyKey[]) => number | undefined;

export { describeReceived, formatPath };

function toIssues(
  error: z.ZodError,
  input: unknown,
  file: string,
  lineOf: LineLocator,
): ScenarioIssue[] {
  return explainZodIssues(error.issues, input, scenarioSchema).map(
    ({ path, expected, received, suggestion }) => ({
      severity: 'error',
      file,
      line: lineOf(path),
      path: formatPath(path),
      expected,
      received,
      ...(suggestion === undefined ? {} : { suggestion }),
    }),
  );
}

// A wsaError written for a duplicate-handle-failure rule that reaches net.pipe apps only: a
// named pipe's handle is duplicated with DuplicateHandle, which fails with no WSA error
// (domain §3.3 F1); the value would be ignored (user report: taken without a word). Only a
// value written is warned about: the schema gives every rule the default.
function pipeWsaErrors(
  input: unknown,
  scenario: Scenario,
  file: string,
  lineOf: LineLocator,
): ScenarioIssue[] {
  const written =
    typeof input === 'object' && input !== null && 'faults' in input ? input.faults : undefined;
  if (!Array.isArray(written)) return [];
  const pipeApps = new Set(
    scenario.apps
      .filter((app) => {
        const uri = parseServiceUri(app.baseAddress);
        return typeof uri !== 'string' && uri.transport === 'pipe';
      })
      .map((app) => app.name),
  );
  const issues: ScenarioIssue[] = [];
  scenario.faults.forEach((rule, index) => {
    const raw: unknown = written[index];
    if (rule.kind !== 'duplicate-handle-failure' || typeof raw !== 'object' || raw === null) return;
    if (!('wsaError' in raw)) return;
    const app = rule.target.app;
    const reached = app === undefined ? scenario.apps.map((a) => a.name) : [app];
    if (reached.length === 0 || !reached.every((name) => pipeApps.has(name))) return;
    const path = ['faults', index, 'wsaError'];
    issues.push({
      severity: 'warning',
      file,
      line: lineOf(path),
      path: formatPath(path),
      expected: `a WSA error for net.tcp apps only: ${reached.join(', ')} ${reached.length === 1 ? 'is' : 'are'} net.pipe, whose handle duplication fails in DuplicateHandle with no WSA error (domain §3.3 F1)`,
      received: describeReceived(raw.wsaError),
    });
  });
  return issues;
}

/** The pool of a WAS app that names none (IIS's default). */
const DEFAULT_POOL = 'DefaultAppPool';

/** The name the library's functions give a scenario object passed in code. */
const IN_CODE = '<scenario>';

// Spellings accepted for one more release: a warning each, naming the spelling to use.
function deprecations(input: unknown, file: string, lineOf: LineLocator): ScenarioIssue[] {
  const expectations =
    typeof input === 'object' && input !== null && 'expect' in input ? input.expect : undefined;
  if (!Array.isArray(expectations)) return [];
  const issues: ScenarioIssue[] = [];
  expectations.forEach((expectation: unknown, index) => {
    if (typeof expectation !== 'object' || expectation === null) return;
    const written = (expectation as { requests?: unknown }).requests;
    const now = typeof written === 'string' ? deprecatedRequestResultKinds[written] : undefined;
    if (now === undefined) return;
    const path = ['expect', index, 'requests'];
    issues.push({
      severity: 'warning',
      deprecated: true,
      file,
      line: lineOf(path),
      path: formatPath(path),
      expected: `${now} (the spelling '${String(written)}' is accepted until the next release)`,
      received: describeReceived(written),
      suggestion: now,
    });
  });
  return issues;
}

/** Names listed in full in an issue; past this many, the rest are counted. */
const LISTED_NAMES = 10;

function listNames(names: readonly string[]): string {
  if (names.length <= LISTED_NAMES) return names.join(', ');
  return `${names.slice(0, LISTED_NAMES).join(', ')}, … ${names.length - LISTED_NAMES} more`;
}

// A base address or a prefix of a via, as a set key: the transport, then each lower-cased
// segment after a slash (segments never hold a slash).
function routeKey(transport: string, segments: readonly string[]): string {
  let key = transport;
  for (const segment of segments) key += `/${segment}`;
  return key;
}

// Whether some base address is a whole-segment prefix of the via on its transport, as
// isPathPrefix decides, by looking up each of the via's prefixes.
// The via under the base address its own folder misspells, if one does (user report:
// `/order/service.svc` for an app at `/orders/` got no suggestion); a folder no base address
// is close to (`/billing/`) gets none. Compared folder to folder: as whole URLs, with their
// long common start, any two vias look alike.
function misspeltBaseAddress(via: string, apps: readonly { baseAddress: string }[]): string[] {
  const cut = via.lastIndexOf('/') + 1;
  const folder = via.slice(0, cut);
  const bases = apps.map((app) => app.baseAddress.replace(/\/?$/, '/'));
  const close = closestMatch(folder, bases);
  return close === undefined ? [] : [`${close}${via.slice(cut)}`];
}

function hasRoutablePrefix(routable: ReadonlySet<string>, via: ServiceUri): boolean {
  let key = via.transport;
  if (routable.has(key)) return true;
  for (const segment of via.segments) {
    key += `/${segment}`;
    if (routable.has(key)) return true;
  }
  return false;
}

// The fields read here are listed in salvage-for-cross-check.ts (CROSS_CHECKED): a new one
// read here goes there too.
function crossCheck(scenario: Scenario, file: string, lineOf: LineLocator): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (
    path: PropertyKey[],
    expected: string,
    received: unknown,
    severity: 'error' | 'warning' = 'error',
    candidates: Iterable<string> = [],
  ): void => {
    const suggestion =
      typeof received === 'string' ? closestMatch(received, candidates) : undefined;
    issues.push({
      severity,
      file,
      line: lineOf(path),
      path: formatPath(path),
      expected,
      received: describeReceived(received),
      ...(suggestion === undefined ? {} : { suggestion }),
    });
  };
  const appNames = new Set<string>();
  // Every base address as transport + path, so that a via is checked against them in the
  // time of its own segments, not once per app: validation stays linear in the file.
  const routable = new Set<string>();
  // The self-hosted app that registers each base address first (as the routing table
  // compares them), for the warning on a second one.
  const selfHosted = new Map<string, string>();
  scenario.apps.forEach((app, index) => {
    if (appNames.has(app.name)) add(['apps', index, 'name'], 'a name no other app has', app.name);
    appNames.add(app.name);
    // The schema has checked the address; parsing again gives its parts.
    const uri = parseServiceUri(app.baseAddress);
    if (typeof uri !== 'string') routable.add(routeKey(uri.transport, uri.segments));
    // Self-hosted services start in file order at time 0; a later one on an address an earlier
    // one holds gets ConflictingRegistration and ends (domain §6.4). Legitimate to rehearse,
    // hence a warning.
    if (app.hosting === 'self' && typeof uri !== 'string') {
      const key = registrationKey(uri, app.hostNameComparisonMode);
      const first = selfHosted.get(key);
      if (first === undefined) {
        selfHosted.set(key, app.name);
      } else {
        add(
          ['apps', index, 'baseAddress'],
          `a base address no other self-hosted app registers (app ${first} registers the same one: port sharing shares the port, not the address, so this app's process gets ConflictingRegistration, 4014, and ends)`,
          app.baseAddress,
          'warning',
        );
      }
    }
    // Port sharing is net.tcp only (domain §1): a self-hosted NetNamedPipe service listens on
    // its own pipe, never registers with NetPipeActivator, and writes none of SMSvcHost's
    // events; only a WAS worker registers a net.pipe address.
    if (app.hosting === 'self' && typeof uri !== 'string' && uri.transport === 'pipe') {
      add(
        ['apps', index, 'hosting'],
        'hosting: was for a net.pipe address (port sharing, hosting: self, is net.tcp only; a self-hosted NetNamedPipe service listens on its own pipe and never registers with NetPipeActivator)',
        app.hosting,
      );
    }
    if (app.hosting === 'self' && app.appPool !== undefined) {
      add(
        ['apps', index, 'appPool'],
        'no appPool on a self-hosted app (hosting: self)',
        app.appPool,
      );
    }
  });
  for (const { index, routedTo } of unreachableWasApps(scenario.apps)) {
    add(
      ['apps', index, 'baseAddress'],
      `a base address no other app has (app ${routedTo} has the same one, and routing gives every session for it to ${routedTo}: this app gets none)`,
      scenario.apps[index]?.baseAddress,
      'warning',
    );
  }
  const poolNames = new Set<string>();
  const maxProcessesOf = new Map<string, number | undefined>();
  scenario.appPools.forEach((pool, index) => {
    if (poolNames.has(pool.name))
      add(['appPools', index, 'name'], 'a name no other pool has', pool.name);
    poolNames.add(pool.name);
    if (!maxProcessesOf.has(pool.name)) maxProcessesOf.set(pool.name, pool.maxProcesses);
  });
  // The web garden is a setting of the pool (IIS maxProcesses): one worker process hosts
  // every application of its pool (domain §6.1, §6.2). `workers` on a WAS app, as files
  // wrote it before maxProcesses, still says the size of its pool's web garden; a value that
  // contradicts the pool's maxProcesses, or another app's `workers` in the same pool, is an
  // error.
  const gardens = new Map<string, { readonly app: string; readonly workers: number }>();
  scenario.apps.forEach((app, index) => {
    if (app.hosting !== 'was' || app.workers === undefined) return;
    const pool = app.appPool ?? DEFAULT_POOL;
    const path = ['apps', index, 'workers'];
    const maxProcesses = maxProcessesOf.get(pool);
    const earlier = gardens.get(pool);
    if (maxProcesses !== undefined && maxProcesses !== app.workers) {
      add(
        path,
        `no workers on a WAS app: its pool ${pool} sets the web garden (maxProcesses ${maxProcesses})`,
        app.workers,
      );
    } else if (earlier !== undefined && earlier.workers !== app.workers) {
      add(
        path,
        `the web garden size of pool ${pool} once: app ${earlier.app} gives workers ${earlier.workers}; set appPools[].maxProcesses instead`,
        app.workers,
      );
    } else {
      gardens.set(pool, { app: app.name, workers: app.workers });
    }
  });
  // An app's pool is one of appPools, or IIS's DefaultAppPool with its defaults; any other
  // name is a typo that would otherwise run on an implicit pool of that name.
  scenario.apps.forEach((app, index) => {
    if (app.hosting !== 'was' || app.appPool === undefined) return;
    if (app.appPool === DEFAULT_POOL || poolNames.has(app.appPool)) return;
    add(
      ['apps', index, 'appPool'],
      poolNames.size === 0
        ? `${DEFAULT_POOL}, or a pool declared in appPools (there are none)`
        : `the name of a pool in appPools (${listNames([...poolNames])}) or ${DEFAULT_POOL}`,
      app.appPool,
      'error',
      [...poolNames, DEFAULT_POOL],
    );
  });
  // The pools a rule may name: those declared, and those a WAS app is in (DefaultAppPool
  // when one names none; a self-hosted app is in no pool).
  const knownPools = new Set([
    ...poolNames,
    ...scenario.apps.flatMap((a) => (a.hosting === 'was' ? [a.appPool ?? DEFAULT_POOL] : [])),
  ]);
  const aPool =
    knownPools.size === 0
      ? 'the name of an application pool (there are none: no WAS app, no appPools)'
      : `the name of an application pool (${listNames([...knownPools])}${knownPools.has(DEFAULT_POOL) ? '' : `; no app is in ${DEFAULT_POOL} here`})`;
  // Built once, for the first fault that names an unknown app.
  let anApp: string | undefined;
  scenario.faults.forEach((rule, index) => {
    if ('target' in rule) {
      if (rule.target.app !== undefined && !appNames.has(rule.target.app)) {
        anApp ??= `the name of an app (${listNames([...appNames])})`;
        add(['faults', index, 'target', 'app'], anApp, rule.target.app, 'error', appNames);
      }
      if (rule.target.pool !== undefined && !knownPools.has(rule.target.pool)) {
        add(['faults', index, 'target', 'pool'], aPool, rule.target.pool, 'error', knownPools);
      }
    }
    if ('pool' in rule && !knownPools.has(rule.pool)) {
      add(['faults', index, 'pool'], aPool, rule.pool, 'error', knownPools);
    }
    if (
      'fromMs' in rule &&
      'toMs' in rule &&
      rule.fromMs !== undefined &&
      rule.toMs !== undefined &&
      rule.toMs < rule.fromMs
    ) {
      add(
        ['faults', index, 'toMs'],
        `a window end not before its start (fromMs ${rule.fromMs})`,
        rule.toMs,
      );
    }
  });
  // Arrivals that alone outlast the horizon: the file validates, and every run of it stops at
  // its horizon with exit 1.
  const lastArrivalMs = lastArrivalOf(scenario.workload, scenario.workload.sessions);
  if (lastArrivalMs >= scenario.horizonMs) {
    add(
      ['workload', 'arrivals'],
      arrivalsPastHorizon(
        scenario.horizonMs,
        scenario.workload.sessions,
        lastArrivalMs,
        `raise horizonMs${arrivalsAdvice(scenario.workload.arrivals)}`,
      ),
      scenario.workload.arrivals,
      'warning',
    );
  }
  // A WAS app whose enabledProtocols lack its own protocol has its requests blocked: every
  // session gets EndpointUnavailable (domain §7, §6.1). A mistake, unless the scenario counts
  // on unavailable outcomes, as protocol-not-enabled does.
  // (An expectation for one app counts on it for that app alone.)
  const expectsUnavailable = (app: string): boolean =>
    (scenario.expect ?? []).some(
      (expectation) =>
        'outcome' in expectation &&
        expectation.outcome === 'unavailable' &&
        (expectation.app === undefined || expectation.app === app) &&
        allowsSome(expectation.count),
    );
  scenario.apps.forEach((app, index) => {
    if (app.hosting !== 'was' || app.enabledProtocols === undefined) return;
    if (expectsUnavailable(app.name)) return;
    const uri = parseServiceUri(app.baseAddress);
    if (typeof uri === 'string') return;
    const scheme = uri.transport === 'tcp' ? 'net.tcp' : 'net.pipe';
    if (isProtocolEnabled(app.enabledProtocols, scheme)) return;
    const near = protocolsOf(app.enabledProtocols).find(
      (item) => item.trim().toLowerCase() === scheme,
    );
    const why =
      near === undefined
        ? ''
        : near.trim() !== near
          ? ` (IIS splits the text at commas without trimming: '${near}' is not ${scheme})`
          : ` (IIS compares protocols case-sensitively: '${near}' is not ${scheme})`;
    add(
      ['apps', index, 'enabledProtocols'],
      `a list that enables ${scheme}, the protocol of the app's baseAddress${why}, or every session of the app gets EndpointUnavailable`,
      app.enabledProtocols,
      'warning',
    );
  });
  // A via no app routes is a mistake, unless the scenario counts on no-route outcomes.
  const expectsNoRoute = (scenario.expect ?? []).some(
    (expectation) =>
      'outcome' in expectation &&
      expectation.outcome === 'no-route' &&
      allowsSome(expectation.count),
  );
  const vias = expectsNoRoute ? [] : (scenario.workload.vias ?? []);
  vias.forEach((via, index) => {
    const uri = parseServiceUri(via.via);
    if (typeof uri !== 'string' && !hasRoutablePrefix(routable, uri)) {
      add(
        ['workload', 'vias', index, 'via'],
        'a via some app can route (this one gives no-route)',
        via.via,
        'warning',
        misspeltBaseAddress(via.via, scenario.apps),
      );
    }
  });
  // A fault's via pattern that no via of the workload matches: the rule never fires in a run
  // (a typo'd path, say), though a client under serve may still send such a via.
  const workloadVias = workloadViasOf(scenario).map((weighted) => weighted.via);
  scenario.faults.forEach((rule, index) => {
    const pattern = 'target' in rule ? rule.target?.via : undefined;
    if (pattern === undefined) return;
    const matches = viaPattern(pattern);
    if (workloadVias.some((via) => matches.test(via))) return;
    add(
      ['faults', index, 'target', 'via'],
      `a via pattern some via of the workload matches (none of ${listNames(workloadVias)} does: no session of a run matches this rule; under serve, only a client sending such a via)`,
      pattern,
      'warning',
    );
  });
  // A target field the rule's kind does not read: a rule decided where that field is not
  // known never fires, and a timed one ignores it (user report: `worker-start-failure`
  // aimed at a via was accepted, and never fired).
  scenario.faults.forEach((rule, index) => {
    const target = 'target' in rule ? (rule.target as Record<string, unknown>) : undefined;
    if (target === undefined) return;
    const { reads, unread } = faultTargetFields[rule.kind];
    for (const field of Object.keys(target)) {
      if (target[field] === undefined || (reads as readonly string[]).includes(field)) continue;
      // A field already in error (an unknown app) is fixed first.
      const path = formatPath(['faults', index, 'target', field]);
      if (issues.some((issue) => issue.path === path)) continue;
      const known = reads.length === 0 ? 'none' : reads.join(', ');
      add(
        ['faults', index, 'target', field],
        unread === 'never fires'
          ? `a target field ${rule.kind} is decided on (${known}): where it is decided no ${field} is known, so this rule never fires`
          : `a target field ${rule.kind} reads (${known}): ${field} is ignored, and the rule applies to every app the rest of its target names`,
        target[field],
        'warning',
      );
    }
  });
  // An event or outcome counted for one app names an app of the scenario, and an event that
  // concerns no one app (a listener's, WAS's) is counted for none.
  scenario.expect.forEach((expectation, index) => {
    const app = 'event' in expectation || 'outcome' in expectation ? expectation.app : undefined;
    if (app === undefined) return;
    if (!appNames.has(app)) {
      anApp ??= `the name of an app (${listNames([...appNames])})`;
      add(['expect', index, 'app'], anApp, app, 'error', appNames);
    }
    if (!('event' in expectation)) return;
    const event = findEvent(expectation.event);
    if (event !== undefined && eventsOfNoApp.has(event.id)) {
      add(
        ['expect', index, 'app'],
        `no app on an event of no one app: ${event.id} ${event.name} is written for a whole listener, the pending connections or the connection to WAS (count it without app)`,
        app,
      );
    }
  });
  // A rule at probability 0 never fires: a typo, or a rule switched off by hand, which the
  // run report would say only after the run (user report).
  scenario.faults.forEach((rule, index) => {
    if ('probability' in rule && rule.probability === 0) {
      add(
        ['faults', index, 'probability'],
        'a probability above 0 (at 0 the rule never fires)',
        rule.probability,
        'warning',
      );
    }
  });
  // An expectation of at least one event the simulator never emits: every run says NOT MET.
  scenario.expect.forEach((expectation, index) => {
    if (!('event' in expectation) || !requiresSome(expectation.count)) return;
    const event = findEvent(expectation.event);
    if (event === undefined || !unsimulatedEventIds.has(event.id)) return;
    add(
      ['expect', index, 'event'],
      `an event the simulator emits: ${event.id} ${event.name} is not simulated, so this expectation can only be met by a count of 0`,
      expectation.event,
      'warning',
    );
  });
  // A sequence naming an event the simulator never emits: no session shows it (with
  // `sessions: all` and that event first, the expectation holds of no session at all).
  scenario.expect.forEach((expectation, index) => {
    const [key, refs] =
      'sequence' in expectation
        ? (['sequence', expectation.sequence] as const)
        : 'subsequence' in expectation
          ? (['subsequence', expectation.subsequence] as const)
          : [undefined, []];
    if (key === undefined) return;
    refs.forEach((ref, position) => {
      const event = findEvent(ref);
      if (event === undefined) return;
      if (unsimulatedEventIds.has(event.id)) {
        add(
          ['expect', index, key, position],
          `an event the simulator emits: ${event.id} ${event.name} is not simulated, so no session shows this ${key}`,
          ref,
          'warning',
        );
      } else if (event.activity !== 'session') {
        // A session's sequence is read from the events with its ActivityId (domain §2.2).
        add(
          ['expect', index, key, position],
          `a session event (one with the session ActivityId: ${SESSION_EVENT_IDS}): ${event.id} ${event.name} carries none, so no session shows this ${key}`,
          ref,
          'warning',
        );
      }
    });
  });
  return issues;
}

/**
 * What validation expects of arrivals that outlast the horizon, with the advice to give.
 * @param horizonMs - the scenario's horizon
 * @param sessions - the sessions run
 * @param lastArrivalMs - when the last of them arrives ({@link lastArrivalOf})
 * @param advice - what to change, without parentheses
 * @returns the `expected` text of the warning
 */
export function arrivalsPastHorizon(
  horizonMs: number,
  sessions: number,
  lastArrivalMs: number,
  advice: string,
): string {
  return `arrivals that end within horizonMs (${horizonMs} ms): the last of ${sessions} sessions arrives at about ${Math.round(lastArrivalMs)} ms, and the run stops at its horizon (${advice})`;
}

// The field of each kind of arrivals that brings the last arrival earlier, after "raise
// horizonMs": "the rate" sent a reader of `fixed: { intervalMs }` looking for a rate.
function arrivalsAdvice(arrivals: ArrivalsSpec): string {
  if ('fixed' in arrivals) return ', or lower intervalMs';
  if ('poisson' in arrivals) return ', or ratePerSec';
  if ('burst' in arrivals) return ' or size, or lower everyMs';
  return ", or lower the at list's times";
}

/**
 * The most sessions whose last first attempt arrives before the horizon (strictly before, so
 * that it has time to run), for the advice to a `--sessions` that outlasts it.
 * @param workload - the scenario's arrivals and the start they count from
 * @param horizonMs - its horizon
 * @returns the count (at least 0)
 */
export function sessionsWithinHorizon(workload: ArrivalTimeline, horizonMs: number): number {
  const fits = (sessions: number): boolean => lastArrivalOf(workload, sessions) < horizonMs;
  if (!fits(1)) return 0;
  // lastArrivalOf grows with the sessions: double, then halve the step, for the last that fits
  // (exact for every kind of arrivals, with no floating-point division to round).
  let high = 2;
  while (fits(high) && high < Number.MAX_SAFE_INTEGER / 2) high *= 2;
  let low = high / 2;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** What decides when first attempts arrive: the arrivals, counted from `startMs`. */
export interface ArrivalTimeline {
  readonly arrivals: ArrivalsSpec;
  readonly startMs: number;
}

/**
 * When the last first attempt arrives (arrival-process.ts): exactly, or on average for Poisson
 * arrivals. Every kind counts from `startMs` (user report: the advice for a file starting at
 * 1000 ms was one session too many, whose arrival met the horizon).
 * @param workload - the scenario's arrivals and the start they count from
 * @param sessions - the sessions run
 * @returns the time, in ms
 */
export function lastArrivalOf({ arrivals, startMs }: ArrivalTimeline, sessions: number): number {
  const last = sessions - 1;
  if ('fixed' in arrivals) return startMs + last * arrivals.fixed.intervalMs;
  if ('poisson' in arrivals) return startMs + (last * 1000) / arrivals.poisson.ratePerSec;
  if ('burst' in arrivals) {
    return startMs + Math.floor(last / arrivals.burst.size) * arrivals.burst.everyMs;
  }
  return (
    startMs + ([...arrivals.at].sort((a, b) => a - b)[Math.min(last, arrivals.at.length - 1)] ?? 0)
  );
}

/** Whether a count bound is met by no count but one above zero. */
function requiresSome(count: CountBound): boolean {
  if (typeof count === 'number') return count > 0;
  if (count.equals !== undefined) return count.equals > 0;
  return count.min !== undefined && count.min > 0;
}

/** Whether a count bound is met by some count above zero. */
function allowsSome(count: CountBound): boolean {
  if (typeof count === 'number') return count > 0;
  if (count.equals !== undefined) return count.equals > 0;
  return count.max === undefined || count.max > 0;
}

// What parseScenario or validateScenario returned, passed where a scenario goes (a JavaScript
// caller's `createSimulation(parseScenario(text))`): one issue saying what to pass, then the
// failed parse's own issues, which are what is wrong with the scenario meant. Anything else
// named `ok` is an unknown key for the schema to report.
function resultPassedAsScenario(input: unknown, file: string): ScenarioIssue[] | undefined {
  if (typeof input !== 'object' || input === null || !('ok' in input)) return undefined;
  const expected = 'a scenario, not the result of parseScenario or validateScenario';
  const issue = (advice: string, received: string): ScenarioIssue => ({
    severity: 'error',
    file,
    line: undefined,
    path: '',
    expected: `${expected}: ${advice}`,
    received,
  });
  if (input.ok === true && 'scenario' in input)
    return [issue("pass its 'scenario' field", 'a result with ok: true')];
  if (input.ok === false && 'issues' in input && Array.isArray(input.issues)) {
    const issues = input.issues as ScenarioIssue[];
    const count = `${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}`;
    return [
      issue(
        'it holds no scenario, because of the issues below',
        `a result with ok: false and ${count}`,
      ),
      ...issues,
    ];
  }
  return undefined;
}

// A URL (`new URL('./soak.yaml', import.meta.url)`) passed where a scenario object goes: its
// properties (href, protocol, …) were each "no such field". One issue says to read it first;
// the functions that read files (loadScenario, runScenario, swarmScenario) take it as a path.
function urlPassedAsScenario(input: unknown, file: string): ScenarioIssue[] | undefined {
  if (!(input instanceof URL)) return undefined;
  return [
    {
      severity: 'error',
      file,
      line: undefined,
      path: '',
      expected: 'a scenario object, not a URL: read the file with loadScenario(url)',
      received: `a URL: ${input.href}`,
    },
  ];
}

// A string given in code where a scenario object belongs (createSimulation('dup-handle-failure')
// said only "expected a mapping", user report): the library's builders do no I/O. A file whose
// whole content is a string is not this: it has a name.
function nameOrPathPassedAsScenario(input: unknown, file: string): ScenarioIssue[] | undefined {
  if (typeof input !== 'string' || file !== IN_CODE) return undefined;
  return [
    {
      severity: 'error',
      file,
      line: undefined,
      path: '',
      expected: `a scenario object, not a name or path: read it with loadScenario('${input}') first (runScenario and swarmScenario take a name or path too)`,
      received: `'${input}'`,
    },
  ];
}

// Issues in the order of their lines, as a person fixes a file from the top (user report: a
// misspelt top-level key came after the issues of the lines below it). A stable sort: issues
// of one line, and those of an in-code scenario, which have none, keep the order found.
function byLine(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort(
    (a, b) => (a.line ?? Number.POSITIVE_INFINITY) - (b.line ?? Number.POSITIVE_INFINITY),
  );
}

/**
 * Validates a scenario object.
 * @param input - the object (parsed YAML or JSON, or built in code)
 * @param file - the file name, or a label for in-code scenarios
 * @param lineOf - finds the source line of a path (files only)
 * @returns the scenario with warnings, or every issue found
 */
export function validateScenario(
  input: unknown,
  file: string,
  lineOf: LineLocator = () => undefined,
): ScenarioValidation {
  const misplaced =
    urlPassedAsScenario(input, file) ??
    nameOrPathPassedAsScenario(input, file) ??
    resultPassedAsScenario(input, file);
  if (misplaced !== undefined) return { ok: false, issues: misplaced };
  const parsed = scenarioSchema.safeParse(input, WITHOUT_COMPILING);
  if (!parsed.success) {
    // The cross-field errors of the fields the schema took, at once rather than after a fix.
    const salvaged = salvageForCrossCheck(input, parsed.error);
    const crossErrors =
      salvaged === undefined
        ? []
        : crossCheck(salvaged, file, lineOf).filter((issue) => issue.severity === 'error');
    return {
      ok: false,
      issues: byLine([...toIssues(parsed.error, input, file, lineOf), ...crossErrors]),
    };
  }
  const issues = [
    ...crossCheck(parsed.data, file, lineOf),
    ...pipeWsaErrors(input, parsed.data, file, lineOf),
    ...deprecations(input, file, lineOf),
  ];
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) {
    const warnings = issues.filter((i) => i.severity === 'warning');
    return { ok: false, issues: [...byLine(errors), ...byLine(warnings)] };
  }
  // Frozen: a validated scenario runs unchecked, so a change in place must fail where it is
  // made (user report: `sessions = -5` ran 0 sessions without a word). Copies are checked.
  const scenario = deepFreeze(parsed.data);
  validatedScenarios.add(scenario);
  return { ok: true, scenario, warnings: issues };
}

// Scenarios that passed validation: the simulation takes them as they are, without
// validating them again (a copy is validated again: its durations are taken in parsed form).
const validatedScenarios = new WeakSet<object>();

/**
 * @param value - a scenario object
 * @returns true when it came out of {@link validateScenario} (defaults filled in)
 */
export function isValidatedScenario(value: unknown): value is Scenario {
  return typeof value === 'object' && value !== null && validatedScenarios.has(value);
}
