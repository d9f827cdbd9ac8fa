// Shrinking a failing case (issue 13): the smallest scenario that still fails the same way,
// with the same seed. The case is a fast-check record of three shrinkable parts (the fault
// plan, the number of sessions, the applications), and fast-check's shrinker walks it: it
// tries fewer rules first, then smaller numbers in each rule (earlier instants, narrower
// windows, lower counts and probabilities, through fast-check's own integer shrinker), then
// fewer sessions, then fewer apps, keeping each step that still fails with the same failure.
// Rules keep their random draws while they shrink (fault-injector.ts keys them by identity
// and opportunity), so a narrower window fires on a subset of the same sessions. Each rule
// remembers whether a search added it (a swarm's plan) or it is the scenario's own, so that
// the caller can tell which rules of a candidate cause its failure (shrink.ts).

import { isPathPrefix, parseServiceUri } from '../scenario/service-uri.js';
import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { FaultRuleInput } from '../scenario/fault-schema.js';
import type { ScenarioInput } from '../scenario/scenario-schema.js';
import { DEFAULT_SHRINK_BUDGET } from './search-limits.js';

/** A part of a case that starts at a given value and shrinks by the given candidates. */
class Shrinkable<T> extends fc.Arbitrary<T> {
  readonly #initial: T;
  readonly #candidates: (value: T) => Iterable<T>;

  constructor(initial: T, candidates: (value: T) => Iterable<T>) {
    super();
    this.#initial = initial;
    this.#candidates = candidates;
  }

