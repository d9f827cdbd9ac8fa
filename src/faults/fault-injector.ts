// FaultInjector: the model asks it, at named hooks of the pipeline, whether a rule of the
// fault plan fires (STYLE §5.6). Each rule has a stable identity (its `id`, or its kind and
// target) and decides each opportunity (hook, app, ordinal) by a draw keyed by that identity
// and that opportunity alone: a probability of 0 never fires, adding or removing a rule
// shifts neither arrivals nor the other rules' decisions, and a narrower window or a lower
// probability only removes firings. Shrinking a failing fault plan depends on this.

import { viaPattern } from '../scenario/via-pattern.js';
import type { Millis } from '../core/millis.js';
import { keyOf, type Random, type RandomStream } from '../core/prng.js';
import type { FaultKind, FaultRule, FaultRuleOf } from '../scenario/fault-schema.js';

/** The hooks where the model asks for session and worker faults. */
export const faultHooks = {
  preamble: ['preamble-timeout', 'bad-preamble'],
  route: ['no-route'],
  dupHandle: ['duplicate-handle-failure'],
  workerCallback: ['worker-callback-failure', 'worker-hang', 'service-activation-failure'],
  workerStart: ['worker-start-failure'],
  openListenerChannel: ['open-listener-channel-failure'],
  registration: ['registration-failure'],
} as const satisfies Record<string, readonly FaultKind[]>;

/** A hook name. */
export type FaultHook = keyof typeof faultHooks;

/** The kinds decided at one hook. */
export type FaultKindAt<H extends FaultHook> = (typeof faultHooks)[H][number];

/** What the model tells the injector about the moment it asks. */
export interface FaultContext {
  readonly atMs: Millis;
  /** The session's arrival ordinal (1-based), or the launch/registration ordinal for worker hooks. */
  readonly nth: number;
  readonly app?: string | undefined;
  readonly pool?: string | undefined;
  readonly via?: string | undefined;
  /** The worker's ordinal: its number in its app pool (WAS) or among its service's processes (self-hosted), 1-based. */
  readonly worker?: number | undefined;
}

/** Rules decided per session or worker (the ones with a probability). */
type DecidedRule = FaultRuleOf<FaultKindAt<FaultHook>>;

interface RuleState {
  readonly rule: DecidedRule;
  /** Keyed draws: the rule's decision at each opportunity. */
  readonly stream: RandomStream;
  /** The target's via pattern, compiled once. */
  readonly via: RegExp | undefined;
  fired: number;
}

const hookKeys = new Map<FaultHook, number>(
  (Object.keys(faultHooks) as FaultHook[]).map((hook) => [hook, keyOf(hook)]),
);

// Sorted keys, so that the same fields give the same identity however they were written.
function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/**
 * The stable identities of a plan's rules: each rule's `id`, or its kind with what it acts
 * on (target, pool, service), numbered `#2`, `#3`… when several rules share them. Windows,
 * probabilities and counts are not part of it, so shrinking them keeps a rule's draws.
 * @param rules - the fault plan
 * @returns one identity per rule, in plan order
 */
