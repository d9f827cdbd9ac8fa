// The model builds a session's annotations only for events someone hears (EventBus.hears),
// so that an unheard event costs nothing on the session's path. A listener subscribed to one
// event by name, with no `'event'` listener at all, must get the same annotations as a
// recorder of every event (STYLE §5.4).
import { describe, expect, it } from 'vitest';
import type { DispatchEvent, DispatchEventName } from '../../src/events/dispatch-event.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { runRecorded } from '../helpers/run-recorded.js';

// One session through the whole TCP path: accept, 4001, routing, enqueue, dispatch.
const scenario: ScenarioInput = {
  name: 'named-listener-annotations',
  appPools: [{ name: 'P', startMode: 'AlwaysRunning', startupMs: 0, idleTimeoutMs: 0 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'P' }],
  workload: {
    sessions: 1,
    arrivals: { at: [10] },
    vias: [{ via: 'net.tcp://LOCALHOST/orders/service.svc' }],
  },
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
  it.each(sessionEvents)(
    '%s carries the annotations a recorder of every event sees',
    async (name) => {
      // Arrange
      const everything = await runRecorded(scenario);
      const sim = createSimulation(scenario);
      const heard: DispatchEvent[] = [];
      sim.events.on(name, (event: DispatchEvent) => heard.push(event));

      // Act
      await sim.run();

      // Assert
      const recorded = everything.events.filter((e) => e.name === name).map((e) => e.annotations);
      expect(recorded.some((a) => a.sessionId === 1)).toBe(true);
      expect(heard.map((e) => e.annotations)).toEqual(recorded);
    },
  );

  it('RoutingTableLookupStop carries the match it found, and 4008 the worker', async () => {
    const sim = createSimulation(scenario);
    const heard: DispatchEvent[] = [];
    sim.events.on('RoutingTableLookupStop', (event) => heard.push(event));
    sim.events.on('DispatchSessionStart', (event) => heard.push(event));

    await sim.run();

    expect(heard.map((e) => e.annotations)).toEqual([
      { sessionId: 1, clientId: 1, attempt: 1, matched: 'orders', pass: 'strong-wildcard' },
      { sessionId: 1, clientId: 1, attempt: 1, app: 'orders', workerId: 1, pid: 4004 },
    ]);
  });
});
