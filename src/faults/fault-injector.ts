// FaultInjector: the model asks it, at named hooks of the pipeline, whether a rule of the
// fault plan fires (STYLE §5.6). Each rule draws from its own PRNG stream, so a probability
// of 0 never fires, and adding a rule shifts neither arrivals nor the other rules' draws.

import type { Millis } from '../core/millis.js';
import type { Random, RandomStream } from '../core/prng.js';
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
  /** The worker's ordinal within its application (1-based). */
  readonly worker?: number | undefined;
}

/** Rules decided per session or worker (the ones with a probability). */
type DecidedRule = FaultRuleOf<FaultKindAt<FaultHook>>;

interface RuleState {
  readonly rule: DecidedRule;
  readonly stream: RandomStream;
  /** The target's via pattern, compiled once. */
  readonly via: RegExp | undefined;
  fired: number;
}

// A via pattern is a prefix, case-insensitive; `*` matches any run of characters.
function viaPattern(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}`, 'i');
}

/** Decides, at each hook, whether one of the plan's rules fires. */
export class FaultInjector {
  readonly #byHook = new Map<FaultHook, RuleState[]>();
  readonly #fired = new Map<FaultKind, number>();

  /**
   * @param rules - the fault plan
   * @param random - the run's randomness; rule i draws from stream `faults/i`
   */
  constructor(rules: readonly FaultRule[], random: Random) {
    const faults = random.stream('faults');
    rules.forEach((rule, index) => {
      for (const [hook, kinds] of Object.entries(faultHooks) as [FaultHook, readonly string[]][]) {
        if (!kinds.includes(rule.kind)) continue;
        const list = this.#byHook.get(hook) ?? [];
        const via =
          'target' in rule && rule.target.via !== undefined
            ? viaPattern(rule.target.via)
            : undefined;
        list.push({ rule: rule as DecidedRule, stream: faults.fork(String(index)), via, fired: 0 });
        this.#byHook.set(hook, list);
      }
    });
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
    for (const state of states) {
      if (!this.#applies(state, context)) continue;
      if (!state.stream.chance(state.rule.probability)) continue;
      state.fired++;
      this.note(state.rule.kind);
      return state.rule as FaultRuleOf<FaultKindAt<H>>;
    }
    return undefined;
  }

  /**
   * Counts a fault that fired outside `decide` (the timed world faults).
   * @param kind - the fault kind
   */
  note(kind: FaultKind): void {
    this.#fired.set(kind, (this.#fired.get(kind) ?? 0) + 1);
  }

  /** @returns how many times each kind fired, in first-fired order */
  fired(): ReadonlyMap<FaultKind, number> {
    return this.#fired;
  }

  #applies({ rule, via, fired }: RuleState, context: FaultContext): boolean {
    if (rule.count !== undefined && fired >= rule.count) return false;
    if (rule.nthSession !== undefined && rule.nthSession !== context.nth) return false;
    if (rule.fromMs !== undefined && context.atMs < rule.fromMs) return false;
    if (rule.toMs !== undefined && context.atMs >= rule.toMs) return false;
    const { target } = rule;
    if (target.app !== undefined && target.app !== context.app) return false;
    if (target.pool !== undefined && target.pool !== context.pool) return false;
    if (target.worker !== undefined && target.worker !== context.worker) return false;
    return via === undefined || (context.via !== undefined && via.test(context.via));
  }
}
