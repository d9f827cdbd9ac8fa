// ClientDriver: the simulated clients. It sends each logical request's first attempt at its
// arrival time, reports every attempt's result to the client policy, sends the retries it
// asks for, and keeps the per-request books (succeeded first time, after N retries, gave up).

import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { ClientId } from '../core/ids.js';
import { createClientIds } from '../core/ids.js';
import { isPromiseLike } from '../core/is-promise-like.js';
import { ms } from '../core/millis.js';
import type { RandomStream } from '../core/prng.js';
import { TimerPriority, type VirtualClock } from '../core/virtual-clock.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import type { Connect } from '../model/dispatcher.js';
import type { ArrivalProcess } from '../workload/arrival-process.js';
import type { ViaPicker, WeightedVia } from '../workload/via-picker.js';
import type { ClientPolicy, ClientPolicyContext, RetryDecision } from './client-policy.js';
import { RequestsInFlight } from './requests-in-flight.js';

/** Per logical request results of a run (issue 7). */
export interface RequestSummary {
  /** Logical requests sent. */
  readonly total: number;
  readonly succeededFirstTime: number;
  readonly succeededAfterRetry: number;
  readonly gaveUp: number;
  /** Successful requests by the number of retries they needed (index 0 = first time). */
  readonly succeededByRetries: readonly number[];
  /** Attempts (sessions) sent, retries included. */
  readonly attempts: number;
}

interface Request {
  readonly id: ClientId;
  readonly via: WeightedVia;
  /** The instant of this request's last retry at once (afterMs 0), and how many at it. */
  atOnceAtMs: number;
  atOnce: number;
}

/**
 * Retries of one request at one instant, each after an attempt that failed at once, past
 * which the run is declared stuck (see {@link ClientDriver.retryStorm}): virtual time cannot
 * move while a policy keeps retrying such a request at once.
 */
export const RETRIES_AT_ONE_INSTANT = 1000;

/** A request a client policy keeps retrying at once at the current instant. */
export interface RetryStorm {
  readonly clientId: ClientId;
  /** Its retries at this instant. */
  readonly retries: number;
  /** How its last attempt failed (an outcome kind, e.g. `queue-full`). */
  readonly failure: string;
}

/** Drives the clients of a run. */
export class ClientDriver {
  readonly #clock: VirtualClock;
  readonly #connect: (connect: Connect) => void;
  readonly #arrivals: ArrivalProcess;
  readonly #vias: ViaPicker;
  readonly #policy: ClientPolicy | undefined;
  readonly #context: ClientPolicyContext;
  readonly #ids = createClientIds();
  readonly #requests = new RequestsInFlight<Request>();
  #arrivalsDone = false;
  #arrived = 0;
  #attempts = 0;
  #firstTime = 0;
  #afterRetry = 0;
  #gaveUp = 0;
  readonly #byRetries: number[] = [];
  #policyError: unknown;
  #awaitingPolicy = 0;
  /** The request retried at once the most at the instant #stormAtMs, and how it failed. */
  #storm: Request | undefined;
  #stormAtMs = -1;
  #stormFailure = '';

