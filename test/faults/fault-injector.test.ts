// FaultInjector's targeting and windows (STYLE §5.6): a rule fires only where it applies.
import { describe, expect, it } from 'vitest';
import { ms } from '../../src/core/millis.js';
import { createRandom } from '../../src/core/prng.js';
import { FaultInjector, ruleIdentities, type FaultHook } from '../../src/faults/fault-injector.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { faultRuleSchema, type FaultRuleInput } from '../../src/scenario/fault-schema.js';

function injector(...rules: FaultRuleInput[]): FaultInjector {
  return new FaultInjector(
    rules.map((rule) => faultRuleSchema.parse(rule)),
    createRandom(1),
  );
}

const at = (atMs: number, via: string, nth = 1) => ({ atMs: ms(atMs), nth, via, app: 'orders' });

describe('FaultInjector', () => {
  it.each([
    ['net.tcp://localhost/orders/', 'net.tcp://LOCALHOST/orders/a.svc', true],
    ['net.tcp://localhost/orders/', 'net.tcp://localhost/billing/a.svc', false],
    ['net.tcp://*/orders/*.svc', 'net.tcp://host:9000/orders/x.svc', true],
    ['net.tcp://*/orders/*.svc', 'net.tcp://host/billing/x.svc', false],
    ['net.tcp://localhost/a.b/', 'net.tcp://localhost/aXb/c.svc', false],
  ])('matches via pattern %s against %s: %s', (pattern, via, fires) => {
    const faults = injector({ kind: 'no-route', target: { via: pattern } });
    expect(faults.decide('route', at(0, via)) !== undefined).toBe(fires);
  });

  it('fires only inside its window, on its nth session, and at most count times', () => {
    const faults = injector(
      { kind: 'no-route', fromMs: 10, toMs: 20, count: 2 },
      { kind: 'preamble-timeout', nthSession: 3 },
    );
    const route = [5, 10, 15, 19, 20].map((t) => faults.decide('route', at(t, 'v')) !== undefined);
    const preamble = [1, 2, 3, 4].map(
      (n) => faults.decide('preamble', at(0, 'v', n)) !== undefined,
    );
    expect(route).toEqual([false, true, true, false, false]);
    expect(preamble).toEqual([false, false, true, false]);
    expect([...faults.fired()]).toEqual([
      ['no-route', 2],
      ['preamble-timeout', 1],
    ]);
  });

  // `serve --timed-faults-from first-connection`: windows closed until the origin is known,
  // then counted from it; a rule without a window is not affected.
  it('counts windows from a deferred origin, with every window closed before it', () => {
    const faults = injector(
      { kind: 'no-route', fromMs: 10, toMs: 20 },
      { kind: 'bad-preamble', toMs: 5 },
      { kind: 'preamble-timeout' },
    );
    const fires = (hook: FaultHook, t: number): boolean =>
      faults.decide(hook, at(t, 'v')) !== undefined;

    faults.deferWindows();
    const before = [fires('route', 15), fires('preamble', 1), fires('preamble', 1000)];
    faults.countWindowsFrom(1000);
    const route = [1005, 1010, 1019, 1020].map((t) => fires('route', t));
    const preamble = [999, 1000, 1004, 1005].map(
      (t) => faults.decide('preamble', at(t, 'v'))?.kind,
    );

    expect(before).toEqual([false, true, true]);
    expect(route).toEqual([false, true, true, false]);
    expect(preamble).toEqual([
      'preamble-timeout',
      'bad-preamble',
      'bad-preamble',
      'preamble-timeout',
    ]);
  });

  // Which rule fired (by kind and target app) at each of 2,000 opportunities of two hooks.
  function decisions(rules: FaultRuleInput[]): string[] {
    const faults = injector(...rules);
    const out: string[] = [];
    for (let nth = 1; nth <= 1000; nth++) {
      for (const [hook, app] of [
        ['dupHandle', 'orders'],
        ['workerCallback', 'billing'],
      ] as [FaultHook, string][]) {
        const rule = faults.decide(hook, { atMs: ms(nth), nth, app, via: 'v' });
        if (rule !== undefined) out.push(`${nth} ${hook} ${rule.kind} ${rule.target.app ?? '*'}`);
      }
    }
    return out;
  }

  it('leaves the other rules’ decisions unchanged when one rule of the plan is deleted', () => {
    // Arrange: A and B compete at one hook (A first), C decides at another.
    const a = { kind: 'duplicate-handle-failure' as const, probability: 0.1 };
    const b = {
      kind: 'duplicate-handle-failure' as const,
      probability: 0.3,
      target: { app: 'orders' },
    };
    const c = { kind: 'worker-callback-failure' as const, probability: 0.2 };

    // Act
    const all = decisions([a, b, c]);
    const withoutB = decisions([a, c]);
    const withoutA = decisions([b, c]);

    // Assert: A and C fire exactly where they did; B, shadowed by A before, now also fires
    // where A fired and B's own draw says so, and nowhere else new.
    const firedBy = (list: string[], kind: string, app: string) =>
      list.filter((line) => line.endsWith(`${kind} ${app}`)).map((line) => line.split(' ')[0]);
    expect(firedBy(withoutB, 'duplicate-handle-failure', '*')).toEqual(
      firedBy(all, 'duplicate-handle-failure', '*'),
    );
    expect(firedBy(withoutB, 'worker-callback-failure', '*')).toEqual(
      firedBy(all, 'worker-callback-failure', '*'),
    );
    expect(firedBy(withoutA, 'worker-callback-failure', '*')).toEqual(
      firedBy(all, 'worker-callback-failure', '*'),
    );
    const bBefore = new Set(firedBy(all, 'duplicate-handle-failure', 'orders'));
    const aBefore = new Set(firedBy(all, 'duplicate-handle-failure', '*'));
    const bAfter = firedBy(withoutA, 'duplicate-handle-failure', 'orders');
    expect(bAfter.filter((nth) => !bBefore.has(nth)).every((nth) => aBefore.has(nth))).toBe(true);
    expect([...bBefore].every((nth) => bAfter.includes(nth))).toBe(true);
    expect(bBefore.size).toBeGreaterThan(100);
  });

  it('keeps a rule’s decisions when its window narrows or its probability drops: it only fires less', () => {
    const wide = decisions([{ kind: 'worker-callback-failure', probability: 0.5 }]);
    const narrow = decisions([
      { kind: 'worker-callback-failure', probability: 0.25, fromMs: 200, toMs: 600 },
    ]);
    expect(narrow.length).toBeGreaterThan(50);
    expect(narrow.every((line) => wide.includes(line))).toBe(true);
  });

  it('names rules by id, or by kind and target, numbering the ones that share them', () => {
    const rules = [
      { kind: 'worker-crash', atMs: 5, target: { app: 'a' } },
      { kind: 'worker-crash', atMs: 9, target: { app: 'a' } },
      { kind: 'worker-crash', atMs: 9, id: 'second crash' },
      { kind: 'app-pool-recycle', atMs: 1, pool: 'P' },
    ].map((rule) => faultRuleSchema.parse(rule));
    expect(ruleIdentities(rules)).toEqual([
      'worker-crash{"target":{"app":"a"}}',
      'worker-crash{"target":{"app":"a"}}#2',
      'second crash',
      'app-pool-recycle{"pool":"P"}',
    ]);
  });

  it('decides an F1 on the same sessions whether or not an F2 rule is in the plan', async () => {
    // Every session reaches dispatch in both runs (a long queue, no retries), so F1's
    // decision on each session can be compared directly.
    const scenario = (faults: FaultRuleInput[]) => ({
      name: 'independent-rules',
      config: { maxPendingConnections: 10_000 },
      appPools: [{ name: 'P', startMode: 'AlwaysRunning' as const, startupMs: 10 }],
      apps: [
        {
          name: 'orders',
          baseAddress: 'net.tcp://localhost/orders/',
          appPool: 'P',
          workers: 4,
          dispatchMs: 5,
        },
      ],
      workload: { sessions: 2000, arrivals: { poisson: { ratePerSec: 300 } } },
      faults,
    });
    const f1 = { kind: 'duplicate-handle-failure' as const, probability: 0.05 };
    const f2 = { kind: 'worker-callback-failure' as const, probability: 0.05 };
    const f1Sessions = async (faults: FaultRuleInput[]) => {
      const sim = createSimulation(scenario(faults), { seed: 3 });
      const sessions: number[] = [];
      sim.events.on('MessageQueueDuplicatedSocketError', (e) =>
        sessions.push(e.annotations.sessionId),
      );
      const result = await sim.run();
      expect(result.outcomes['queue-full']).toBe(0);
      return sessions.sort((x, y) => x - y);
    };

    const with2 = await f1Sessions([f1, f2]);
    const without2 = await f1Sessions([f1]);

    expect(with2.length).toBeGreaterThan(50);
    expect(without2).toEqual(with2);
  });
});
