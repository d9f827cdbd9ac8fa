// FaultInjector's targets, draws and rule identities (STYLE §5.6): a target's app, pool and
// worker each narrow where a rule fires; a probability of 1 fires at every opportunity and 0
// at none; each application draws apart; a rule's identity does not depend on how its target
// was written, and its own samples come from its own stream.
import { describe, expect, it } from 'vitest';
import { ms } from '../../src/core/millis.js';
import { createRandom } from '../../src/core/prng.js';
import { FaultInjector, ruleIdentities } from '../../src/faults/fault-injector.js';
import { faultRuleSchema, type FaultRuleInput } from '../../src/scenario/fault-schema.js';
import type { FaultRule } from '../../src/scenario/fault-schema.js';

const parse = (rule: FaultRuleInput): FaultRule => faultRuleSchema.parse(rule);

function injector(...rules: FaultRuleInput[]): FaultInjector {
  return new FaultInjector(rules.map(parse), createRandom(1));
}

describe('FaultInjector targets', () => {
  it.each([
    ['app', { app: 'orders' }, { app: 'orders' }, true],
    ['app', { app: 'orders' }, { app: 'billing' }, false],
    ['app', { app: 'orders' }, {}, false],
    ['pool', { pool: 'P' }, { pool: 'P' }, true],
    ['pool', { pool: 'P' }, { pool: 'Q' }, false],
    ['pool', { pool: 'P' }, {}, false],
    ['worker', { worker: 2 }, { worker: 2 }, true],
    ['worker', { worker: 2 }, { worker: 1 }, false],
    ['worker', { worker: 2 }, {}, false],
    ['via', { via: 'net.tcp://localhost/' }, { via: 'net.tcp://localhost/a.svc' }, true],
    ['via', { via: 'net.tcp://localhost/' }, {}, false],
    ['via', { via: '*' }, { via: 'net.pipe://localhost/a.svc' }, true],
    ['via', { via: '*' }, {}, false],
    ['nothing', {}, { app: 'orders', pool: 'P', worker: 3, via: 'net.tcp://h/x' }, true],
  ])('with a %s target %o, fires in context %o: %s', (_field, target, context, fires) => {
    const faults = injector({ kind: 'worker-start-failure', target });

    const rule = faults.decide('workerStart', { atMs: ms(0), nth: 1, ...context });

    expect(rule !== undefined).toBe(fires);
  });

  it('fires at every opportunity with probability 1 and at none with probability 0', () => {
    const always = injector({ kind: 'no-route', probability: 1 });
    const never = injector({ kind: 'no-route', probability: 0 });
    const ask = (faults: FaultInjector, nth: number) =>
      faults.decide('route', { atMs: ms(nth), nth, app: 'orders' }) !== undefined;

    const nths = Array.from({ length: 500 }, (_, i) => i + 1);

    expect(nths.filter((nth) => ask(always, nth))).toHaveLength(500);
    expect(nths.filter((nth) => ask(never, nth))).toHaveLength(0);
  });

  it('draws for each application apart, and the same way each time it is asked', () => {
    const firings = (app: string) => {
      const faults = injector({ kind: 'no-route', probability: 0.5 });
      return Array.from({ length: 200 }, (_, i) => i + 1).filter(
        (nth) => faults.decide('route', { atMs: ms(nth), nth, app }) !== undefined,
      );
    };

    const orders = firings('orders');
    const billing = firings('billing');

    expect(orders.length).toBeGreaterThan(60);
    expect(billing.length).toBeGreaterThan(60);
    expect(billing).not.toEqual(orders);
    expect(firings('orders')).toEqual(orders);
  });

  it('decides an application the same whether or not it asked about another one first', () => {
    const faults = injector({ kind: 'no-route', probability: 0.5 });
    const fresh = injector({ kind: 'no-route', probability: 0.5 });
    const nths = Array.from({ length: 100 }, (_, i) => i + 1);

    const mixed = nths.map((nth) => {
      faults.decide('route', { atMs: ms(nth), nth, app: 'billing' });
      return faults.decide('route', { atMs: ms(nth), nth, app: 'orders' }) !== undefined;
    });
    const alone = nths.map(
      (nth) => fresh.decide('route', { atMs: ms(nth), nth, app: 'orders' }) !== undefined,
    );

    expect(mixed).toEqual(alone);
  });
});

describe('ruleIdentities', () => {
  it('gives the same identity however the target’s fields are ordered', () => {
    const rules = [
      { kind: 'no-route', target: { via: 'net.tcp://h/', app: 'orders', pool: 'P', worker: 2 } },
      { kind: 'no-route', target: { worker: 2, pool: 'P', app: 'orders', via: 'net.tcp://h/' } },
    ].map((rule) => parse(rule as FaultRuleInput));

    expect(ruleIdentities(rules)).toEqual([
      'no-route{"target":{"app":"orders","pool":"P","via":"net.tcp://h/","worker":2}}',
      'no-route{"target":{"app":"orders","pool":"P","via":"net.tcp://h/","worker":2}}#2',
    ]);
  });

  it('names a service rule by its service and a rule without a target by its kind', () => {
    const rules = [
      { kind: 'service-pause', service: 'tcpActivator', fromMs: 0, toMs: 10 },
      { kind: 'no-route' },
    ].map((rule) => parse(rule as FaultRuleInput));

    expect(ruleIdentities(rules)).toEqual([
      'service-pause{"service":"tcpActivator"}',
      'no-route{"target":{}}',
    ]);
  });
});

describe('FaultInjector.samplesOf', () => {
  it('gives each rule its own stream, the same whatever other rules the plan has', () => {
    const hang = parse({ kind: 'worker-hang', hangMs: { uniform: [0, 1000] } });
    const other = parse({ kind: 'no-route', probability: 0.5 });
    const draws = (rules: FaultRule[]) => {
      const stream = new FaultInjector(rules, createRandom(1)).samplesOf(hang);
      return [stream.nextFloat(), stream.nextFloat(), stream.nextFloat()];
    };

    const alone = draws([hang]);
    const withOther = draws([other, hang]);

    expect(withOther).toEqual(alone);
    expect(new Set(alone).size).toBe(3);
  });

  it('gives two rules different streams', () => {
    const first = parse({ kind: 'worker-hang', id: 'first' });
    const second = parse({ kind: 'worker-hang', id: 'second' });
    const faults = new FaultInjector([first, second], createRandom(1));

    expect(faults.samplesOf(first).nextFloat()).not.toBe(faults.samplesOf(second).nextFloat());
  });

  it('throws for a rule that is not in the plan', () => {
    const faults = injector({ kind: 'no-route' });

    expect(() => faults.samplesOf(parse({ kind: 'no-route', probability: 0.5 }))).toThrow(
      'internal: rule no-route is not in the plan',
    );
  });
});
