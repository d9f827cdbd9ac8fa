// Swarm testing and shrinking (issue 13): a deliberately weak retry policy on a bundled
// scenario is found failing by a swarm, the failure is shrunk to a small fault plan with the
// same seed and the same failure, and the shrunk scenario replays with that failure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixedDelay } from '../../src/client/retry-policies.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { validateScenario } from '../../src/scenario/validate-scenario.js';
import { runCase } from '../../src/search/run-case.js';
import { swarm, swarmCases, type ShrunkFailure } from '../../src/search/swarm.js';
import { resolveScenario } from '../../src/sim/simulation.js';
import { loadBundledInput } from '../helpers/run-bundled.js';

const SEED = 20261202;

// healthy-baseline, with the promise its clients make: no request ever gives up.
function baseline(): ScenarioInput {
  return {
    ...loadBundledInput('healthy-baseline'),
    expect: [{ requests: 'gaveUp', count: { max: 0 } }],
  };
}

// The command line's weak-retry fixture: its retry written in the scenario, so that a runner
// (which takes only data) runs it.
function weakRetryInput(): ScenarioInput {
  const path = new URL('../cli/fixtures/weak-retry.yaml', import.meta.url);
  const parsed = parseScenario(readFileSync(path, 'utf8'), 'weak-retry.yaml');
  if (!parsed.ok) throw new Error('the weak-retry fixture does not parse');
  return parsed.input;
}

// Two attempts 100 ms apart: it cannot ride out anything longer.
const weakPolicy = fixedDelay({ delayMs: 100, maxAttempts: 2 });

// A runner that runs cases until told to stop, then throws (as the CLI's does on Ctrl-C).
function stoppableRunner(stopping: () => boolean) {
  return async (searchCase: Parameters<typeof runCase>[0]): ReturnType<typeof runCase> => {
    if (stopping()) throw new Error('stopped');
    return runCase(searchCase);
  };
}