export function ruleIdentities(rules: readonly FaultRule[]): string[] {
  const seen = new Map<string, number>();
  return rules.map((rule) => {
    const base =
      rule.id ??
      `${rule.kind}${canonical({
        target: 'target' in rule ? rule.target : undefined,
        pool: 'pool' in rule ? rule.pool : undefined,
        service: 'service' in rule ? rule.service : undefined,
      })}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** Decides, at each hook, whether one of the plan's rules fires. */
export class FaultInjector {
  readonly #byHook = new Map<FaultHook, RuleState[]>();
  readonly #fired = new Map<FaultKind, number>();
  /** Times each rule fired, in plan order. */
  readonly #firedByRule: number[];
  readonly #indexOf = new Map<FaultRule, number>();
  readonly #samples = new Map<FaultRule, RandomStream>();
  readonly #appKeys = new Map<string, number>();
  /**
   * The instant rules' windows (`fromMs`, `toMs`) count from: 0, or, once deferred, none
   * (every window closed) until {@link FaultInjector.countWindowsFrom} names it.
   */
  #windowOrigin = 0;

  /**
   * @param rules - the fault plan
   * @param random - the run's randomness; a rule draws from stream `faults/<identity>`
   */
  constructor(rules: readonly FaultRule[], random: Random) {
    const faults = random.stream('faults');
    const identities = ruleIdentities(rules);
    this.#firedByRule = rules.map(() => 0);
    rules.forEach((rule, index) => {
      this.#indexOf.set(rule, index);
      const identity = identities[index] ?? String(index);
      this.#samples.set(rule, faults.fork(`${identity}/samples`));
      for (const [hook, kinds] of Object.entries(faultHooks) as [FaultHook, readonly string[]][]) {
        if (!kinds.includes(rule.kind)) continue;
        const list = this.#byHook.get(hook) ?? [];
        const via =
          'target' in rule && rule.target.via !== undefined
            ? viaPattern(rule.target.via)
            : undefined;
        list.push({ rule: rule as DecidedRule, stream: faults.fork(identity), via, fired: 0 });
        this.#byHook.set(hook, list);
      }
    });
  }

  /**
   * @param rule - a rule of the plan
   * @returns the stream its own samples (a hang's length, a recycle's shutdown) are drawn
   *   from, so they too are independent of the other rules
   */
  samplesOf(rule: FaultRule): RandomStream {
    const stream = this.#samples.get(rule);
    if (stream === undefined) throw new Error(`internal: rule ${rule.kind} is not in the plan`);
    return stream;
  }

  /**
   * Closes every rule's window until {@link FaultInjector.countWindowsFrom} opens them: `serve
   * --timed-faults-from first-connection`, whose windows count from the first connection.
   */
  deferWindows(): void {
    this.#windowOrigin = Number.POSITIVE_INFINITY;
  }

  /**
   * @param originMs - the instant rules' `fromMs` and `toMs` count from
   */
  countWindowsFrom(originMs: number): void {
    this.#windowOrigin = originMs;
  }

  /** @returns whether any rule is decided at this hook (lets hot paths skip the context) */
  has(hook: FaultHook): boolean {
    return this.#byHook.has(hook);
  }

  /**
   * Asks whether a rule fires at this hook. Rules are tried in plan order; the first that
   * applies (target, window, count) and wins its probability draw fires.
   * @param hook - where the model is
   * @param context - the session or worker at hand
   * @returns the rule that fired, or undefined
   */
  decide<H extends FaultHook>(
    hook: H,
    context: FaultContext,
  ): FaultRuleOf<FaultKindAt<H>> | undefined {
    const states = this.#byHook.get(hook);
    if (states === undefined) return undefined;
    const hookKey = hookKeys.get(hook) ?? 0;
    const appKey = this.#appKey(context.app);
    for (const state of states) {
      if (!this.#applies(state, context)) continue;
      // Keyed by the opportunity alone: whether an earlier rule fired here, or how many
      // times this rule was asked before, does not change this draw.
      if (!(state.stream.floatAt(hookKey, appKey, context.nth) < state.rule.probability)) continue;
      state.fired++;
      this.note(state.rule);
      return state.rule as FaultRuleOf<FaultKindAt<H>>;
    }
    return undefined;
  }

  #appKey(app: string | undefined): number {
    if (app === undefined) return 0;
    let key = this.#appKeys.get(app);
    // Stryker disable next-line ConditionalExpression: a cache; computing the key again gives the same key
    if (key === undefined) {
      key = keyOf(app);
      this.#appKeys.set(app, key);
    }
    return key;
  }

  /**
   * Counts a fault that fired outside `decide` (the timed world faults).
   * @param rule - the rule of the plan that fired
   */
  note(rule: FaultRule): void {
    this.#fired.set(rule.kind, (this.#fired.get(rule.kind) ?? 0) + 1);
    const index = this.#indexOf.get(rule);
    if (index !== undefined) this.#firedByRule[index] = (this.#firedByRule[index] ?? 0) + 1;
  }

  /** @returns how many times each kind fired, in first-fired order */
  fired(): ReadonlyMap<FaultKind, number> {
    return this.#fired;
  }

  /** @returns how many times each rule of the plan fired, in plan order */
  firedByRule(): readonly number[] {
    return this.#firedByRule;
  }

  #applies({ rule, via, fired }: RuleState, context: FaultContext): boolean {
    // Stryker disable next-line ConditionalExpression: comparing a number with undefined is false, so the undefined check is redundant
    if (rule.count !== undefined && fired >= rule.count) return false;
    if (rule.nthSession !== undefined && rule.nthSession !== context.nth) return false;
    if (rule.fromMs !== undefined || rule.toMs !== undefined) {
      // Before the origin (a deferred one not yet set) no window is open.
      const sinceOrigin = context.atMs - this.#windowOrigin;
      if (sinceOrigin < (rule.fromMs ?? 0)) return false;
      // Stryker disable next-line ConditionalExpression: as above (atMs >= undefined is false)
      if (rule.toMs !== undefined && sinceOrigin >= rule.toMs) return false;
    }
    const { target } = rule;
    if (target.app !== undefined && target.app !== context.app) return false;
    if (target.pool !== undefined && target.pool !== context.pool) return false;
    if (target.worker !== undefined && target.worker !== context.worker) return false;
    return via === undefined || (context.via !== undefined && via.test(context.via));
  }
}
