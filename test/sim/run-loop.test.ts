// The run loop (STYLE §5.5, rule 27): fires timers until the run is done, names a passed
// horizon and a stall, and hops the event loop only when promise work was flagged.
import { describe, expect, it } from 'vitest';
import { ms } from '../../src/core/millis.js';
import { VirtualClock } from '../../src/core/virtual-clock.js';
import { HorizonExceededError } from '../../src/errors/horizon-exceeded-error.js';
import { LivelockError } from '../../src/errors/livelock-error.js';
import { SimulationStalledError } from '../../src/errors/simulation-stalled-error.js';
import { LIVELOCK_REPEATS, runLoop } from '../../src/sim/run-loop.js';

describe('runLoop', () => {
  it('fires timers until the run is done and leaves the rest', async () => {
    // Arrange
    const clock = new VirtualClock();
    const fired: number[] = [];
    for (const atMs of [1, 2, 3, 4, 5]) {
      clock.scheduleAt(ms(atMs), () => fired.push(atMs));
    }

    // Act
    const stats = await runLoop({
      clock,
      isDone: () => fired.length === 3,
      open: () => 5 - fired.length,
      horizonMs: 1000,
      progress: () => clock.steps,
    });

    // Assert
    expect(fired).toEqual([1, 2, 3]);
    expect(stats).toEqual({ steps: 3, hops: 0 });
    expect(clock.nextAt()).toBe(4);
  });

  it('fires nothing when the run is done from the start', async () => {
    // Arrange
    const clock = new VirtualClock();
    clock.scheduleAt(ms(1), () => undefined);

    // Act
    const stats = await runLoop({
      clock,
      isDone: () => true,
      open: () => 0,
      horizonMs: 10,
      progress: () => clock.steps,
    });

    // Assert
    expect(stats).toEqual({ steps: 0, hops: 0 });
  });

  it('fires a timer due exactly at the horizon', async () => {
    // Arrange
    const clock = new VirtualClock();
    let done = false;
    clock.scheduleAt(ms(100), () => {
      done = true;
    });

    // Act
    const stats = await runLoop({
      clock,
      isDone: () => done,
      open: () => 1,
      horizonMs: 100,
      progress: () => clock.steps,
    });

    // Assert
    expect(stats.steps).toBe(1);
    expect(clock.now()).toBe(100);
  });

  it('throws HorizonExceededError with the figures when the next timer is past the horizon', async () => {
    // Arrange
    const clock = new VirtualClock();
    clock.scheduleAt(ms(20), () => undefined);
    clock.scheduleAt(ms(50), () => undefined);
    clock.scheduleAt(ms(150), () => undefined);

    // Act
    const run = runLoop({
      clock,
      isDone: () => false,
      open: () => 3,
      horizonMs: 100,
      progress: () => clock.steps,
    });

    // Assert
    await expect(run).rejects.toBeInstanceOf(HorizonExceededError);
    await expect(run).rejects.toMatchObject({
      code: 'sim.horizon-exceeded',
      atMs: 50,
      steps: 2,
      open: 3,
      horizonMs: 100,
      nextAtMs: 150,
      message:
        'The run passed its horizon of 100 ms: the next timer was due at 150 ms, and at 50 ms of virtual time, after 2 steps, 3 sessions or requests had no outcome (raise horizonMs for a longer run)',
    });
    expect(clock.now()).toBe(50);
  });

  it('gives the instants of a stop to the microsecond, as traces write them', async () => {
    // A sum of sampled durations: the message said 1978.7169999999999 ms beside a trace's
    // 1978.717 (user report).
    const clock = new VirtualClock();
    clock.scheduleAt(ms(0.1 + 0.2), () => undefined);
    clock.scheduleAt(ms(100.1 + 0.2), () => undefined);
    const stalled = new VirtualClock();
    stalled.scheduleAt(ms(0.1 + 0.2), () => undefined);

    const passed = runLoop({
      clock,
      isDone: () => false,
      open: () => 1,
      horizonMs: 100,
      progress: () => clock.steps,
    });
    const stall = runLoop({
      clock: stalled,
      isDone: () => false,
      open: () => 1,
      horizonMs: 100,
      progress: () => stalled.steps,
    });

    const [horizon, stalledAt] = await Promise.all([
      passed.catch((error: unknown) => error),
      stall.catch((error: unknown) => error),
    ]);
    expect(horizon).toMatchObject({ atMs: 0.3, nextAtMs: 100.3 });
    expect(String(horizon)).toContain('the next timer was due at 100.3 ms, and at 0.3 ms of');
    expect(stalledAt).toMatchObject({ atMs: 0.3 });
    expect(String(stalledAt)).toContain('stalled at 0.3 ms of virtual time');
  });

  it('throws SimulationStalledError when nothing is scheduled but work is open', async () => {
    // Arrange
    const clock = new VirtualClock();
    clock.scheduleAt(ms(7), () => undefined);

    // Act
    const run = runLoop({
      clock,
      isDone: () => false,
      open: () => 2,
      horizonMs: 100,
      progress: () => clock.steps,
    });

    // Assert
    await expect(run).rejects.toBeInstanceOf(SimulationStalledError);
    await expect(run).rejects.toMatchObject({
      code: 'sim.stalled',
      atMs: 7,
      steps: 1,
      open: 2,
    });
  });

  it('counts only live timers: a run whose timers were all cancelled stalls', async () => {
    // Arrange
    const clock = new VirtualClock();
    clock.cancel(clock.scheduleAt(ms(3), () => undefined));

    // Act
    const run = runLoop({
      clock,
      isDone: () => false,
      open: () => 1,
      horizonMs: 100,
      progress: () => clock.steps,
    });

    // Assert
    await expect(run).rejects.toMatchObject({ code: 'sim.stalled', atMs: 0, steps: 0 });
  });

  it('makes no hop for plain timers', async () => {
    // Arrange
    const clock = new VirtualClock();
    let fired = 0;
    for (let i = 1; i <= 10; i++) clock.scheduleAt(ms(i), () => fired++);

    // Act
    const stats = await runLoop({
      clock,
      isDone: () => fired === 10,
      open: () => 0,
      horizonMs: 100,
      progress: () => clock.steps,
    });

    // Assert
    expect(stats).toEqual({ steps: 10, hops: 0 });
  });

  it('hops once for each step that flagged promise work', async () => {
    // Arrange
    const clock = new VirtualClock();
    let fired = 0;
    for (let i = 1; i <= 6; i++) {
      clock.scheduleAt(ms(i), () => {
        fired++;
        if (i % 2 === 0) clock.notePromisesSettling();
      });
    }

    // Act
    const stats = await runLoop({
      clock,
      isDone: () => fired === 6,
      open: () => 0,
      horizonMs: 100,
      progress: () => clock.steps,
    });

    // Assert
    expect(stats).toEqual({ steps: 6, hops: 3 });
  });

  it('lets counted promise work settle before the next timer, without a hop', async () => {
    // Arrange
    const clock = new VirtualClock();
    const log: string[] = [];
    clock.scheduleAt(ms(1), () => {
      log.push('timer 1');
      clock.beginSettle();
      void Promise.resolve()
        .then(() => undefined)
        .then(() => {
          log.push('settled');
          clock.endSettle();
        });
    });
    clock.scheduleAt(ms(1), () => log.push('timer 2'));

    // Act
    const stats = await runLoop({
      clock,
      isDone: () => log.length === 3,
      open: () => 0,
      horizonMs: 100,
      progress: () => clock.steps,
    });

    // Assert
    expect(log).toEqual(['timer 1', 'settled', 'timer 2']);
    expect(stats).toEqual({ steps: 2, hops: 0 });
  });

  it('lets a sleep-based async chain run before later timers', async () => {
    // Arrange
    const clock = new VirtualClock();
    const log: string[] = [];
    const note = (what: string) => log.push(`${what}@${clock.now()}`);
    async function chain(): Promise<void> {
      note('chain start');
      await clock.sleep(ms(10));
      note('chain woke');
      await clock.sleep(ms(10));
      note('chain end');
    }
    for (const atMs of [5, 15, 20, 25]) clock.scheduleAt(ms(atMs), () => note('timer'));
    const chainDone = chain();

    // Act
    const stats = await runLoop({
      clock,
      isDone: () => log.length === 7,
      open: () => 7 - log.length,
      horizonMs: 100,
      progress: () => clock.steps,
    });
    await chainDone;

    // Assert: the timer at 20 was scheduled before the chain's second sleep, so it runs first.
    expect(log).toEqual([
      'chain start@0',
      'timer@5',
      'chain woke@10',
      'timer@15',
      'timer@20',
      'chain end@20',
      'timer@25',
    ]);
    expect(stats).toEqual({ steps: 6, hops: 2 });
  });

  it('interleaves two sleeping chains in wake-up order', async () => {
    // Arrange
    const clock = new VirtualClock();
    const log: string[] = [];
    async function sleeper(name: string, delays: readonly number[]): Promise<void> {
      for (const delay of delays) {
        await clock.sleep(ms(delay));
        log.push(`${name}@${clock.now()}`);
      }
    }
    const chains = Promise.all([sleeper('a', [3, 3, 3]), sleeper('b', [2, 5])]);

    // Act
    await runLoop({
      clock,
      isDone: () => log.length === 5,
      open: () => 1,
      horizonMs: 100,
      progress: () => clock.steps,
    });
    await chains;

    // Assert
    expect(log).toEqual(['b@2', 'a@3', 'a@6', 'b@7', 'a@9']);
  });

  it('calls onProgress every 4096 steps', async () => {
    // Arrange
    const clock = new VirtualClock();
    let fired = 0;
    for (let i = 0; i < 10_000; i++) clock.scheduleAt(ms(i), () => fired++);
    const progress: number[] = [];

    // Act
    await runLoop({
      clock,
      isDone: () => fired === 10_000,
      open: () => 0,
      horizonMs: 1e9,
      progress: () => clock.steps,
      onProgress: () => progress.push(clock.steps),
    });

    // Assert
    expect(progress).toEqual([4096, 8192]);
  });

  it('stops a timer that re-arms itself at the same instant with a livelock naming its owner', async () => {
    // Arrange: the shape of the old idle-timer bug, a timer re-armed at its own instant.
    const clock = new VirtualClock();
    const rearm = (): void => {
      clock.scheduleAt(clock.now(), rearm, 0, 'idle-timeout');
    };
    clock.scheduleAt(ms(5), rearm, 0, 'idle-timeout');

    // Act
    const run = runLoop({
      clock,
      isDone: () => false,
      open: () => 1,
      horizonMs: 1000,
      progress: () => 0,
    });

    // Assert
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LivelockError);
    expect(error).toMatchObject({
      code: 'sim.livelock',
      owner: 'idle-timeout',
      atMs: 5,
      open: 1,
      repeats: LIVELOCK_REPEATS,
    });
  });

  it.for([
    { code: 'sim.horizon-exceeded', steps: 2, hops: 1 },
    { code: 'sim.stalled', steps: 2, hops: 1 },
    { code: 'sim.livelock', steps: 2 + LIVELOCK_REPEATS, hops: 1 },
  ] as const)(
    'tells onStop of a $code with the error it throws and how far the run got',
    async ({ code, steps, hops }) => {
      // Arrange: a timer with promise work, one more; then a timer past the horizon, nothing,
      // or one that re-arms itself at its own instant.
      const clock = new VirtualClock();
      clock.scheduleAt(ms(1), () => clock.notePromisesSettling());
      clock.scheduleAt(ms(2), () => {
        if (code === 'sim.horizon-exceeded') clock.scheduleAt(ms(500), () => undefined);
        if (code !== 'sim.livelock') return;
        const rearm = (): void => {
          clock.scheduleAt(clock.now(), rearm, 0, 'rearm');
        };
        rearm();
      });
      const stops: unknown[] = [];

      // Act
      const error = await runLoop({
        clock,
        isDone: () => false,
        open: () => 1,
        horizonMs: 100,
        progress: () => 0,
        onStop: (stop) => stops.push(stop),
      }).catch((e: unknown) => e);

      // Assert
      expect(stops).toEqual([{ code, error, steps, hops }]);
      expect((stops[0] as { error: unknown }).error).toBe(error);
      expect(error).toMatchObject({ code });
    },
  );

  it('lets many timers fire at one instant while each makes progress', async () => {
    // Arrange: 250,000 arrivals at time 0 are a burst, not a livelock.
    const clock = new VirtualClock();
    let arrived = 0;
    for (let i = 0; i < 250_000; i++) clock.scheduleAt(ms(0), () => arrived++, 2, 'arrival');

    // Act
    await runLoop({
      clock,
      isDone: () => arrived === 250_000,
      open: () => 250_000 - arrived,
      horizonMs: 10,
      progress: () => arrived,
    });

    // Assert
    expect(arrived).toBe(250_000);
  });

  it('stops promise work that never settles with a livelock', async () => {
    // Arrange: counted promise work begins and never ends (a p-queue completion that never
    // comes), so the loop would spin and hop forever.
    const clock = new VirtualClock();
    clock.scheduleAt(ms(1), () => clock.beginSettle());

    // Act
    const error = await runLoop({
      clock,
      isDone: () => false,
      open: () => 1,
      horizonMs: 1000,
      progress: () => 0,
    }).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(LivelockError);
    expect(error).toMatchObject({
      owner: 'promise work (p-queue or a client policy)',
      atMs: 1,
      repeats: LIVELOCK_REPEATS,
    });
  });

  it('lets a few timers fire at one instant even when nothing happens', async () => {
    // Arrange: the guard only looks at progress after LIVELOCK_REPEATS steps at one instant.
    const clock = new VirtualClock();
    let fired = 0;
    for (let i = 0; i < 3; i++) clock.scheduleAt(ms(5), () => fired++);

    // Act
    const stats = await runLoop({
      clock,
      isDone: () => fired === 3,
      open: () => 3 - fired,
      horizonMs: 10,
      progress: () => 0,
    });

    // Assert
    expect(stats.steps).toBe(3);
  });

  it('does not call a timer that re-arms itself at later instants a livelock, even with nothing happening', async () => {
    // Arrange: a heartbeat every ms, more often than LIVELOCK_REPEATS; time moves, so it is
    // not stuck, however little it does.
    const clock = new VirtualClock();
    const beats = LIVELOCK_REPEATS + 10;
    let fired = 0;
    const beat = (): void => {
      fired++;
      clock.scheduleIn(ms(1), beat, 0, 'heartbeat');
    };
    clock.scheduleAt(ms(1), beat, 0, 'heartbeat');

    // Act
    const stats = await runLoop({
      clock,
      isDone: () => fired === beats,
      open: () => 1,
      horizonMs: 1e9,
      progress: () => 0,
    });

    // Assert
    expect(stats.steps).toBe(beats);
    expect(clock.now()).toBe(beats);
  });

  it('lets promise work hop more than LIVELOCK_REPEATS times while it makes progress', async () => {
    // Arrange: counted promise work that waits on the event loop (like a client policy doing
    // I/O) many times, and counts each turn as progress.
    const clock = new VirtualClock();
    const turns = LIVELOCK_REPEATS + 20_000;
    let done = 0;
    clock.scheduleAt(ms(1), () => {
      clock.beginSettle();
      void (async () => {
        while (done < turns) {
          await new Promise((resolve) => setImmediate(resolve));
          done++;
        }
        clock.endSettle();
      })();
    });

    // Act
    const stats = await runLoop({
      clock,
      isDone: () => done === turns,
      open: () => 1,
      horizonMs: 10,
      progress: () => done,
    });

    // Assert
    expect(done).toBe(turns);
    expect(stats.hops).toBeGreaterThan(LIVELOCK_REPEATS);
  });

  it('calls onStep after every step', async () => {
    // Arrange
    const clock = new VirtualClock();
    const log: string[] = [];
    for (const atMs of [1, 2, 3]) clock.scheduleAt(ms(atMs), () => log.push(`timer@${atMs}`));

    // Act
    await runLoop({
      clock,
      isDone: () => clock.steps === 3,
      open: () => 0,
      horizonMs: 10,
      progress: () => clock.steps,
      onStep: () => {
        log.push(`step ${clock.steps}`);
        return undefined;
      },
    });

    // Assert
    expect(log).toEqual(['timer@1', 'step 1', 'timer@2', 'step 2', 'timer@3', 'step 3']);
  });

  it('waits for the promise onStep returns before the next step', async () => {
    // Arrange: onStep's promise settles a few microtask turns later (a slow output).
    const clock = new VirtualClock();
    const log: string[] = [];
    for (const atMs of [1, 2]) clock.scheduleAt(ms(atMs), () => log.push(`timer@${atMs}`));

    // Act
    await runLoop({
      clock,
      isDone: () => clock.steps === 2,
      open: () => 0,
      horizonMs: 10,
      progress: () => clock.steps,
      onStep: () =>
        Promise.resolve()
          .then(() => undefined)
          .then(() => {
            log.push(`drained ${clock.steps}`);
          }),
    });

    // Assert
    expect(log).toEqual(['timer@1', 'drained 1', 'timer@2', 'drained 2']);
  });

  it('stops with the reason when the promise onStep returns rejects', async () => {
    // Arrange
    const clock = new VirtualClock();
    let fired = 0;
    for (const atMs of [1, 2, 3]) clock.scheduleAt(ms(atMs), () => fired++);

    // Act
    const error = await runLoop({
      clock,
      isDone: () => fired === 3,
      open: () => 3 - fired,
      horizonMs: 10,
      progress: () => clock.steps,
      onStep: () => (fired === 2 ? Promise.reject(new Error('interrupted')) : undefined),
    }).catch((e: unknown) => e);

    // Assert
    expect((error as Error).message).toBe('interrupted');
    expect(fired).toBe(2);
  });

  it('goes on to the next step at once when onStep returns nothing', async () => {
    // Arrange: a microtask nobody told the loop about runs only when the loop yields.
    const clock = new VirtualClock();
    const log: string[] = [];
    clock.scheduleAt(ms(1), () => {
      log.push('timer@1');
      queueMicrotask(() => log.push('microtask'));
    });
    clock.scheduleAt(ms(2), () => log.push('timer@2'));

    // Act
    await runLoop({
      clock,
      isDone: () => clock.steps === 2,
      open: () => 0,
      horizonMs: 10,
      progress: () => clock.steps,
      onStep: () => undefined,
    });

    // Assert
    expect(log).toEqual(['timer@1', 'timer@2', 'microtask']);
  });

  it('waits for a thenable onStep returns that is not a Promise, and ignores what it resolves to', async () => {
    // Arrange: events.once() resolves to an array; a hand-made thenable is not a Promise.
    const clock = new VirtualClock();
    const log: string[] = [];
    for (const atMs of [1, 2]) clock.scheduleAt(ms(atMs), () => log.push(`timer@${atMs}`));
    const drained = (): PromiseLike<string[]> => {
      const settled = Promise.resolve()
        .then(() => undefined)
        .then(() => {
          log.push(`drained ${clock.steps}`);
          return ['drain'];
        });
      return { then: (onFulfilled, onRejected) => settled.then(onFulfilled, onRejected) };
    };

    // Act
    await runLoop({
      clock,
      isDone: () => clock.steps === 2,
      open: () => 0,
      horizonMs: 10,
      progress: () => clock.steps,
      onStep: drained,
    });

    // Assert
    expect(log).toEqual(['timer@1', 'drained 1', 'timer@2', 'drained 2']);
  });

  it('goes on to the next step at once when a void onStep returns a value that is not a thenable', async () => {
    // Arrange: a function typed `(): void` may still return something, here a number.
    const clock = new VirtualClock();
    const log: string[] = [];
    clock.scheduleAt(ms(1), () => {
      log.push('timer@1');
      queueMicrotask(() => log.push('microtask'));
    });
    clock.scheduleAt(ms(2), () => log.push('timer@2'));
    const count = (): number => log.length;
    const onStep: () => void = count;

    // Act
    await runLoop({
      clock,
      isDone: () => clock.steps === 2,
      open: () => 0,
      horizonMs: 10,
      progress: () => clock.steps,
      onStep,
    });

    // Assert
    expect(log).toEqual(['timer@1', 'timer@2', 'microtask']);
  });

  it('rethrows an error recorded by promise work instead of reporting a stall', async () => {
    // Arrange: a p-queue task threw where no caller could catch it.
    const clock = new VirtualClock();
    clock.scheduleAt(ms(1), () => {
      clock.beginSettle();
      void Promise.resolve().then(() => clock.fail(new RangeError('thrown inside a task')));
    });

    // Act
    const error = await runLoop({
      clock,
      isDone: () => false,
      open: () => 1,
      horizonMs: 1000,
      progress: () => clock.steps,
    }).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(RangeError);
    expect((error as RangeError).message).toBe('thrown inside a task');
  });
});
