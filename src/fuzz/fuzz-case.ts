// One fuzz case (issue 10): a random valid scenario and a seed, run in-process, judged by
// the simulator's own promises: the run ends (no stall, no horizon, no livelock, no internal
// error), every session has exactly one outcome and the books balance, every request gets a
// final result, no session event comes after the session's outcome, every 4031 follows a
// 4008 of its activity, and (on a sample) the same seed gives the same trace. A hang is the
// one failure this file cannot see: the fuzz runner watches each case with a wall clock.

import { createHash } from 'node:crypto';
import { isDispatchsimError } from '../errors/dispatchsim-error.js';
import { formatTraceLine, type TraceRecord } from '../events/trace.js';
import type { ScenarioInput } from '../scenario/scenario-schema.js';
import { validateScenario } from '../scenario/validate-scenario.js';
import { createSimulation } from '../sim/simulation.js';

/** The ways a fuzz case can fail; `hang` is found by the runner's watchdog. */
export const fuzzFailureKinds = [
  'invalid-scenario',
  'hang',
  'stall',
  'horizon',
  'livelock',
  'internal-error',
  'unbalanced',
  'lost-request',
  'event-after-outcome',
  'failed-without-start',
  'nondeterministic',
] as const;

/** One way a fuzz case can fail. */
export type FuzzFailureKind = (typeof fuzzFailureKinds)[number];

/** What a fuzz case found. */
export type FuzzVerdict =
  | { readonly ok: true; readonly steps: number; readonly sessions: number }
  | {
      readonly ok: false;
      readonly kind: FuzzFailureKind;
      /** The failure class: kind plus the message with its numbers blanked. */
      readonly signature: string;
      readonly message: string;
    };

/**
 * @param kind - what failed
 * @param message - the details
 * @returns the failed verdict, with the class signature that groups like failures
 */
export function fuzzFailure(kind: FuzzFailureKind, message: string): FuzzVerdict {
  const firstLine = message.split('\n')[0] ?? '';
  const signature = `${kind}: ${firstLine.replace(/\d+(\.\d+)?/g, 'N')}`;
  return { ok: false, kind, signature, message: firstLine };
}

interface Observed {
  readonly verdict: FuzzVerdict;
  readonly digest: string;
}

async function observe(scenario: ScenarioInput, seed: number, digestTrace: boolean) {
  const sim = createSimulation(scenario, { seed, recordOutcomes: false });
  const hash = digestTrace ? createHash('sha256') : undefined;
  const ended = new Set<number>();
  const started = new Set<string>();
  let problem: FuzzVerdict | undefined;
  const onRecord = (record: TraceRecord): void => {
    hash?.update(formatTraceLine(record) + '\n');
  };
  sim.events.on('eventLog', onRecord);
  sim.events.on('event', (event) => {
    onRecord(event);
    if (!('activityId' in event)) return;
    const id = event.annotations.sessionId;
    if (problem === undefined && id !== undefined && ended.has(id)) {
      problem = fuzzFailure(
        'event-after-outcome',
        `session ${id} emitted ${event.id} ${event.name} after its outcome`,
      );
    }
    if (event.id === 4008) started.add(event.activityId);
    if (event.id === 4031 && !started.has(event.activityId) && problem === undefined) {
      problem = fuzzFailure('failed-without-start', `4031 for ${event.activityId} without a 4008`);
    }
  });
  sim.onOutcome((outcome) => {
    if (ended.has(outcome.sessionId) && problem === undefined) {
      problem = fuzzFailure('unbalanced', `session ${outcome.sessionId} got a second outcome`);
    }
    ended.add(outcome.sessionId);
  });
  try {
    const result = await sim.run();
    const outcomes = Object.values(result.outcomes).reduce((a, b) => a + b, 0);
    const sessions = validateSessions(scenario);
    let verdict: FuzzVerdict = problem ?? {
      ok: true,
      steps: result.steps,
      sessions: result.sessions,
    };
    if (verdict.ok && (!result.balanced || outcomes !== result.sessions)) {
      verdict = fuzzFailure(
        'unbalanced',
        `${result.sessions} sessions arrived, ${outcomes} outcomes (balanced ${result.balanced})`,
      );
    } else if (verdict.ok && result.requests.total !== sessions) {
      verdict = fuzzFailure(
        'lost-request',
        `${sessions} requests expected, ${result.requests.total} finished`,
      );
    }
    return { verdict, digest: hash?.digest('hex') ?? '' } satisfies Observed;
  } catch (error: unknown) {
    return { verdict: classify(error), digest: '' } satisfies Observed;
  }
}

function validateSessions(scenario: ScenarioInput): number {
  const parsed = validateScenario(scenario, 'fuzz');
  return parsed.ok ? parsed.scenario.workload.sessions : 0;
}

/**
 * @param error - what a run threw
 * @returns its failure class
 */
export function classify(error: unknown): FuzzVerdict {
  if (isDispatchsimError(error)) {
    switch (error.code) {
      case 'sim.stalled':
        return fuzzFailure('stall', error.message);
      case 'sim.horizon-exceeded':
        return fuzzFailure('horizon', error.message);
      case 'sim.livelock':
        return fuzzFailure('livelock', error.message);
      case 'scenario.invalid':
        return fuzzFailure('invalid-scenario', error.message);
      default:
        return fuzzFailure('internal-error', `${error.code}: ${error.message}`);
    }
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return fuzzFailure('internal-error', message);
}

/**
 * Runs one fuzz case in this process.
 * @param scenario - a scenario from {@link randomScenario}
 * @param seed - the run's seed
 * @param checkDeterminism - run it twice and compare the traces' digests
 * @returns ok, or the first failure found
 */
export async function runFuzzCase(
  scenario: ScenarioInput,
  seed: number,
  checkDeterminism: boolean,
): Promise<FuzzVerdict> {
  const validation = validateScenario(scenario, 'fuzz');
  if (!validation.ok) {
    const issue = validation.issues[0];
    return fuzzFailure(
      'invalid-scenario',
      `${issue?.path ?? ''}: expected ${issue?.expected ?? '?'} (got ${issue?.received ?? '?'})`,
    );
  }
  const first = await observe(scenario, seed, checkDeterminism);
  if (!first.verdict.ok || !checkDeterminism) return first.verdict;
  const second = await observe(scenario, seed, true);
  if (second.digest !== first.digest) {
    return fuzzFailure('nondeterministic', 'the same scenario and seed gave two different traces');
  }
  return first.verdict;
}
