// Branded ids (STYLE rule 15): sequential factories and the ActivityId derived from a session.
import { describe, expect, it } from 'vitest';
import {
  activityIdOf,
  createClientIds,
  createListenerIds,
  createQueueIds,
  createSessionIds,
  createWorkerIds,
  type SessionId,
} from '../../src/core/ids.js';

const sessionId = (n: number) => n as SessionId;

describe('activityIdOf', () => {
  it.each([
    { session: 1, activityId: '00000000-0000-0000-0000-000000000001' },
    { session: 42, activityId: '00000000-0000-0000-0000-00000000002a' },
    { session: 255, activityId: '00000000-0000-0000-0000-0000000000ff' },
    { session: 65536, activityId: '00000000-0000-0000-0000-000000010000' },
    { session: 0xffffffffffff, activityId: '00000000-0000-0000-0000-ffffffffffff' },
  ])('formats session $session as $activityId', ({ session, activityId }) => {
    // Arrange
    const id = sessionId(session);

    // Act
    const formatted = activityIdOf(id);

    // Assert
    expect(formatted).toBe(activityId);
  });

  it('gives a lower-case GUID shape', () => {
    // Arrange
    const ids = [1, 10, 4031, 123456789].map(sessionId);

    // Act
    const formatted = ids.map(activityIdOf);

    // Assert
    for (const id of formatted) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('gives distinct sessions distinct activity ids', () => {
    // Arrange
    const ids = Array.from({ length: 1000 }, (_, i) => sessionId(i + 1));

    // Act
    const formatted = new Set(ids.map(activityIdOf));

    // Assert
    expect(formatted.size).toBe(1000);
  });
});

describe('id sequences', () => {
  it.each([
    { kind: 'session', create: createSessionIds },
    { kind: 'worker', create: createWorkerIds },
    { kind: 'queue', create: createQueueIds },
    { kind: 'listener', create: createListenerIds },
    { kind: 'client', create: createClientIds },
  ])('hands out $kind ids 1, 2, 3 and counts them', ({ create }) => {
    // Arrange
    const ids = create();
    const countBefore = ids.count;

    // Act
    const handedOut: number[] = [ids.next(), ids.next(), ids.next()];

    // Assert
    expect(countBefore).toBe(0);
    expect(handedOut).toEqual([1, 2, 3]);
    expect(ids.count).toBe(3);
  });

  it('keeps separate sequences independent', () => {
    // Arrange
    const sessions = createSessionIds();
    const workers = createWorkerIds();
    sessions.next();
    sessions.next();

    // Act
    const firstWorker = workers.next();

    // Assert
    expect(firstWorker).toBe(1);
    expect(sessions.count).toBe(2);
  });
});
