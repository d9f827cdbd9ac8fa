// FaultInjector's targeting and windows (STYLE §5.6): a rule fires only where it applies.
import { describe, expect, it } from 'vitest';
import { ms } from '../../src/core/millis.js';
import { createRandom } from '../../src/core/prng.js';
import { FaultInjector } from '../../src/faults/fault-injector.js';
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
});
