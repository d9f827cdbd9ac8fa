// createSimulation: config, then build, then run (STYLE §5.1, §5.3). A validated scenario
// and run options go in; a Simulation comes out with its typed event bus; `run()` drives
// virtual time until every session has its outcome and returns the RunResult.

import { OutcomeReasons } from './outcome-reasons.js';
import { TimeToOutcome } from './time-to-outcome.js';
import { OutcomesByApp } from './outcomes-by-app.js';
import { AppEventTally } from './app-event-tally.js';
import type { DispatchEvent } from '../events/dispatch-event.js';
import { workloadViasOf } from '../scenario/workload-vias.js';
import { createRetryPolicy } from '../client/retry-policies.js';
import { ClientDriver } from '../client/client-driver.js';
import { createRandom } from '../core/prng.js';
import { VirtualClock } from '../core/virtual-clock.js';
import { ScenarioError } from '../errors/scenario-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { SimulationAlreadyRunError } from '../errors/simulation-already-run-error.js';
import { endEventBus, EventBus } from '../events/event-bus.js';
import type { ClientView, SessionOutcome, SessionOutcomeKind } from '../events/session-outcome.js';
import { FaultInjector } from '../faults/fault-injector.js';
import { createMachine } from '../model/machine.js';
import type { Scenario, ScenarioLike } from '../scenario/scenario-schema.js';
import { isValidatedScenario, validateScenario } from '../scenario/validate-scenario.js';
import { createArrivalProcess } from '../workload/arrival-process.js';
import { createViaPicker } from '../workload/via-picker.js';
import { findEvent } from '../events/event-catalog.js';
import { checkExpectations } from './check-expectations.js';
import { checkSessionsOverride } from './check-sessions-override.js';
import { SequenceTracker } from './sequence-tracker.js';
import { parseRunOptions, type RunOptions } from './run-options.js';
import { keepStoppedRunResult } from './result-of-stopped-run.js';
import type { ClientSeen, RunResult } from './run-result.js';
import { runLoop, type RunLoopStats } from './run-loop.js';

/** A simulation, built and ready to run once. */
export interface Simulation {
  /** The scenario, defaults filled in. */
  readonly scenario: Scenario;
  /** The seed this run uses. */
  readonly seed: number;
  /** The typed event bus: subscribe before `run()`. */
  readonly events: EventBus;
  /**
   * @param listener - receives each session's outcome as it happens
   * @returns a function that unsubscribes
   * @throws InvalidOptionError (`config.invalid-option`) when the listener is not a function
   */
  onOutcome(listener: (outcome: SessionOutcome) => void): () => void;
  /**
   * Runs the scenario on virtual time.
   * @returns the result, once every session has its outcome
   * @throws HorizonExceededError (`sim.horizon-exceeded`), SimulationStalledError
   *   (`sim.stalled`) or LivelockError (`sim.livelock`) when the run cannot finish (what it
   *   produced up to then: `resultOfStoppedRun(error)`); SimulationAlreadyRunError
   *   (`sim.already-run`) when `run()` was called before
   */
  run(): Promise<RunResult>;
  /** @returns every session's outcome, in the order they ended (when recorded) */
  outcomes(): readonly SessionOutcome[];
}

/**
 * Validates a scenario object (as written, defaults optional) and fills its defaults.
 * @param input - the scenario, as written or as returned by `parseScenario`
 * @param file - a name for messages
 * @returns the scenario, defaults filled in
 * @throws ScenarioError (`scenario.invalid`) listing every issue
 */
export function resolveScenario(input: ScenarioLike, file = '<scenario>'): Scenario {
  if (isValidatedScenario(input)) return input;
  const validation = validateScenario(input, file);
  if (!validation.ok) throw new ScenarioError(file, validation.issues);
  return validation.scenario;
}

/**
 * Builds a simulation of a scenario. It does no I/O, so it takes a scenario object: read a
 * file or a bundled scenario first with `loadScenario` (`createSimulation(await
 * loadScenario('dup-handle-failure'))`).
 * @param input - the scenario (as in a file, or already parsed)
 * @param options - seed, size, horizon, tie order, client policy
 * @returns the simulation; nothing runs until `run()`
 * @throws ScenarioError (`scenario.invalid`) or InvalidOptionError (`config.invalid-option`,
 *   e.g. `sessions` beyond the instants of an `at` arrival list)
 * @example
 * const sim = createSimulation({ name: 'demo', apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }] }, { seed: 7 });
 * sim.events.on('DispatchSessionFailed', (e) => failures.push(e.annotations.reason));
 * const result = await sim.run();
 */
