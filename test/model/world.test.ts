// World, the shared state of a simulated machine: deterministic PIDs, the one place a session
// gets its single outcome (domain §3.2), and the payloads and annotations it builds once and
// shares between events (STYLE rule 16: events are immutable).
import { describe, expect, it } from 'vitest';
import type { ClientId, SessionId } from '../../src/core/ids.js';
import { createRandom } from '../../src/core/prng.js';
import { VirtualClock } from '../../src/core/virtual-clock.js';
import { EventBus, UNHEARD } from '../../src/events/event-bus.js';
import type { SessionOutcome } from '../../src/events/session-outcome.js';
import { clientViews } from '../../src/events/session-outcome.js';
import { FaultInjector } from '../../src/faults/fault-injector.js';
import type { Session } from '../../src/model/session.js';
import { SHARED_PAYLOADS, World } from '../../src/model/world.js';
import { scenarioSchema } from '../../src/scenario/scenario-schema.js';

function world() {
  const scenario = scenarioSchema.parse({
    name: 'world',
    config: { maxPendingConnections: 7 },
    apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/' }],
  });
  const random = createRandom(1);
  const clock = new VirtualClock();
  const bus = new EventBus(clock);
  const outcomes: SessionOutcome[] = [];
  const w = new World(scenario, clock, bus, random, new FaultInjector([], random), (o) =>
    outcomes.push(o),
  );
  return { world: w, bus, outcomes };
}

const session = (id: number): Session => ({
  id: id as SessionId,
  clientId: 3 as ClientId,
  attempt: 2,
  nth: id,
  arrivedAtMs: 0 as Session['arrivedAtMs'],
  via: 'net.tcp://localhost/orders/x',
  viaUri: undefined,
  localPort: undefined,
  state: 'queued',
  app: 'orders',
  notes: undefined,
});

describe('World', () => {
  it('numbers processes 4004, 4008, 4012 and on', () => {
    const { world: w } = world();

    expect([w.nextPid(), w.nextPid(), w.nextPid()]).toEqual([4004, 4008, 4012]);
  });

  it('gives a session one outcome and refuses a second (a model bug)', () => {
    // Arrange
    const { world: w, outcomes } = world();
    const s = session(5);

    // Act
    w.finish(s, 'dispatched', clientViews.ok(), 'done');

    // Assert
    expect(() => w.finish(s, 'dropped-aborted', clientViews.ok(), 'again')).toThrow(
      'internal: session 5 got a second outcome (dropped-aborted)',
    );
    expect(outcomes.map((o) => [o.sessionId, o.kind, o.reason])).toEqual([
      [5, 'dispatched', 'done'],
    ]);
    expect(w.ledger.summary().outcomes).toMatchObject({ dispatched: 1 });
  });

  it('shares one frozen payload per value for the recurring events', () => {
    const { world: w } = world();

    expect(w.viaPayload('v')).toEqual({ via: 'v' });
    expect(w.viaPayload('v')).toBe(w.viaPayload('v'));
    expect(w.uriPayload('u')).toEqual({ Uri: 'u' });
    expect(w.uriPayload('u')).toBe(w.uriPayload('u'));
    expect(w.acceptorRatio(3)).toEqual({ cur: 3, max: 7 });
    expect(w.acceptorRatio(3)).toBe(w.acceptorRatio(3));
    expect(w.queueRatio(4)).toEqual({ curr: 4, max: 7 });
    expect(w.queueRatio(4)).toBe(w.queueRatio(4));
    expect(Object.isFrozen(w.viaPayload('v'))).toBe(true);
  });

  // A queue 226,511 deep kept a payload, and the event bus its rendering, for every depth it
  // reached: an NDJSON trace peaked at 484 MB where --format json took 245 MB (user report).
  // A live client can send a new via on every connection. Past a bound, each is built anew
  // and collected with its event.
  it('shares at most SHARED_PAYLOADS payloads of each kind, and builds the rest anew', () => {
    const { world: w } = world();
    const last = SHARED_PAYLOADS - 1;

    for (let i = 0; i < SHARED_PAYLOADS + 10; i++) w.viaPayload(`v${i}`);

    expect(w.queueRatio(last)).toBe(w.queueRatio(last));
    expect(w.queueRatio(SHARED_PAYLOADS)).not.toBe(w.queueRatio(SHARED_PAYLOADS));
    expect(w.queueRatio(SHARED_PAYLOADS)).toEqual({ curr: SHARED_PAYLOADS, max: 7 });
    expect(Object.isFrozen(w.queueRatio(SHARED_PAYLOADS))).toBe(true);
    expect(w.acceptorRatio(last)).toBe(w.acceptorRatio(last));
    expect(w.acceptorRatio(SHARED_PAYLOADS)).not.toBe(w.acceptorRatio(SHARED_PAYLOADS));
    expect(w.viaPayload(`v${last}`)).toBe(w.viaPayload(`v${last}`));
    expect(w.viaPayload(`v${SHARED_PAYLOADS}`)).not.toBe(w.viaPayload(`v${SHARED_PAYLOADS}`));
    expect(w.viaPayload(`v${SHARED_PAYLOADS}`)).toEqual({ via: `v${SHARED_PAYLOADS}` });
    for (let i = 0; i < SHARED_PAYLOADS + 10; i++) w.uriPayload(`u${i}`);
    expect(w.uriPayload(`u${SHARED_PAYLOADS}`)).not.toBe(w.uriPayload(`u${SHARED_PAYLOADS}`));
  });

  it('builds a session notes once, and only for an event someone hears', () => {
    // Arrange
    const { world: w, bus } = world();
    const s = session(5);

    // Act
    const unheard = w.notesFor('DispatchSessionStart', s);
    bus.on('DispatchSessionStart', () => undefined);
    const heard = w.notesFor('DispatchSessionStart', s);

    // Assert
    expect(unheard).toBe(UNHEARD);
    expect(heard).toEqual({ sessionId: 5, clientId: 3, attempt: 2 });
    expect(heard).toBe(w.sessionNotes(s));
  });
});
