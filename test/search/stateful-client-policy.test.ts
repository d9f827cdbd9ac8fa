// A client policy that keeps state was one object shared by every case of a search: a case's
// result depended on the cases run before it in the same process, so a shard's cases differed
// from the same cases of the whole swarm (user report: 3 of 40, with a circuit breaker).
// createClientPolicy makes one per run, so each case is again a function of (scenario, seed,
// plan).
import { describe, expect, it } from 'vitest';
import type { ClientPolicy } from '../../src/client/client-policy.js';
import type { CaseResult } from '../../src/search/search-case.js';
import { swarm, type SwarmOptions } from '../../src/search/swarm.js';
import { sweep } from '../../src/search/sweep.js';
import { loadBundledInput } from '../helpers/run-bundled.js';

const base = { file: 'healthy-baseline', input: loadBundledInput('healthy-baseline') };

// A retry budget, as resilience libraries keep one: at most `retries` retries in all, 50 ms
// apart. Its state is the count spent so far.
function retryBudget(retries: number): ClientPolicy {
  let spent = 0;
  return () => (spent++ < retries ? { retry: true, afterMs: 50 } : { retry: false });
}

const search = { runs: 24, seed: 5, sessions: 150 } as const;
const secondHalf = { index: 2, count: 2 } as const;

// Each case's figures, by index.
async function cases(options: Omit<SwarmOptions, 'runs'>): Promise<Map<number, string>> {
  const results = new Map<number, string>();
  await swarm(base, {
    ...search,
    ...options,
    shrink: false,
    onResult: (r: CaseResult) => {
      results.set(r.index, JSON.stringify([r.verdict, r.outcomes, r.requests]));
    },
  });
  return results;
}

describe('a client policy that keeps state, in a search', () => {
  it('gives each case the same result in a shard as in the whole swarm when made per run', async () => {
    const createClientPolicy = (): ClientPolicy => retryBudget(30);

    const whole = await cases({ createClientPolicy });
    const shard = await cases({ createClientPolicy, shard: secondHalf });

    expect(shard.size).toBe(12);
    for (const [index, result] of shard) expect([index, result]).toEqual([index, whole.get(index)]);
  });

  // One shared object: the budget a shard's case starts with is what the cases before it in
  // that process left, which differ from the whole swarm's. What createClientPolicy is for.
  it('gives some cases other results in a shard than in the whole swarm with one shared object', async () => {
    const whole = await cases({ clientPolicy: retryBudget(30) });
    const shard = await cases({ clientPolicy: retryBudget(30), shard: secondHalf });

    const differing = [...shard].filter(([index, result]) => whole.get(index) !== result);
    expect(differing.length).toBeGreaterThan(0);
  });

  it('refuses both clientPolicy and createClientPolicy, and createClientPolicy with a runner', async () => {
    const make = (): ClientPolicy => retryBudget(1);

    await expect(
      sweep([{ file: 'b', scenario: base.input }], {
        seeds: { from: 1, to: 1 },
        clientPolicy: make(),
        createClientPolicy: make,
      }),
    ).rejects.toThrow(
      'either clientPolicy (one policy for every run) or createClientPolicy (one per run, for a policy that keeps state), not both',
    );
    await expect(
      swarm(base, {
        runs: 1,
        createClientPolicy: make,
        runner: () => Promise.reject(new Error('ran')),
      }),
    ).rejects.toThrow('no createClientPolicy with a runner');
  });
});
