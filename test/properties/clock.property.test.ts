// Properties of the virtual clock (STYLE rules 29, 37): for random schedules, including
// timers scheduled from inside callbacks, time never goes back and timers due at the same
// instant run in (priority, sequence) order. Checked against a naive reference model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms } from '../../src/core/millis.js';
import { createRandom } from '../../src/core/prng.js';
import { VirtualClock } from '../../src/core/virtual-clock.js';

const seed = 20261127;

interface PlannedTimer {
  readonly delayMs: number;
  readonly priority: number;
  readonly children: readonly PlannedTimer[];
}

interface Fired {
  readonly label: string;
  readonly atMs: number;
  readonly priority: number;
}

const delayArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 20 }),
  fc.double({
    min: 0,
    max: 5,
    noNaN: true,
  }),
);
const priorityArb = fc.integer({ min: 0, max: 2 });

const flatArb: fc.Arbitrary<PlannedTimer> = fc.record({
  delayMs: delayArb,
  priority: priorityArb,
  children: fc.constant([]),
});

function treeOf(depth: number): fc.Arbitrary<PlannedTimer> {
  return fc.record({
    delayMs: delayArb,
    priority: priorityArb,
    children: depth === 0 ? fc.constant([]) : fc.array(treeOf(depth - 1), { maxLength: 3 }),
  });
}

/** Timers whose callbacks schedule further timers, three levels deep. */
const treeArb = treeOf(3);

interface ClockRun {
  readonly fired: readonly Fired[];
  /** Timers that fired while a timer scheduled earlier and ordered before them was pending. */
  readonly overtaken: readonly string[];
}

/**
 * Runs the plan on a VirtualClock, recording each firing with the clock's time, and which
 * timers fired while an earlier-ordered (time, priority, sequence) timer was still waiting.
 */
function runOnClock(plan: readonly PlannedTimer[], clock = new VirtualClock()): ClockRun {
  const fired: Fired[] = [];
  const overtaken: string[] = [];
  const waiting = new Map<string, readonly [number, number, number]>();
  let seq = 0;
  const precedes = (a: readonly number[], b: readonly number[]) =>
    (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0);
  const schedule = (timer: PlannedTimer, label: string) => {
    const handle = clock.scheduleIn(
      ms(timer.delayMs),
      () => {
        const own = waiting.get(label) ?? [0, 0, 0];
        waiting.delete(label);
        if ([...waiting.values()].some((other) => precedes(other, own) < 0)) overtaken.push(label);
        fired.push({ label, atMs: clock.now(), priority: timer.priority });
        timer.children.forEach((child, i) => schedule(child, `${label}.${i}`));
      },
      timer.priority,
    );
    waiting.set(label, [handle.atMs, timer.priority, seq++]);
  };
  plan.forEach((timer, i) => schedule(timer, String(i)));
  while (clock.fireNext()) {
    // fire everything
  }
  return { fired, overtaken };
}

/** The same plan on a sorted list: the order the clock must follow. */
function runOnReference(plan: readonly PlannedTimer[]): Fired[] {
  interface Entry {
    readonly atMs: number;
    readonly priority: number;
    readonly seq: number;
    readonly label: string;
    readonly timer: PlannedTimer;
  }
  const pending: Entry[] = [];
  const fired: Fired[] = [];
  let seq = 0;
  let now = 0;
  const schedule = (timer: PlannedTimer, label: string) => {
    pending.push({ atMs: now + timer.delayMs, priority: timer.priority, seq: seq++, label, timer });
  };
  plan.forEach((timer, i) => schedule(timer, String(i)));
  while (pending.length > 0) {
    pending.sort((a, b) => a.atMs - b.atMs || a.priority - b.priority || a.seq - b.seq);
    const next = pending.shift();
    if (next === undefined) break;
    now = next.atMs;
    fired.push({ label: next.label, atMs: next.atMs, priority: next.priority });
    next.timer.children.forEach((child, i) => schedule(child, `${next.label}.${i}`));
  }
  return fired;
}

function countTimers(plan: readonly PlannedTimer[]): number {
  return plan.reduce((sum, timer) => sum + 1 + countTimers(timer.children), 0);
}

function neverGoesBack(fired: readonly Fired[]): boolean {
  return fired.every((f, i) => i === 0 || (fired[i - 1]?.atMs ?? 0) <= f.atMs);
}

describe(`VirtualClock (fast-check seed ${seed})`, () => {
  it('never goes back for a random flat schedule', () => {
    fc.assert(
      fc.property(fc.array(flatArb, { maxLength: 60 }), (plan) => {
        // Arrange / Act
        const { fired } = runOnClock(plan);

        // Assert
        expect(fired).toHaveLength(plan.length);
        expect(neverGoesBack(fired)).toBe(true);
      }),
      { seed },
    );
  });

  it('fires a random flat schedule in (time, priority, sequence) order', () => {
    fc.assert(
      fc.property(fc.array(flatArb, { maxLength: 60 }), (plan) => {
        // Arrange / Act
        const { fired } = runOnClock(plan);

        // Assert
        expect(fired).toEqual(runOnReference(plan));
      }),
      { seed },
    );
  });

  it('keeps that order when callbacks schedule further timers', () => {
    fc.assert(
      fc.property(fc.array(treeArb, { maxLength: 8 }), (plan) => {
        // Arrange / Act
        const { fired } = runOnClock(plan);

        // Assert
        expect(neverGoesBack(fired)).toBe(true);
        expect(fired).toEqual(runOnReference(plan));
      }),
      { seed },
    );
  });

  it('runs ties at one instant in (priority, sequence) order under any nesting', () => {
    fc.assert(
      fc.property(fc.array(treeArb, { maxLength: 8 }), (plan) => {
        // Arrange / Act
        const { fired, overtaken } = runOnClock(plan);

        // Assert: no timer fired while one ordered before it was waiting.
        expect(overtaken).toEqual([]);
        expect(fired).toHaveLength(countTimers(plan));
      }),
      { seed },
    );
  });

  it('refuses any instant before now and stays where it is', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (a, b) => {
          fc.pre(a !== b);
          // Arrange
          const [earlierMs, startMs] = a < b ? [a, b] : [b, a];
          const clock = new VirtualClock();
          clock.scheduleAt(ms(startMs), () => undefined);
          clock.fireNext();

          // Act
          const act = () => clock.scheduleAt(ms(earlierMs), () => undefined);

          // Assert
          expect(act).toThrow(RangeError);
          expect(clock.now()).toBe(startMs);
          expect(clock.nextAt()).toBeUndefined();
        },
      ),
      { seed },
    );
  });

  it('keeps time and priority order, and replays exactly, with shuffled ties', () => {
    fc.assert(
      fc.property(fc.array(treeArb, { maxLength: 8 }), fc.integer(), (plan, tieSeed) => {
        // Arrange
        const shuffledClock = () => {
          const stream = createRandom(tieSeed).stream('tie-order');
          return new VirtualClock(() => stream.nextFloat());
        };

        // Act
        const first = runOnClock(plan, shuffledClock()).fired;
        const second = runOnClock(plan, shuffledClock()).fired;

        // Assert
        expect(second).toEqual(first);
        expect(neverGoesBack(first)).toBe(true);
        expect(first.map((f) => f.label).sort()).toEqual(
          runOnReference(plan)
            .map((f) => f.label)
            .sort(),
        );
      }),
      { seed },
    );
  });
});