export function createSimulation(input: ScenarioLike, options: RunOptions = {}): Simulation {
  const opts = parseRunOptions(options);
  let scenario = resolveScenario(input);
  if (opts.sessions !== undefined) {
    checkSessionsOverride(scenario, opts.sessions);
    scenario = { ...scenario, workload: { ...scenario.workload, sessions: opts.sessions } };
  }
  const seed = opts.seed ?? scenario.seed ?? 1;
  const random = createRandom(seed);
  const tieStream = random.stream('tie-order');
  const clock = new VirtualClock(
    opts.tieOrder === 'shuffled' ? () => tieStream.nextFloat() : undefined,
  );
  const bus = new EventBus(clock, {
    selfHostedApps: scenario.apps.filter((app) => app.hosting === 'self').map((app) => app.name),
  });
  const faults = new FaultInjector(scenario.faults, random);
  const outcomeListeners = new Set<(outcome: SessionOutcome) => void>();
  const recorded: SessionOutcome[] = [];
  const seen = new Map<
    ClientView,
    Map<SessionOutcomeKind, { outcome: SessionOutcomeKind; count: number }>
  >();
  const reasons = new OutcomeReasons();
  const times = new TimeToOutcome();
  const byApp = new OutcomesByApp(scenario.apps.map((app) => app.name));
  const onOutcome = (outcome: SessionOutcome): void => {
    if (opts.recordOutcomes) recorded.push(outcome);
    reasons.add(outcome);
    times.add(outcome);
    byApp.add(outcome);
    // Client views are shared objects, so the tally is keyed by identity, not by text.
    let byKind = seen.get(outcome.client);
    if (byKind === undefined) {
      byKind = new Map();
      seen.set(outcome.client, byKind);
    }
    const entry = byKind.get(outcome.kind);
    if (entry === undefined) byKind.set(outcome.kind, { outcome: outcome.kind, count: 1 });
    else entry.count++;
    for (const listener of outcomeListeners) listener(outcome);
    // The driver is created below; outcomes only happen once the run has started.
    driver.onOutcome(outcome);
  };
  const machine = createMachine(scenario, clock, bus, random, faults, onOutcome);
  const workload = scenario.workload;
  const vias = workloadViasOf(scenario);
  const driver: ClientDriver = new ClientDriver(
    clock,
    (connect) => {
      machine.dispatcher.connect(connect);
    },
    createArrivalProcess(
      workload.arrivals,
      workload.sessions,
      workload.startMs,
      random.stream('arrivals'),
    ),
    createViaPicker(vias, random.stream('vias')),
    opts.clientPolicy ?? createRetryPolicy(workload.client.retry),
    random.stream('clients'),
  );
  const clientDriver = driver;

  // `sequence` and `subsequence` expectations are judged session by session, as each ends.
  const idsOf = (refs: readonly (number | string)[]): number[] =>
    // Stryker disable next-line OptionalChaining,UnaryOperator: a validated scenario names only events the catalogue has
    refs.map((ref) => findEvent(ref)?.id ?? -1);
  const tracked = scenario.expect.flatMap((e) =>
    'sequence' in e
      ? [{ ids: idsOf(e.sequence), contiguous: true }]
      : 'subsequence' in e
        ? [{ ids: idsOf(e.subsequence), contiguous: false }]
        : [],
  );
  const sequences = tracked.length > 0 ? new SequenceTracker(tracked) : undefined;
  // `{ event, app }` expectations: only the events they name are heard.
  const appEventNames = new Set(
    scenario.expect.flatMap((e) => {
      const entry = 'event' in e && e.app !== undefined ? findEvent(e.event) : undefined;
      return entry === undefined ? [] : [entry.name];
    }),
  );
  const appEvents = appEventNames.size > 0 ? new AppEventTally() : undefined;
  if (appEvents !== undefined) {
    const count = (event: DispatchEvent): void => appEvents.onEvent(event);
    for (const name of appEventNames) bus.on(name, count);
    outcomeListeners.add((outcome) => appEvents.onOutcome(outcome));
  }
  if (sequences !== undefined) {
    bus.on('event', (event) => {
      if (!('activityId' in event)) return;
      const id = event.annotations.sessionId;
      if (id !== undefined) sequences.onEvent(id, event.id);
    });
    outcomeListeners.add((outcome) => sequences.onOutcome(outcome.sessionId));
  }

  // The figures of the run so far: at its end, or when it stops early (the same figures,
  // so a stopped run's report reads like a finished one's).
  const tallies = (stats: RunLoopStats): Omit<RunResult, 'expectations'> => {
    const ledger = machine.world.ledger.summary();
    const world = machine.world;
    return {
      scenario: scenario.name,
      seed,
      sessions: ledger.arrived,
      accepted: ledger.accepted,
      outcomes: ledger.outcomes,
      outcomesByApp: byApp.list(),
      clientSeen: [...seen].flatMap(([view, byKind]) =>
        [...byKind.values()].map(({ outcome, count }): ClientSeen => ({
          outcome,
          result: view.result,
          fault: view.fault,
          exception: view.exception,
          message: view.message,
          count,
        })),
      ),
      outcomeReasons: reasons.list(),
      timeToOutcome: times.list(),
      eventCounts: Object.fromEntries([...bus.counts()].map(([id, n]) => [String(id), n])),
      eventLogCounts: Object.fromEntries([...bus.logCounts()].map(([id, n]) => [String(id), n])),
      counters: world.counters.snapshot(),
      countersByTransport: {
        tcp: world.counters.snapshot('tcp'),
        pipe: world.counters.snapshot('pipe'),
      },
      faultsFired: Object.fromEntries(faults.fired()),
      faultRules: scenario.faults.map((rule, index) => ({
        rule,
        fired: faults.firedByRule()[index] ?? 0,
      })),
      requests: clientDriver.summary(),
      virtualDurationMs: clock.now(),
      steps: stats.steps,
      hops: stats.hops,
      balanced: ledger.balanced,
    };
  };

  let ran = false;
  // Once the run ends, nothing more comes: a subscription then is refused (user report: taken
  // without a word, it never heard anything).
  let ended = false;
  const end = (): void => {
    ended = true;
    endEventBus(bus, { scenario: scenario.name, seed });
  };
  return {
    scenario,
    seed,
    events: bus,
    onOutcome: (listener) => {
      if (ended) {
        throw new SimulationAlreadyRunError({
          scenario: scenario.name,
          seed,
          subscription: { by: 'onOutcome', awaits: 'outcome' },
        });
      }
      if (typeof listener !== 'function') {
        throw new InvalidOptionError('onOutcome', 'a listener function', listener);
      }
      outcomeListeners.add(listener);
      return () => outcomeListeners.delete(listener);
    },
    outcomes: () => recorded,
    run: async () => {
      if (ran) throw new SimulationAlreadyRunError({ scenario: scenario.name, seed });
      ran = true;
      try {
        machine.start();
        clientDriver.start();
        const total = workload.sessions;
        const horizonMs = opts.horizonMs ?? scenario.horizonMs;
        const notArrived = (): number => scenario.workload.sessions - clientDriver.arrived;
        const reportProgress = (): void => {
          const requests = clientDriver.summary();
          opts.onProgress?.(
            requests.succeededFirstTime + requests.succeededAfterRetry + requests.gaveUp,
            total,
            { atMs: clock.now(), attempts: clientDriver.attempts },
          );
        };
        const stats = await runLoop({
          clock,
          isDone: () => clientDriver.done && machine.world.ledger.open === 0,
          // Sessions yet to arrive have no outcome either: a run stopped at its horizon before
          // its last arrivals counted none open when nothing was in flight.
          open: () => Math.max(machine.world.ledger.open, clientDriver.open) + notArrived(),
          notArrived,
          attempts: () => ({ sent: clientDriver.attempts, firstAttempts: clientDriver.arrived }),
          awaitingPolicy: () => clientDriver.awaitingPolicy,
          retryStorm: () => clientDriver.retryStorm(),
          horizonMs,
          progress: () => bus.seq + machine.world.ledger.entries + clientDriver.attempts,
          onStep: opts.onStep,
          // What happened up to the stop, for `resultOfStoppedRun(error)`.
          onStop: ({ code, error, steps, hops }) =>
            keepStoppedRunResult(error, {
              ...tallies({ steps, hops }),
              stoppedBy: code,
              horizonMs,
              inFlight: machine.world.ledger.open,
              notArrived: notArrived(),
              awaitingPolicy: clientDriver.awaitingPolicy,
            }),
          onProgress: opts.onProgress === undefined ? undefined : reportProgress,
        }).catch((error: unknown) => {
          // A run stopped (a signal, a passed horizon…) tells how far it got, as one that ends
          // does.
          reportProgress();
          throw error;
        });
        const policyError = clientDriver.policyError;
        if (policyError !== undefined) {
          throw policyError instanceof Error
            ? policyError
            : new Error('The client policy failed with a value that is not an Error', {
                cause: policyError,
              });
        }
        const partial = tallies(stats);
        opts.onProgress?.(total, total, { atMs: clock.now(), attempts: clientDriver.attempts });
        return {
          ...partial,
          expectations: checkExpectations(
            scenario.expect,
            partial,
            sequences?.finish(),
            undefined,
            appEvents?.counts(),
          ),
        };
      } finally {
        end();
      }
    },
  };
}
