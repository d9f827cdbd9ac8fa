// EventBus payload sharing (domain §2.2): the emitted payload (the model's fields, then the
// AppDomain) is rendered once per payload object and AppDomain, and every fieldless SMSvcHost
// event carries one shared payload. Kept apart from event-bus.test.ts because the rendered
// payloads are cached per module: there, earlier tests have already rendered the fieldless
// events, so a test of their sharing would never reach the rendering code it pins.
import { describe, expect, it } from 'vitest';
import type { ClientId, SessionId } from '../../src/core/ids.js';
import { VirtualClock } from '../../src/core/virtual-clock.js';
import type { DispatchEvent } from '../../src/events/dispatch-event.js';
import { EventBus, NO_PAYLOAD } from '../../src/events/event-bus.js';

const sessionId = (n: number) => n as SessionId;
// A session-activity event's annotations: its session, request and attempt.
const session = (n: number) => ({ sessionId: sessionId(n), clientId: n as ClientId, attempt: 1 });

const via = 'net.tcp://localhost/orders/service.svc';

function createRecordedBus() {
  const bus = new EventBus(new VirtualClock());
  const events: DispatchEvent[] = [];
  bus.on('event', (e) => events.push(e));
  return { bus, events };
}

describe('EventBus payload sharing', () => {
  it('gives every fieldless SMSvcHost event one shared payload object', () => {
    // Arrange
    const { bus, events } = createRecordedBus();

    // Act
    bus.emit('WasConnected', NO_PAYLOAD, {});
    bus.emit('WasDisconnected', NO_PAYLOAD, {});

    // Assert
    const [connected, disconnected] = events;
    expect(connected?.payload).toEqual({ AppDomain: 'SMSvcHost.exe' });
    expect(disconnected?.payload).toBe(connected?.payload);
  });

  it('renders a payload object once: events emitted with it share the emitted payload', () => {
    // Arrange
    const { bus, events } = createRecordedBus();
    const queueFull = { Uri: via, count: 3 };
    const register = { Uri: via };

    // Act
    bus.emit('PendingSessionQueueFull', queueFull, session(1));
    bus.emit('PendingSessionQueueFull', queueFull, session(2));
    bus.emit('SharedListenerProxyRegisterStart', register, { app: 'orders' });
    bus.emit('SharedListenerProxyRegisterStart', register, { app: 'orders' });
    bus.emit('SharedListenerProxyRegisterStart', register, { app: 'billing' });

    // Assert
    const [full1, full2, orders1, orders2, billing] = events.map((e) => e.payload);
    expect(full2).toBe(full1);
    expect(orders2).toBe(orders1);
    expect(billing).not.toBe(orders1);
    expect([orders1, billing]).toEqual([
      { Uri: via, AppDomain: '/LM/W3SVC/1/ROOT/orders' },
      { Uri: via, AppDomain: '/LM/W3SVC/1/ROOT/billing' },
    ]);
  });
});