  /**
   * @param clock - virtual time
   * @param connect - sends one attempt into the machine
   * @param arrivals - first-attempt times
   * @param vias - which via each request uses
   * @param policy - decides retries; undefined: never retry
   * @param random - the `clients` stream
   */
  constructor(
    clock: VirtualClock,
    connect: (connect: Connect) => void,
    arrivals: ArrivalProcess,
    vias: ViaPicker,
    policy: ClientPolicy | undefined,
    random: RandomStream,
  ) {
    this.#clock = clock;
    this.#connect = connect;
    this.#arrivals = arrivals;
    this.#vias = vias;
    this.#policy = policy;
    this.#context = Object.freeze({
      now: () => clock.now(),
      sleep: (delay: number) =>
        Number.isFinite(delay) && delay >= 0
          ? clock.sleep(ms(delay))
          : Promise.reject(
              new InvalidOptionError('context.sleep', 'a finite number of ms >= 0', delay),
            ),
      random,
    });
  }

  /** Schedules the first arrival. */
  start(): void {
    this.#scheduleNextArrival();
  }

  /** True when every request has arrived and has its final result. */
  get done(): boolean {
    return this.#arrivalsDone && this.#requests.size === 0;
  }

  /** Attempts sent so far (first attempts and retries). */
  get attempts(): number {
    return this.#attempts;
  }

  /** First attempts that have arrived so far. */
  get arrived(): number {
    return this.#arrived;
  }

  /** Requests sent and not yet finished. */
  get open(): number {
    return this.#requests.size;
  }

  /**
   * Requests whose policy returned a promise that has not settled yet. At a stall (nothing
   * scheduled), such a promise waits on something virtual time cannot settle.
   */
  get awaitingPolicy(): number {
    return this.#awaitingPolicy;
  }

  /** An error a user policy threw or rejected with, if any. */
  get policyError(): unknown {
    return this.#policyError;
  }

  #scheduleNextArrival(): void {
    const at = this.#arrivals.next();
    if (at === undefined) {
      this.#arrivalsDone = true;
      return;
    }
    this.#clock.scheduleAt(
      at,
      () => {
        const request: Request = {
          id: this.#ids.next(),
          via: this.#vias.pick(),
          atOnceAtMs: -1,
          atOnce: 0,
        };
        this.#arrived++;
        this.#requests.add(request);
        // The next arrival is scheduled first, so it keeps its place among equal instants.
        this.#scheduleNextArrival();
        this.#send(request, 1);
      },
      TimerPriority.arrival,
      'arrival',
    );
  }

  #send(request: Request, attempt: number): void {
    this.#attempts++;
    this.#connect({
      clientId: request.id,
      attempt,
      via: request.via.via,
      localPort: request.via.localPort,
    });
  }

  /** @param outcome - the end of one attempt */
  readonly onOutcome = (outcome: SessionOutcome): void => {
    const request = this.#requests.get(outcome.clientId);
    if (request === undefined) return;
    const succeeded = outcome.client.result === 'ok';
    const policy = this.#policy;
    if (policy === undefined) {
      this.#finish(request, outcome.attempt, succeeded);
      return;
    }
    const report = {
      clientId: outcome.clientId,
      attempt: outcome.attempt,
      atMs: outcome.atMs,
      succeeded,
      client: outcome.client,
      outcome,
    };
    let decision: RetryDecision | PromiseLike<RetryDecision>;
    try {
      if (succeeded) {
        policy.onSuccess?.(report);
        this.#finish(request, outcome.attempt, true);
        return;
      }
      decision = policy(report, this.#context);
    } catch (error: unknown) {
      this.#failPolicy(request, outcome.attempt, error);
      return;
    }
    if (isPromiseLike(decision)) {
      // The decision settles in microtasks: the run loop must let them run.
      this.#clock.notePromisesSettling();
      this.#awaitingPolicy++;
      Promise.resolve(decision).then(
        (settled) => {
          this.#awaitingPolicy--;
          this.#clock.notePromisesSettling();
          this.#apply(request, outcome, settled);
        },
        (error: unknown) => {
          this.#awaitingPolicy--;
          this.#failPolicy(request, outcome.attempt, error);
        },
      );
    } else {
      this.#apply(request, outcome, decision);
    }
  };

  #apply(request: Request, outcome: SessionOutcome, decision: RetryDecision): void {
    const attempt = outcome.attempt;
    // Policies are user code: a JavaScript policy may return anything.
    if (!isRetryDecision(decision)) {
      this.#failPolicy(
        request,
        attempt,
        new InvalidOptionError(
          'clientPolicy',
          'a decision { retry: false } or { retry: true, afterMs? }',
          decision,
        ),
      );
      return;
    }
    if (!decision.retry) {
      this.#finish(request, attempt, false);
      return;
    }
    const afterMs = decision.afterMs ?? 0;
    if (!(afterMs >= 0) || !Number.isFinite(afterMs)) {
      this.#failPolicy(
        request,
        attempt,
        new InvalidOptionError(
          'clientPolicy',
          'a decision whose afterMs is a finite number >= 0',
          afterMs,
        ),
      );
      return;
    }
    if (afterMs === 0) this.#noteRetryAtOnce(request, outcome.kind);
    this.#clock.scheduleIn(
      ms(afterMs),
      () => this.#send(request, attempt + 1),
      TimerPriority.arrival,
      'client-retry',
    );
  }

  // Counts the retries at once of a request at the current instant, and keeps the request
  // retried most at it (retryStorm).
  #noteRetryAtOnce(request: Request, failure: string): void {
    const now = this.#clock.now();
    if (request.atOnceAtMs !== now) {
      request.atOnceAtMs = now;
      request.atOnce = 0;
    }
    request.atOnce++;
    const storm = this.#storm;
    if (storm === undefined || this.#stormAtMs !== now || request.atOnce >= storm.atOnce) {
      this.#storm = request;
      this.#stormAtMs = now;
      this.#stormFailure = failure;
    }
  }

  /**
   * The run loop asks, while steps keep coming at one instant: a request still in flight that
   * the policy retried at once at least {@link RETRIES_AT_ONE_INSTANT} times at this instant
   * keeps virtual time from moving (each attempt fails at once, e.g. on a full queue, and
   * is retried at once), so the run can never end.
   * @returns the request retried at once the most at this instant, if that many times
   */
  retryStorm(): RetryStorm | undefined {
    const storm = this.#storm;
    const now = this.#clock.now();
    if (
      storm === undefined ||
      this.#stormAtMs !== now ||
      storm.atOnceAtMs !== now ||
      storm.atOnce < RETRIES_AT_ONE_INSTANT ||
      this.#requests.get(storm.id) !== storm
    ) {
      return undefined;
    }
    return { clientId: storm.id, retries: storm.atOnce, failure: this.#stormFailure };
  }

  #failPolicy(request: Request, attempt: number, error: unknown): void {
    this.#policyError ??= error;
    this.#finish(request, attempt, false);
  }

  #finish(request: Request, attempts: number, succeeded: boolean): void {
    this.#requests.delete(request.id);
    if (!succeeded) {
      this.#gaveUp++;
      return;
    }
    const retries = attempts - 1;
    if (retries === 0) this.#firstTime++;
    else this.#afterRetry++;
    while (this.#byRetries.length <= retries) this.#byRetries.push(0);
    this.#byRetries[retries] = (this.#byRetries[retries] ?? 0) + 1;
  }

  /** @returns the per-request books */
  summary(): RequestSummary {
    return {
      total: this.#ids.count,
      succeededFirstTime: this.#firstTime,
      succeededAfterRetry: this.#afterRetry,
      gaveUp: this.#gaveUp,
      succeededByRetries: [...this.#byRetries],
      attempts: this.#attempts,
    };
  }
}

function isRetryDecision(value: unknown): value is RetryDecision {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { retry?: unknown }).retry === 'boolean'
  );
}
