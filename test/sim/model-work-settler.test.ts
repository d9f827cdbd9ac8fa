// ModelWorkSettler (STYLE §5.5): between two timers it yields microtask turns while counted
// promise work is in flight, and falls back to one event-loop hop when that work takes more
// than 64 turns; flagged work gets one hop; then the next timer may fire.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/virtual-clock.js';
import { ModelWorkSettler } from '../../src/sim/model-work-settler.js';

describe('ModelWorkSettler', () => {
  it('yields 64 microtask turns to counted work that has not ended, then hops, and starts over', async () => {
    // Arrange: counted promise work that never ends.
    const clock = new VirtualClock();
    clock.beginSettle();
    const hopAfter: number[] = [];
    let asked = 0;
    const settler = new ModelWorkSettler(clock, () => hopAfter.push(asked));

    // Act: ask as the run loop does, 130 times.
    for (asked = 1; asked <= 130; asked++) await settler.next();

    // Assert: asked 1 to 64, it yields; the 65th time it hops; then 64 turns again.
    expect(hopAfter).toEqual([65, 130]);
  });

  it('hops once for flagged work, then lets the next timer fire', async () => {
    // Arrange: a sleep resolved, or a client policy's promise: work the model cannot count.
    const clock = new VirtualClock();
    clock.notePromisesSettling();
    let hops = 0;
    const settler = new ModelWorkSettler(clock, () => hops++);

    // Act
    await settler.next();
    const after = settler.next();

    // Assert
    expect(hops).toBe(1);
    expect(after).toBeUndefined();
  });
});
