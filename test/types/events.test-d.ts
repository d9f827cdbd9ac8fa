// Type-level tests of the event vocabulary (STYLE rules 12-15, 38): handlers narrow by name
// and id, brands do not mix, and no handler parameter is `any`.
import { describe, expectTypeOf, it } from 'vitest';
import type { ActivityId, ClientId, SessionId, WorkerId } from '../../src/core/ids.js';
import { ms, type Millis } from '../../src/core/millis.js';
import type { DispatchEvent, EventOf } from '../../src/events/dispatch-event.js';
import type { EventBus } from '../../src/events/event-bus.js';
import type { EventLogEntry } from '../../src/events/event-log-entry.js';

declare const bus: EventBus;
declare function takesWorker(worker: WorkerId): void;
declare function takesSession(session: SessionId): void;
declare function takesMillis(duration: Millis): void;

describe('EventBus.on', () => {
  it('narrows a DispatchSessionFailed handler to the 4031 member', () => {
    bus.on('DispatchSessionFailed', (e) => {
      expectTypeOf(e).toEqualTypeOf<EventOf<'DispatchSessionFailed'>>();
      expectTypeOf(e.id).toEqualTypeOf<4031>();
      expectTypeOf(e.name).toEqualTypeOf<'DispatchSessionFailed'>();
      expectTypeOf(e.level).toEqualTypeOf<'Error'>();
      expectTypeOf(e.annotations.reason).toEqualTypeOf<string>();
      expectTypeOf(e.annotations.sessionId).toEqualTypeOf<SessionId>();
      // Always there, so a 4031 joins its request without a guard (user report).
      expectTypeOf(e.annotations.clientId).toEqualTypeOf<ClientId>();
      expectTypeOf(e.annotations.attempt).toEqualTypeOf<number>();
      expectTypeOf(e.annotations.workerId).toEqualTypeOf<WorkerId>();
      expectTypeOf(e.annotations.path).toEqualTypeOf<'F1' | 'F2' | 'F3'>();
      expectTypeOf(e.activityId).toEqualTypeOf<ActivityId>();
      expectTypeOf(e.atMs).toEqualTypeOf<Millis>();
      expectTypeOf<keyof typeof e.payload>().toEqualTypeOf<'AppDomain'>();
      expectTypeOf(e.payload.AppDomain).toEqualTypeOf<string>();
    });
  });

  it('types the 4010 payload fields by their ETW types', () => {
    bus.on('PendingSessionQueueFull', (e) => {
      expectTypeOf(e.id).toEqualTypeOf<4010>();
      expectTypeOf(e.payload.count).toEqualTypeOf<number>();
      expectTypeOf(e.payload.Uri).toEqualTypeOf<string>();
      expectTypeOf(e.payload).toEqualTypeOf<{
        readonly Uri: string;
        readonly count: number;
        readonly AppDomain: string;
      }>();
      expectTypeOf(e.activityId).toEqualTypeOf<ActivityId>();
    });
  });

  it("gives an 'event' handler the whole union, narrowed by name or by id", () => {
    bus.on('event', (e) => {
      expectTypeOf(e).toEqualTypeOf<DispatchEvent>();
      if (e.name === 'DispatchSessionFailed') {
        expectTypeOf(e).toEqualTypeOf<EventOf<'DispatchSessionFailed'>>();
        expectTypeOf(e.annotations.reason).toEqualTypeOf<string>();
      }
      if (e.id === 4031) {
        expectTypeOf(e.name).toEqualTypeOf<'DispatchSessionFailed'>();
        expectTypeOf(e.activityId).toEqualTypeOf<ActivityId>();
      }
      if (e.id === 4010) {
        expectTypeOf(e.payload.count).toEqualTypeOf<number>();
      }
    });
  });

  it("gives an 'eventLog' handler an EventLogEntry", () => {
    bus.on('eventLog', (entry) => {
      expectTypeOf(entry).toEqualTypeOf<EventLogEntry>();
    });
  });

  it('never hands a handler an any', () => {
    bus.on('DispatchSessionFailed', (e) => expectTypeOf(e).not.toBeAny());
    bus.on('PendingSessionQueueFull', (e) => expectTypeOf(e).not.toBeAny());
    bus.on('TcpTransportListenerListeningStart', (e) => expectTypeOf(e).not.toBeAny());
    bus.on('MessageQueueRegisterCompleted', (e) => expectTypeOf(e).not.toBeAny());
    bus.on('RoutingTableLookupStop', (e) => expectTypeOf(e).not.toBeAny());
    bus.on('event', (e) => expectTypeOf(e).not.toBeAny());
    bus.on('eventLog', (e) => expectTypeOf(e).not.toBeAny());
    bus.on('DispatchSessionFailed', (e) => expectTypeOf(e.payload).not.toBeAny());
    bus.on('DispatchSessionFailed', (e) => expectTypeOf(e.annotations).not.toBeAny());
  });

  it('narrows a handler subscribed by ETW id as one subscribed by name', () => {
    bus.on(4031, (e) => {
      expectTypeOf(e).toEqualTypeOf<EventOf<'DispatchSessionFailed'>>();
      expectTypeOf(e.annotations.reason).toEqualTypeOf<string>();
      expectTypeOf(e.payload.AppDomain).toEqualTypeOf<string>();
    });
    bus.on(4010, (e) => expectTypeOf(e.payload.count).toEqualTypeOf<number>());
    // @ts-expect-error 4004 is not an event of the provider
    bus.on(4004, () => undefined);
  });

  it('returns an unsubscribe function', () => {
    expectTypeOf(bus.on('WasConnected', () => undefined)).toEqualTypeOf<() => void>();
  });

  it('refuses unknown names and mismatched payloads', () => {
    // @ts-expect-error not an event name
    bus.on('DispatchSessionFailedd', () => undefined);
    // @ts-expect-error count is an int32, not a string
    bus.emit('PendingSessionQueueFull', { Uri: 'x', count: '3' }, { sessionId: 1 as SessionId });
    // @ts-expect-error a session-activity event needs its session
    bus.emit('DispatchSessionStart', {}, {});
  });
});

