// Live mode's real connections before their via is read (user report: serve did not count
// them against maxPendingConnections). The model's acceptor takes a HeldConnection as it takes
// a simulated session: a slot while the preamble is read, the backlog beyond the limit, a
// refusal beyond listenBacklog (domain §3.1 step 2); the session that connects with it takes
// over its slot, and a listener that stops refuses the ones still waiting.
import { describe, expect, it } from 'vitest';
import type { ClientId } from '../../src/core/ids.js';
import { createRandom } from '../../src/core/prng.js';
import { VirtualClock } from '../../src/core/virtual-clock.js';
import type { DispatchEvent } from '../../src/events/dispatch-event.js';
import { EventBus } from '../../src/events/event-bus.js';
import { FaultInjector } from '../../src/faults/fault-injector.js';
import { HeldConnection } from '../../src/model/held-connection.js';
import { createMachine, type Machine } from '../../src/model/machine.js';
import { scenarioSchema, type ScenarioInput } from '../../src/scenario/scenario-schema.js';

const via = 'net.tcp://localhost/orders/service.svc';

function machineOf(input: Partial<ScenarioInput>): {
  machine: Machine;
  clock: VirtualClock;
  events: DispatchEvent[];
} {
  const scenario = scenarioSchema.parse({
    name: 'held-connections',
    config: { maxPendingConnections: 1, listenBacklog: 1 },
    apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
    ...input,
  });
  const random = createRandom(1);
  const clock = new VirtualClock();
  const bus = new EventBus(clock);
  const events: DispatchEvent[] = [];
  bus.on('event', (event) => events.push(event));
  const machine = createMachine(
    scenario,
    clock,
    bus,
    random,
    new FaultInjector(scenario.faults, random),
    () => undefined,
  );
  machine.start();
  return { machine, clock, events };
}

/** A held connection that records what the acceptor did with it. */
function held(log: string[], name: string): HeldConnection {
  return new HeldConnection(
    () => log.push(`${name} started`),
    () => log.push(`${name} refused`),
  );
}

describe('the acceptor with held connections', () => {
  it('accepts one per slot, holds the next in the backlog and refuses the one beyond', () => {
    // Arrange
    const { machine, events } = machineOf({});
    const log: string[] = [];
    const [a, b, c] = [held(log, 'a'), held(log, 'b'), held(log, 'c')];

    // Act
    const results = [a, b, c].map((connection) => machine.dispatcher.acceptHeld(connection, 808));
    machine.dispatcher.releaseHeld(a);

    // Assert: b was accepted into a's freed slot, reaching the limit again.
    expect(results).toEqual(['accepted', 'backlogged', 'refused']);
    expect(log).toEqual(['b started']);
    expect(
      events.filter((e) => e.id === 1419 || e.id === 1439 || e.id === 1430).map((e) => e.id),
    ).toEqual([1419, 1439, 1430, 1419, 1439]);
    expect(machine.world.counters.snapshot().connectionsAccepted).toBe(2);
  });

  it('gives its slot to the session that connects with it, with no second accept', () => {
    // Arrange
    const { machine, events } = machineOf({ config: { maxPendingConnections: 2 } });
    const connection = held([], 'a');
    machine.dispatcher.acceptHeld(connection, 808);

    // Act
    machine.dispatcher.connect({ clientId: 1 as ClientId, attempt: 1, via, held: connection });

    // Assert: one accept (1/2), then the release after routing (0/2).
    expect(events.filter((e) => e.id === 1430).map((e) => e.message)).toEqual([
      'Pending connections ratio: 1/2',
      'Pending connections ratio: 0/2',
    ]);
    expect(machine.world.counters.snapshot().connectionsAccepted).toBe(1);
    expect(events.some((e) => e.id === 4001)).toBe(true);
  });

  it('refuses the held connections waiting in the backlog of a listener that stops', () => {
    // Arrange: a self-hosted app whose only worker crashes at 10 ms stops its listener.
    const { machine, clock } = machineOf({
      config: { maxPendingConnections: 1, listenBacklog: 5 },
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', hosting: 'self' }],
      faults: [{ kind: 'worker-crash', target: { app: 'orders' }, atMs: 10 }],
    });
    const log: string[] = [];
    const [a, b] = [held(log, 'a'), held(log, 'b')];
    machine.dispatcher.acceptHeld(a, 808);
    machine.dispatcher.acceptHeld(b, 808);

    // Act
    while (clock.fireNext());
    machine.dispatcher.releaseHeld(a);

    // Assert: b refused; a's slot released on the stopped listener starts nothing.
    expect(log).toEqual(['b refused']);
    expect(machine.world.listeners.size).toBe(0);
  });
});