  override generate(): fc.Value<T> {
    return new fc.Value(this.#initial, undefined);
  }

  override canShrinkWithoutContext(value: unknown): value is T {
    return value !== undefined;
  }

  override shrink(value: T): fc.Stream<fc.Value<T>> {
    const candidates = this.#candidates(value)[Symbol.iterator]();
    return new fc.Stream(
      (function* () {
        for (let next = candidates.next(); next.done !== true; next = candidates.next()) {
          yield new fc.Value(next.value, undefined);
        }
      })(),
    );
  }
}

/** fast-check's own shrink of a non-negative integer towards `min`. */
function* smallerIntegers(value: number, min: number): Generator<number> {
  const start = Math.max(min, Math.round(value));
  if (start <= min) return;
  for (const candidate of fc.integer({ min, max: start }).shrink(start, undefined)) {
    if (candidate.value !== start) yield candidate.value;
  }
}

type MutableRule = Record<string, unknown>;

// A rule with smaller numbers, one field at a time.
function* smallerRules(rule: FaultRuleInput): Generator<FaultRuleInput> {
  const r = rule as MutableRule;
  const num = (key: string): number | undefined =>
    typeof r[key] === 'number' ? r[key] : undefined;
  const fromMs = num('fromMs');
  const toMs = num('toMs');
  if (fromMs !== undefined && toMs !== undefined) {
    // A narrower window: the same start, a shorter span.
    for (const span of smallerIntegers(toMs - fromMs, 0))
      yield { ...r, toMs: fromMs + span } as FaultRuleInput;
  }
  for (const key of ['atMs', 'restartAfterMs', 'reconnectAfterMs']) {
    const value = num(key);
    if (value === undefined) continue;
    for (const smaller of smallerIntegers(value, 0))
      yield { ...r, [key]: smaller } as FaultRuleInput;
  }
  const nth = num('nthSession');
  if (nth !== undefined) {
    for (const smaller of smallerIntegers(nth, 1))
      yield { ...r, nthSession: smaller } as FaultRuleInput;
  }
  const count = num('count');
  if (count !== undefined)
    for (const smaller of smallerIntegers(count, 1))
      yield { ...r, count: smaller } as FaultRuleInput;
  const probability = num('probability');
  if (probability !== undefined) {
    // In thousandths: lower probabilities fire on a subset of the same opportunities.
    for (const smaller of smallerIntegers(probability * 1000, 0)) {
      yield { ...r, probability: smaller / 1000 } as FaultRuleInput;
    }
  }
}

/** A rule of a candidate's plan, and whether a search added it (or it is the scenario's own). */
interface PlanRule {
  readonly rule: FaultRuleInput;
  readonly added: boolean;
}

function* smallerPlans(rules: readonly PlanRule[]): Generator<PlanRule[]> {
  // Fewer rules first: each rule removed in turn.
  for (let i = 0; i < rules.length; i++) yield [...rules.slice(0, i), ...rules.slice(i + 1)];
  for (let i = 0; i < rules.length; i++) {
    const entry = rules[i];
    if (entry === undefined) continue;
    for (const smaller of smallerRules(entry.rule)) {
      yield [...rules.slice(0, i), { ...entry, rule: smaller }, ...rules.slice(i + 1)];
    }
  }
}

function* fewerApps<T>(apps: readonly T[]): Generator<T[]> {
  if (apps.length < 2) return;
  for (let i = 0; i < apps.length; i++) yield [...apps.slice(0, i), ...apps.slice(i + 1)];
}

// The workload's vias without those only an app shrunk away could route: such a via would give
// a no-route the original never had (user report). A via no app of the original routes stays
// (a no-route scenario's). With none left, the workload's default (a via of each app) stands in.
function viasOf(
  vias: NonNullable<ScenarioInput['workload']>['vias'],
  original: ScenarioInput['apps'],
  kept: ScenarioInput['apps'],
): NonNullable<ScenarioInput['workload']>['vias'] {
  if (vias === undefined || kept.length === original.length) return vias;
  const routes = (apps: ScenarioInput['apps'], via: string): boolean => {
    const uri = parseServiceUri(via);
    if (typeof uri === 'string') return false;
    return apps.some((app) => {
      const base = parseServiceUri(app.baseAddress);
      return (
        typeof base !== 'string' && base.transport === uri.transport && isPathPrefix(base, uri)
      );
    });
  };
  const left = vias.filter((w) => routes(kept, w.via) || !routes(original, w.via));
  return left.length > 0 ? left : undefined;
}

/** The parts of a case that shrink. */
interface CaseParts {
  readonly faults: PlanRule[];
  readonly sessions: number;
  readonly apps: ScenarioInput['apps'];
}

/** Options of {@link shrinkScenario}. */
export interface ShrinkOptions {
  /** The most candidates tried. @default 400 */
  readonly budget?: number;
  /**
   * How many of the input's fault rules, the last ones, a search added to the scenario's own
   * (a swarm's plan). @default 0
   */
  readonly addedRules?: number;
  /**
   * Told of each step kept, with the smallest failing scenario so far: what a shrink that is
   * stopped (Ctrl-C) can still say it found.
   */
  readonly onStep?: ((found: Omit<ShrinkResult, 'budgetSpent'>) => void) | undefined;
}

/** What shrinking found. */
export interface ShrinkResult {
  /** The smallest failing scenario found, as written (defaults left out). */
  readonly scenario: ScenarioInput;
  /** Shrink steps kept. */
  readonly steps: number;
  /** Candidate runs made. */
  readonly evaluations: number;
  /** True when candidates were left untried because the budget was spent. */
  readonly budgetSpent: boolean;
}

/**
 * Shrinks a failing scenario while it keeps failing the same way.
 * @param input - the failing scenario, as written, with its fault plan
 * @param sessions - its number of first-attempt sessions (after defaults)
 * @param stillFails - runs a candidate with the same seed: true when it fails the same way,
 *   false when it passes, fails otherwise or is not a valid scenario. It is given too the
 *   candidate's rules that shrank from the scenario's own (none of those a search added).
 * @param options - the evaluation budget, and how many rules a search added
 * @returns the smallest failing scenario found
 */
export async function shrinkScenario(
  input: ScenarioInput,
  sessions: number,
  stillFails: (candidate: ScenarioInput, ownRules: readonly FaultRuleInput[]) => Promise<boolean>,
  options: ShrinkOptions = {},
): Promise<ShrinkResult> {
  const budget = options.budget ?? DEFAULT_SHRINK_BUDGET;
  const rules = input.faults ?? [];
  const own = rules.length - (options.addedRules ?? 0);
  const arbitrary = fc.record({
    faults: new Shrinkable<PlanRule[]>(
      rules.map((rule, i) => ({ rule, added: i >= own })),
      smallerPlans,
    ),
    sessions: new Shrinkable<number>(sessions, (n) => smallerIntegers(n, 1)),
    apps: new Shrinkable<ScenarioInput['apps']>([...input.apps], fewerApps),
  });
  const { vias: written, ...workload } = input.workload ?? {};
  const build = (parts: CaseParts): ScenarioInput => {
    const vias = viasOf(written, input.apps, parts.apps);
    return {
      ...input,
      apps: parts.apps,
      workload: { ...workload, sessions: parts.sessions, ...(vias === undefined ? {} : { vias }) },
      faults: parts.faults.map((entry) => entry.rule),
    };
  };
  const ownRules = (parts: CaseParts): FaultRuleInput[] =>
    parts.faults.filter((entry) => !entry.added).map((entry) => entry.rule);
  let current = arbitrary.generate(new fc.Random(xoroshiro128plus(0)), undefined);
  let evaluations = 0;
  let steps = 0;
  let budgetSpent = false;
  outer: for (;;) {
    for (const candidate of arbitrary.shrink(current.value, current.context)) {
      if (evaluations >= budget) {
        budgetSpent = true;
        break outer;
      }
      evaluations++;
      if (await stillFails(build(candidate.value), ownRules(candidate.value))) {
        current = candidate;
        steps++;
        options.onStep?.({ scenario: build(current.value), steps, evaluations });
        continue outer;
      }
    }
    break;
  }
  return { scenario: build(current.value), steps, evaluations, budgetSpent };
}
