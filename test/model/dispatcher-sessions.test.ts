// Dispatcher.sessions counts the sessions created so far: one per connect, whatever becomes
// of it (domain §3.1 step 1), including a connection nothing listens for.
import { describe, expect, it } from 'vitest';
import type { ClientId } from '../../src/core/ids.js';
import { createRandom } from '../../src/core/prng.js';
import { VirtualClock } from '../../src/core/virtual-clock.js';
import { EventBus } from '../../src/events/event-bus.js';
import { FaultInjector } from '../../src/faults/fault-injector.js';
import { createMachine } from '../../src/model/machine.js';
import { scenarioSchema } from '../../src/scenario/scenario-schema.js';

describe('Dispatcher.sessions', () => {
  it('counts every connect, refused ones included', () => {
    // Arrange
    const scenario = scenarioSchema.parse({
      name: 'dispatcher-sessions',
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
    });
    const random = createRandom(1);
    const clock = new VirtualClock();
    const machine = createMachine(
      scenario,
      clock,
      new EventBus(clock),
      random,
      new FaultInjector(scenario.faults, random),
      () => undefined,
    );
    machine.start();
    const connect = (via: string) =>
      machine.dispatcher.connect({ clientId: 1 as ClientId, attempt: 1, via });

    // Act
    const before = machine.dispatcher.sessions;
    connect('net.tcp://localhost/orders/service.svc');
    connect('net.tcp://localhost:9999/orders/service.svc');

    // Assert
    expect([before, machine.dispatcher.sessions]).toEqual([0, 2]);
  });
});
