// RequestsInFlight, the client's requests without a result yet, by id: it answers as a Map
// would, whatever order requests end in, keeps its ring within 65,536 slots, and moves the
// requests older than that window to a Map, where they are still found.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestsInFlight } from '../../src/client/requests-in-flight.js';

interface Request {
  readonly id: number;
}

describe('RequestsInFlight', () => {
  it('answers get, delete and size as a Map does, whatever order requests end in', () => {
    // Each step either adds the next id or ends one request in flight (picked by index).
    const steps = fc.array(fc.oneof(fc.constant('add' as const), fc.nat()), {
      minLength: 100,
      maxLength: 400,
    });
    fc.assert(
      fc.property(
        steps,
        fc.integer({ min: 1, max: 5000 }),
        fc.boolean(),
        (plan, firstId, small) => {
          // The smallest ring moves requests to the Map within a few dozen steps.
          const table = new RequestsInFlight<Request>(small ? 16 : undefined);
          const model = new Map<number, Request>();
          let next = firstId;
          for (const step of plan) {
            if (step === 'add' || model.size === 0) {
              const request = { id: next++ };
              table.add(request);
              model.set(request.id, request);
            } else {
              const id = [...model.keys()][step % model.size] as number;
              expect(table.delete(id)).toBe(true);
              model.delete(id);
              expect(table.delete(id)).toBe(false);
            }
            expect(table.size).toBe(model.size);
          }
          for (let id = firstId - 2; id < next + 2; id++) expect(table.get(id)).toBe(model.get(id));
          if (small) expect(table.capacity).toBe(16);
        },
      ),
    );
  });

  it('keeps its ring within 65,536 slots and still finds a request 200,000 ids older', () => {
    // Arrange: request 1 stays in flight while 200,000 arrive and end in order behind it.
    const table = new RequestsInFlight<Request>();
    const first = { id: 1 };
    table.add(first);

    // Act
    for (let id = 2; id <= 200_001; id++) {
      table.add({ id });
      if (id - 10 > 1) table.delete(id - 10);
    }

    // Assert
    expect(table.capacity).toBe(65_536);
    expect(table.olderCount).toBe(1);
    expect(table.get(1)).toBe(first);
    expect(table.size).toBe(11);
    expect(table.delete(1)).toBe(true);
    expect(table.get(1)).toBeUndefined();
    expect(table.get(199_999)).toEqual({ id: 199_999 });
  });

  it('stays at its smallest ring while requests end in the order they came', () => {
    const table = new RequestsInFlight<Request>();
    for (let id = 1; id <= 100_000; id++) {
      table.add({ id });
      if (id > 8) table.delete(id - 8);
    }

    expect(table.capacity).toBe(16);
    expect(table.olderCount).toBe(0);
    expect(table.size).toBe(8);
  });

  it('refuses an id that is not greater than the last one added', () => {
    const table = new RequestsInFlight<Request>();
    table.add({ id: 5 });

    expect(() => table.add({ id: 5 })).toThrow('internal: request id 5 added after 5');
    expect(() => table.add({ id: 3 })).toThrow('internal: request id 3 added after 5');
  });
});
