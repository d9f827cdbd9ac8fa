// The dispatch path builds an event's annotations only when someone hears it (EventBus.hears):
// a listener subscribed to one event by name, with nobody on 'event', still receives the
// session, client and worker of 4008, 4019, PortSharingDuplicatedSocket and 4030.
import { describe, expect, it } from 'vitest';
import type { DispatchEvent } from '../../src/events/dispatch-event.js';
import { createSimulation } from '../../src/sim/simulation.js';

const names = [
  'DispatchSessionStart',
  'MessageQueueDuplicatedSocketComplete',
  'PortSharingDuplicatedSocket',
  'DispatchSessionSuccess',
] as const;

describe('the dispatch events heard by name only', () => {
  it('carry their session and worker annotations', async () => {
    // Arrange
    const sim = createSimulation({
      name: 'dispatch-annotations-by-name',
      appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
      workload: {
        sessions: 1,
        arrivals: { at: [10] },
        vias: [{ via: 'net.tcp://LOCALHOST/orders/service.svc' }],
      },
    });
    const heard: DispatchEvent[] = [];
    for (const name of names) sim.events.on(name, (e: DispatchEvent) => heard.push(e));

    // Act
    await sim.run();

    // Assert
    expect(heard.map((e) => [e.id, e.name, e.annotations])).toMatchInlineSnapshot(`
      [
        [
          4008,
          "DispatchSessionStart",
          {
            "app": "orders",
            "attempt": 1,
            "clientId": 1,
            "pid": 4004,
            "sessionId": 1,
            "workerId": 1,
          },
        ],
        [
          4019,
          "MessageQueueDuplicatedSocketComplete",
          {
            "attempt": 1,
            "clientId": 1,
            "sessionId": 1,
          },
        ],
        [
          3358,
          "PortSharingDuplicatedSocket",
          {
            "attempt": 1,
            "clientId": 1,
            "pid": 4004,
            "sessionId": 1,
            "workerId": 1,
          },
        ],
        [
          4030,
          "DispatchSessionSuccess",
          {
            "attempt": 1,
            "clientId": 1,
            "sessionId": 1,
          },
        ],
      ]
    `);
  });
});
