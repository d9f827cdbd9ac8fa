// The model builds a session's annotations only for events someone hears (EventBus.hears),
// so that an unheard event costs nothing on the session's path. A listener subscribed to one
// event by name, with no `'event'` listener at all, must get the same annotations as a
// recorder of every event (STYLE §5.4).
import { describe, expect, it } from 'vitest';
import type { DispatchEvent, DispatchEventName } from '../../src/events/dispatch-event.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { createSimulation } from '../../src/sim/simulation.js';

// One session through the whole TCP path: accept, 4001, routing, enqueue, dispatch.
const scenario: ScenarioInput = {
  name: 'named-listener-annotations',
  appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
  workload: { sessions: 1, arrivals: { at: [10] } },
};

const sessionEvents = [
  'PendingConnectionsRatio',
  'TransportListenerSessionsReceived',
  'RoutingTableLookupStart',
  'RoutingTableLookupStop',
  'PendingSessionQueueRatio',
  'DispatchSessionStart',
  'MessageQueueDuplicatedSocketComplete',
  'PortSharingDuplicatedSocket',
  'DispatchSessionSuccess',
] as const satisfies readonly DispatchEventName[];

describe('an event heard only by a listener of its name', () => {
  it.each(sessionEvents)('%s carries its session annotations', async (name) => {
    // Arrange
    const sim = createSimulation(scenario);
    const heard: DispatchEvent[] = [];
    sim.events.on(name, (event: DispatchEvent) => heard.push(event));

    // Act
    await sim.run();

    // Assert: the first one of the run belongs to session 1.
    expect(heard[0]?.annotations).toMatchObject({ sessionId: 1 });
  });

  it('RoutingTableLookupStop carries the match it found', async () => {
    const sim = createSimulation(scenario);
    const heard: DispatchEvent[] = [];
    sim.events.on('RoutingTableLookupStop', (event) => heard.push(event));

    await sim.run();

    expect(heard.map((e) => e.annotations)).toEqual([
      { sessionId: 1, clientId: 1, attempt: 1, matched: 'orders', pass: 'strong-wildcard' },
    ]);
  });
});
