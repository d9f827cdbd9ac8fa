// VirtualClock (STYLE rules 28-29): timers fire in (time, priority, sequence) order, time
// only moves forward, and a sleep resolves only when the loop fires its timer.
import { describe, expect, it } from 'vitest';
import { ms } from '../../src/core/millis.js';
import { createRandom } from '../../src/core/prng.js';
import { TimerPriority, VirtualClock } from '../../src/core/virtual-clock.js';

/** Fires every timer and returns how many fired. */
function fireAll(clock: VirtualClock): number {
  let fired = 0;
  while (clock.fireNext()) fired++;
  return fired;
}

/** Lets queued promise callbacks run a few turns, without any event-loop hop. */
async function microtaskTurns(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve();
}

describe('VirtualClock', () => {
  it('starts at 0 ms with no timers and no steps', () => {
    // Arrange
    const clock = new VirtualClock();

    // Act
    const state = [clock.now(), clock.pending, clock.steps, clock.nextAt(), clock.fireNext()];

    // Assert
    expect(state).toEqual([0, 0, 0, undefined, false]);
  });

  it('fires timers in (time, priority, sequence) order', () => {
    // Arrange
    const clock = new VirtualClock();
    const fired: string[] = [];
    const schedule = (label: string, atMs: number, priority: number) =>
      clock.scheduleAt(ms(atMs), () => fired.push(`${label}@${clock.now()}`), priority);
    schedule('a', 10, TimerPriority.normal);
    schedule('b', 5, TimerPriority.arrival);
    schedule('c', 10, TimerPriority.control);
    schedule('d', 10, TimerPriority.normal);
    schedule('e', 5, TimerPriority.arrival);
    schedule('f', 0, TimerPriority.arrival);
    schedule('g', 10, TimerPriority.arrival);

    // Act
    const count = fireAll(clock);

    // Assert
    expect(fired).toEqual(['f@0', 'b@5', 'e@5', 'c@10', 'a@10', 'd@10', 'g@10']);
    expect(count).toBe(7);
    expect(clock.steps).toBe(7);
  });

  it('uses the normal priority by default', () => {
    // Arrange
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.scheduleAt(ms(1), () => fired.push('arrival'), TimerPriority.arrival);
    clock.scheduleAt(ms(1), () => fired.push('default'));
    clock.scheduleAt(ms(1), () => fired.push('control'), TimerPriority.control);

    // Act
    fireAll(clock);

    // Assert
    expect(fired).toEqual(['control', 'default', 'arrival']);
  });

  it('schedules relative to the current time with scheduleIn', () => {
    // Arrange
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.scheduleAt(ms(7), () => {
      clock.scheduleIn(ms(3), () => fired.push(clock.now()));
    });

    // Act
    fireAll(clock);

    // Assert
    expect(fired).toEqual([10]);
  });

  it('runs a timer scheduled for the current instant after those already due then', () => {
    // Arrange
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.scheduleAt(ms(4), () => {
      fired.push('first');
      clock.scheduleIn(ms(0), () => fired.push('nested'));
    });
    clock.scheduleAt(ms(4), () => fired.push('second'));

    // Act
    fireAll(clock);

    // Assert
    expect(fired).toEqual(['first', 'second', 'nested']);
  });

  it.each([
    { label: 'an instant before now', atMs: 9.999 },
    { label: 'NaN', atMs: Number.NaN },
    { label: 'Infinity', atMs: Number.POSITIVE_INFINITY },
    { label: '-Infinity', atMs: Number.NEGATIVE_INFINITY },
  ])('refuses to schedule at $label with a RangeError', ({ atMs }) => {
    // Arrange
    const clock = new VirtualClock();
    clock.scheduleAt(ms(10), () => undefined);
    clock.fireNext();

    // Act
    const act = () => clock.scheduleAt(ms(atMs), () => undefined);

    // Assert
    expect(act).toThrow(RangeError);
    expect(clock.pending).toBe(0);
  });

  it('refuses a negative delay with a RangeError naming both times', () => {
    // Arrange
    const clock = new VirtualClock();
    clock.scheduleAt(ms(10), () => undefined);
    clock.fireNext();

    // Act
    const act = () => clock.scheduleIn(ms(-1), () => undefined);

    // Assert
    expect(act).toThrow(
      new RangeError(
        'VirtualClock cannot schedule at 9 ms: the clock is at 10 ms and only moves forward',
      ),
    );
  });

  it('accepts a timer at exactly the current time', () => {
    // Arrange
    const clock = new VirtualClock();
    clock.scheduleAt(ms(10), () => undefined);
    clock.fireNext();
    const fired: number[] = [];

    // Act
    clock.scheduleAt(ms(10), () => fired.push(clock.now()));
    fireAll(clock);

    // Assert
    expect(fired).toEqual([10]);
  });

  it('never moves back, even after a refused schedule', () => {
    // Arrange
    const clock = new VirtualClock();
    const seen: number[] = [];
    for (const atMs of [3, 1, 8, 2, 8, 5]) {
      clock.scheduleAt(ms(atMs), () => seen.push(clock.now()));
    }

    // Act
    while (clock.fireNext()) {
      try {
        clock.scheduleAt(ms(clock.now() - 0.5), () => seen.push(-1));
      } catch {
        // refused: the clock stays where it is
      }
    }

    // Assert
    expect(seen).toEqual([1, 2, 3, 5, 8, 8]);
    expect(clock.now()).toBe(8);
  });

  it('skips a cancelled timer', () => {
    // Arrange
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.scheduleAt(ms(1), () => fired.push('kept 1'));
    const cancelled = clock.scheduleAt(ms(2), () => fired.push('cancelled'));
    clock.scheduleAt(ms(3), () => fired.push('kept 3'));

    // Act
    clock.cancel(cancelled);
    clock.cancel(cancelled);
    const count = fireAll(clock);

    // Assert
    expect(fired).toEqual(['kept 1', 'kept 3']);
    expect(count).toBe(2);
    expect(clock.now()).toBe(3);
  });

  it('reports the next live timer, passing over cancelled ones', () => {
    // Arrange
    const clock = new VirtualClock();
    const early = clock.scheduleAt(ms(1), () => undefined);
    clock.scheduleAt(ms(6), () => undefined);
    const pendingBefore = clock.pending;

    // Act
    clock.cancel(early);
    const next = clock.nextAt();

    // Assert
    expect(pendingBefore).toBe(2);
    expect(next).toBe(6);
    expect(clock.pending).toBe(1);
  });

  it('reports no next timer and fires nothing when every timer is cancelled', () => {
    // Arrange
    const clock = new VirtualClock();
    const handles = [1, 2, 3].map((atMs) => clock.scheduleAt(ms(atMs), () => undefined));

    // Act
    for (const handle of handles) clock.cancel(handle);

    // Assert
    expect(clock.nextAt()).toBeUndefined();
    expect(clock.fireNext()).toBe(false);
    expect(clock.now()).toBe(0);
    expect(clock.steps).toBe(0);
  });

  it('cancels a timer from inside another timer at the same instant', () => {
    // Arrange
    const clock = new VirtualClock();
    const fired: string[] = [];
    const later = { handle: clock.scheduleAt(ms(5), () => fired.push('victim'), 2) };
    clock.scheduleAt(
      ms(5),
      () => {
        fired.push('canceller');
        clock.cancel(later.handle);
      },
      1,
    );

    // Act
    fireAll(clock);

    // Assert
    expect(fired).toEqual(['canceller']);
  });

  it('never resolves a sleep on its own', async () => {
    // Arrange
    const clock = new VirtualClock();
    let resolved = false;
    void clock.sleep(ms(5)).then(() => {
      resolved = true;
    });

    // Act
    await microtaskTurns(10);

    // Assert
    expect(resolved).toBe(false);
    expect(clock.now()).toBe(0);
    expect(clock.nextAt()).toBe(5);
  });

  it('resolves a sleep once the loop fires its timer, at the wake-up time', async () => {
    // Arrange
    const clock = new VirtualClock();
    const woke: number[] = [];
    void clock.sleep(ms(5)).then(() => woke.push(clock.now()));

    // Act
    const fired = clock.fireNext();
    const beforeMicrotasks = [...woke];
    await microtaskTurns();

    // Assert
    expect(fired).toBe(true);
    expect(beforeMicrotasks).toEqual([]);
    expect(woke).toEqual([5]);
  });

  it('flags promise work when a sleep wakes, and clears the flag once taken', () => {
    // Arrange
    const clock = new VirtualClock();
    void clock.sleep(ms(1));
    const beforeFiring = clock.takePromisesSettling();

    // Act
    clock.fireNext();

    // Assert
    expect(beforeFiring).toBe(false);
    expect(clock.takePromisesSettling()).toBe(true);
    expect(clock.takePromisesSettling()).toBe(false);
  });

  it('does not flag promise work for a plain timer', () => {
    // Arrange
    const clock = new VirtualClock();
    clock.scheduleAt(ms(1), () => undefined);

    // Act
    clock.fireNext();

    // Assert
    expect(clock.takePromisesSettling()).toBe(false);
  });

  it('flags promise work on request', () => {
    // Arrange
    const clock = new VirtualClock();

    // Act
    clock.notePromisesSettling();

    // Assert
    expect(clock.takePromisesSettling()).toBe(true);
  });

  it('counts settling work begun and ended', () => {
    // Arrange
    const clock = new VirtualClock();

    // Act
    clock.beginSettle();
    clock.beginSettle();
    const during = clock.settling;
    clock.endSettle();
    clock.endSettle();

    // Assert
    expect(during).toBe(2);
    expect(clock.settling).toBe(0);
  });

  describe('with a tie-break stream', () => {
    function fireOrder(seed: number): number[] {
      const stream = createRandom(seed).stream('tie-order');
      const clock = new VirtualClock(() => stream.nextFloat());
      const fired: number[] = [];
      for (let i = 0; i < 8; i++) clock.scheduleAt(ms(3), () => fired.push(i));
      fireAll(clock);
      return fired;
    }

    it('shuffles timers due at the same instant and priority', () => {
      // Arrange
      const fifo = [0, 1, 2, 3, 4, 5, 6, 7];

      // Act
      const orders = [1, 2, 3, 4, 5].map(fireOrder);

      // Assert
      for (const order of orders) expect([...order].sort((a, b) => a - b)).toEqual(fifo);
      expect(orders.some((order) => order.join() !== fifo.join())).toBe(true);
    });

    it('shuffles the same way for the same seed', () => {
      // Arrange
      const seed = 20261127;

      // Act
      const first = fireOrder(seed);
      const second = fireOrder(seed);

      // Assert
      expect(second).toEqual(first);
    });

    it('still orders by time, then priority', () => {
      // Arrange
      const stream = createRandom(7).stream('tie-order');
      const clock = new VirtualClock(() => stream.nextFloat());
      const fired: string[] = [];
      const plan = [
        [2, TimerPriority.arrival],
        [1, TimerPriority.arrival],
        [2, TimerPriority.control],
        [1, TimerPriority.normal],
        [2, TimerPriority.normal],
        [1, TimerPriority.control],
      ] as const;
      for (const [atMs, priority] of plan) {
        clock.scheduleAt(ms(atMs), () => fired.push(`${atMs}/${priority}`), priority);
      }

      // Act
      fireAll(clock);

      // Assert
      expect(fired).toEqual(['1/0', '1/1', '1/2', '2/0', '2/1', '2/2']);
    });

    it('keeps scheduling order when the stream always draws the same value', () => {
      // Arrange
      const clock = new VirtualClock(() => 0.5);
      const fired: number[] = [];
      for (let i = 0; i < 5; i++) clock.scheduleAt(ms(1), () => fired.push(i));

      // Act
      fireAll(clock);

      // Assert
      expect(fired).toEqual([0, 1, 2, 3, 4]);
    });
  });

  it('runs work deferred to the end of a step when the step ends, in order, without microtasks', () => {
    // Arrange
    const clock = new VirtualClock();
    const order: string[] = [];
    clock.scheduleIn(ms(1), () => {
      clock.atStepEnd(() => order.push('first'));
      clock.atStepEnd(() => {
        order.push('second');
        clock.atStepEnd(() => order.push('deferred by the second'));
      });
      order.push('callback');
    });

    // Act
    clock.fireNext();
    const quietAfterStep = clock.quiet;
    order.push('step fired');
    clock.endStep();

    // Assert
    expect(quietAfterStep).toBe(true);
    expect(order).toEqual(['callback', 'step fired', 'first', 'second', 'deferred by the second']);
    expect(clock.settling).toBe(0);
  });

  it('moves deferred work to two microtask turns, counted as settling, once promise work is flagged', async () => {
    // Arrange
    const clock = new VirtualClock();
    const order: string[] = [];
    clock.atStepEnd(() => order.push('freed'));
    clock.notePromisesSettling();
    void Promise.resolve().then(() => order.push('policy, one turn'));

    // Act
    const quiet = clock.quiet;
    clock.endStep();
    const ranAtStepEnd = [...order];
    const settlingAtStepEnd = clock.settling;
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();

    // Assert
    expect(quiet).toBe(false);
    expect(ranAtStepEnd).toEqual([]);
    expect(settlingAtStepEnd).toBe(1);
    expect(order).toEqual(['policy, one turn', 'freed']);
    expect(clock.settling).toBe(0);
  });
});