describe(`swarm (seed ${SEED})`, () => {
  it('finds a weak retry policy giving up and shrinks the plan to at most 2 rules that replay the failure', async () => {
    // Act
    const report = await swarm(
      { file: 'healthy-baseline', input: baseline() },
      { runs: 60, seed: SEED, clientPolicy: weakPolicy, shrinkBudget: 300 },
    );

    // Assert
    expect(report.totals.failed).toBeGreaterThan(0);
    const shrunk = report.shrunk.find((s) => s.failure === 'requests gaveUp <= 0');
    if (shrunk === undefined) throw new Error('the swarm found no request giving up');
    expect(shrunk.scenario.faults?.length ?? 0).toBeLessThanOrEqual(2);
    expect(shrunk.scenario.faults?.length ?? 0).toBeGreaterThan(0);
    expect(shrunk.scenario.workload?.sessions ?? 300).toBeLessThan(300);
    const replay = await runCase(
      { index: 0, file: 'shrunk', input: shrunk.scenario, seed: shrunk.seed },
      { clientPolicy: weakPolicy },
    );
    expect(replay.failure).toBe('requests gaveUp <= 0');
    expect(replay.requests.gaveUp).toBeGreaterThan(0);
  });

  it('tells onShrunk of each shrunk failure as its shrink ends, so a caller stopped later keeps them', async () => {
    // Arrange: a runner that stops the swarm in its second shrink (user report: Ctrl-C while
    // a swarm shrank dropped every shrink that had finished).
    const told: number[] = [];
    let stopping = false;
    const runner = stoppableRunner(() => stopping);

    // Act
    const run = swarm(
      { file: 'weak-retry', input: weakRetryInput() },
      {
        runs: 30,
        seed: 3,
        shrinkBudget: 5,
        runner,
        onShrunk: (found) => {
          told.push(found.caseIndex);
          stopping = true;
        },
      },
    );

    // Assert
    await expect(run).rejects.toThrow('stopped');
    expect(told).toHaveLength(1);
  });

  it('tells onShrinkStep of each step the shrink in progress keeps, so a caller stopped before it ends keeps the smallest so far', async () => {
    // Arrange: a runner that stops the swarm once its second shrink has kept a step (user
    // report: Ctrl-C while a swarm shrank dropped the shrink in progress, work and all).
    const finished: number[] = [];
    const soFar: ShrunkFailure[] = [];
    let stopping = false;
    const runner = stoppableRunner(() => stopping);

    // Act
    const run = swarm(
      { file: 'weak-retry', input: weakRetryInput() },
      {
        runs: 30,
        seed: 3,
        shrinkBudget: 5,
        runner,
        onShrunk: (found) => {
          finished.push(found.caseIndex);
        },
        onShrinkStep: (step) => {
          soFar.push(step);
          if (finished.length > 0) stopping = true;
        },
      },
    );

    // Assert: the steps of the finished shrink, then one of the next, which never finished.
    await expect(run).rejects.toThrow('stopped');
    expect(finished).toHaveLength(1);
    const last = soFar.at(-1);
    if (last === undefined) throw new Error('no step was told');
    expect(last.caseIndex).not.toBe(finished[0]);
    expect(last.steps).toBe(1);
    expect(soFar.filter((step) => step.caseIndex === finished[0]).length).toBeGreaterThan(0);
    // Whole and valid, and it fails the same way with its seed.
    expect(validateScenario(last.scenario, 'so-far').ok).toBe(true);
    const replay = await runCase({
      index: 0,
      file: 'so-far',
      input: last.scenario,
      seed: last.seed,
    });
    expect(replay.failure).toBe(last.failure);
  });

  it('runs every case, and shrinks its failures, with the sessions option', async () => {
    const report = await swarm(
      { file: 'healthy-baseline', input: baseline() },
      { runs: 6, seed: SEED, clientPolicy: weakPolicy, sessions: 40, shrinkBudget: 50 },
    );

    // Each case's 40 requests (its retries are sessions too).
    expect(report.totals.requests.total).toBe(6 * 40);
    for (const shrunk of report.shrunk) {
      expect(shrunk.scenario.workload?.sessions ?? 300).toBeLessThanOrEqual(40);
    }
  });

  it('counts the cases in which no fault fired in its totals', async () => {
    const quiet: number[] = [];

    const report = await swarm(
      { file: 'healthy-baseline', input: baseline() },
      {
        runs: 30,
        seed: SEED,
        sessions: 40,
        shrink: false,
        onResult: (result) => {
          if (Object.keys(result.faultsFired).length === 0) quiet.push(result.index);
        },
      },
    );

    expect(quiet.length).toBeGreaterThan(0);
    expect(report.totals.noFaultFired).toBe(quiet.length);
  });

  it('shrinks one failure per set of fault kinds that fired, not one per message, and says which it left', async () => {
    // The how-to's promise on every kind: 163 of 300 cases failed with one message, from
    // ~40 different fault combinations, and the swarm shrank one of them.
    const failing = new Map<string, number[]>();

    const report = await swarm(
      { file: 'healthy-baseline', input: baseline() },
      {
        runs: 40,
        seed: SEED,
        sessions: 40,
        clientPolicy: weakPolicy,
        shrinkBudget: 100,
        onResult: (result) => {
          if (result.failure === null) return;
          const key = `${result.failure} | ${Object.keys(result.faultsFired).sort().join('+')}`;
          failing.set(key, [...(failing.get(key) ?? []), result.index]);
        },
      },
    );

    expect(new Set([...failing.keys()].map((key) => key.split(' | ')[0])).size).toBe(1);
    expect(report.shrunk.length).toBeGreaterThan(1);
    expect(report.shrunk.length).toBeLessThanOrEqual(10);
    // Every distinct failure's first case is shrunk or named as left, once, in case order.
    const firsts = [...failing.values()].map((cases) => cases[0]);
    const named = [...report.shrunk, ...report.unshrunk].map((f) => f.caseIndex);
    expect(named.sort((a, b) => a - b)).toEqual(firsts);
    // One left is explained by a shrunk one: its kinds include every kind the shrunk kept.
    for (const left of report.unshrunk.filter((u) => u.reason === 'explained')) {
      const by = report.shrunk.find((s) => s.caseIndex === left.explainedBy);
      const kept = (by?.scenario.faults ?? []).map((rule) => rule.kind);
      expect(kept.every((kind) => left.faultKinds.includes(kind))).toBe(true);
    }
  }, 60_000);

  it('draws every case from (seed, index) alone: the same cases whatever was drawn before', () => {
    const base = { file: 'b', input: baseline(), scenario: resolveScenario(baseline()) };
    const all = [...swarmCases(base, { runs: 12, seed: SEED })];
    const second = [...swarmCases(base, { runs: 12, seed: SEED, shard: { index: 2, count: 3 } })];
    expect(second.map((c) => c.index)).toEqual([1, 4, 7, 10]);
    for (const c of second) {
      const same = all[c.index];
      expect(c.plan).toEqual(same?.plan);
      expect(c.seed).toBe(same?.seed);
    }
    // Every plan is valid, and draws from a subset of the fault kinds.
    for (const c of all) expect(validateScenario(c.input, 'b').ok).toBe(true);
    expect(new Set(all.flatMap((c) => (c.plan ?? []).map((r) => r.kind))).size).toBeGreaterThan(5);
  });
});