describe('EventOf', () => {
  it('gives activityId only to session-activity events', () => {
    expectTypeOf<EventOf<'TcpTransportListenerListeningStart'>>().not.toHaveProperty('activityId');
    expectTypeOf<EventOf<'WasConnected'>>().not.toHaveProperty('activityId');
    expectTypeOf<EventOf<'DispatchSessionStart'>>().toHaveProperty('activityId');
    expectTypeOf<EventOf<'DispatchSessionFailed'>>().toHaveProperty('activityId');
  });

  it('keeps id and name literal', () => {
    expectTypeOf<EventOf<'TcpTransportListenerListeningStart'>['id']>().toEqualTypeOf<4020>();
    expectTypeOf<EventOf<'TcpTransportListenerListeningStart'>['payload']>().toEqualTypeOf<{
      readonly Uri: string;
      readonly AppDomain: string;
    }>();
  });
});

describe('branded ids and times', () => {
  it('keeps SessionId and WorkerId apart', () => {
    expectTypeOf<SessionId>().not.toEqualTypeOf<WorkerId>();
    expectTypeOf<SessionId>().not.toExtend<WorkerId>();
    expectTypeOf<WorkerId>().not.toExtend<SessionId>();
    const session = 1 as SessionId;
    const worker = 1 as WorkerId;
    // @ts-expect-error a SessionId is not a WorkerId
    takesWorker(session);
    // @ts-expect-error a WorkerId is not a SessionId
    takesSession(worker);
  });

  it('does not take a bare number for a SessionId', () => {
    expectTypeOf<number>().not.toExtend<SessionId>();
    // @ts-expect-error a bare number is not a SessionId
    takesSession(1);
  });

  it('does not take a bare number for Millis', () => {
    expectTypeOf<number>().not.toExtend<Millis>();
    expectTypeOf<Millis>().toExtend<number>();
    expectTypeOf(ms(5)).toEqualTypeOf<Millis>();
    // @ts-expect-error a bare number is not Millis
    takesMillis(5);
  });
});
