// Seeded randomness (STYLE rule 30): one seed, named streams that depend only on (seed, name).
import { describe, expect, it } from 'vitest';
import { createRandom, type RandomStream } from '../../src/core/prng.js';

function floats(stream: RandomStream, count = 8): number[] {
  return Array.from({ length: count }, () => stream.nextFloat());
}

describe('createRandom', () => {
  it('gives the same draws for the same seed', () => {
    // Arrange
    const first = createRandom(42).stream('arrivals');
    const second = createRandom(42).stream('arrivals');

    // Act
    const a = [...floats(first), first.nextInt(1, 100), first.chance(0.5)];
    const b = [...floats(second), second.nextInt(1, 100), second.chance(0.5)];

    // Assert
    expect(b).toEqual(a);
  });

  it('gives different draws for different seeds', () => {
    // Arrange
    const first = createRandom(1).stream('arrivals');
    const second = createRandom(2).stream('arrivals');

    // Act
    const a = floats(first);
    const b = floats(second);

    // Assert
    expect(b).not.toEqual(a);
  });

  it('keeps its seed', () => {
    // Arrange
    const seed = 20261127;

    // Act
    const random = createRandom(seed);

    // Assert
    expect(random.seed).toBe(seed);
  });

  it.each([
    { label: 'a fraction', seed: 1.5 },
    { label: 'NaN', seed: Number.NaN },
    { label: 'Infinity', seed: Number.POSITIVE_INFINITY },
    { label: 'an unsafe integer', seed: 2 ** 53 },
  ])('refuses $label as a seed with a RangeError', ({ seed }) => {
    // Arrange
    const act = () => createRandom(seed);

    // Act / Assert
    expect(act).toThrow(RangeError);
  });

  it('gives each stream its own draws', () => {
    // Arrange
    const random = createRandom(7);

    // Act
    const arrivals = floats(random.stream('arrivals'));
    const faults = floats(random.stream('faults'));

    // Assert
    expect(faults).not.toEqual(arrivals);
  });

  it('gives a stream the same draws whatever order the streams were created in', () => {
    // Arrange
    const one = createRandom(7);
    const two = createRandom(7);

    // Act
    const faultsFirst = one.stream('faults');
    const arrivalsSecond = one.stream('arrivals');
    const arrivalsFirst = two.stream('arrivals');
    const faultsSecond = two.stream('faults');

    // Assert
    expect(floats(arrivalsSecond)).toEqual(floats(arrivalsFirst));
    expect(floats(faultsFirst)).toEqual(floats(faultsSecond));
  });

  it('leaves a stream unaffected by draws from another stream', () => {
    // Arrange
    const random = createRandom(7);
    const arrivals = random.stream('arrivals');
    const faults = random.stream('faults');
    const undisturbed = floats(createRandom(7).stream('arrivals'), 6);

    // Act
    const interleaved: number[] = [];
    for (let i = 0; i < 6; i++) {
      interleaved.push(arrivals.nextFloat());
      faults.nextFloat();
      faults.nextInt(0, 10);
    }

    // Assert
    expect(interleaved).toEqual(undisturbed);
  });

  it('gives a second stream of the same name the same draws as the first', () => {
    // Arrange
    const random = createRandom(3);
    const first = random.stream('workers');
    first.nextFloat();

    // Act
    const second = random.stream('workers');

    // Assert
    expect(floats(second, 4)).toEqual(floats(createRandom(3).stream('workers'), 4));
  });
});

describe('RandomStream', () => {
  it('draws floats in [0, 1)', () => {
    // Arrange
    const stream = createRandom(11).stream('arrivals');

    // Act
    const draws = floats(stream, 10_000);

    // Assert
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });

  it('draws integers in [min, max], both ends included', () => {
    // Arrange
    const stream = createRandom(11).stream('workers');

    // Act
    const draws = Array.from({ length: 2000 }, () => stream.nextInt(3, 6));

    // Assert
    expect(new Set(draws)).toEqual(new Set([3, 4, 5, 6]));
  });

  it('never succeeds with chance(0) and always succeeds with chance(1)', () => {
    // Arrange
    const stream = createRandom(5).stream('faults');

    // Act
    const zero = Array.from({ length: 10_000 }, () => stream.chance(0));
    const one = Array.from({ length: 10_000 }, () => stream.chance(1));

    // Assert
    expect(zero.some(Boolean)).toBe(false);
    expect(one.every(Boolean)).toBe(true);
  });

  it('succeeds with chance(p) about p of the time', () => {
    // Arrange
    const stream = createRandom(5).stream('faults');

    // Act
    const hits = Array.from({ length: 20_000 }, () => stream.chance(0.25)).filter(Boolean).length;

    // Assert
    expect(hits / 20_000).toBeCloseTo(0.25, 1);
  });

  it('consumes a draw on every chance call, whatever the probability', () => {
    // Arrange
    const stream = createRandom(5).stream('faults');
    const reference = floats(createRandom(5).stream('faults'), 3);

    // Act
    stream.chance(0);
    stream.chance(1);
    const third = stream.nextFloat();

    // Assert
    expect(third).toBe(reference[2]);
  });

  it('names a fork after its parent', () => {
    // Arrange
    const faults = createRandom(1).stream('faults');

    // Act
    const child = faults.fork('2');

    // Assert
    expect([faults.name, child.name, child.fork('x').name]).toEqual([
      'faults',
      'faults/2',
      'faults/2/x',
    ]);
  });

  it('forks the same child draws every time, whatever the parent drew', () => {
    // Arrange
    const parent = createRandom(9).stream('faults');
    const before = floats(parent.fork('rule-1'));

    // Act
    floats(parent, 100);
    const after = floats(parent.fork('rule-1'));

    // Assert
    expect(after).toEqual(before);
  });

  it('forks children independent of their parent and of each other', () => {
    // Arrange
    const parent = createRandom(9).stream('faults');

    // Act
    const one = floats(parent.fork('rule-1'));
    const two = floats(parent.fork('rule-2'));
    const own = floats(createRandom(9).stream('faults'));

    // Assert
    expect(one).not.toEqual(two);
    expect(one).not.toEqual(own);
    expect(two).not.toEqual(own);
  });

  it('leaves the parent unaffected by a fork', () => {
    // Arrange
    const parent = createRandom(9).stream('faults');
    const reference = floats(createRandom(9).stream('faults'));

    // Act
    floats(parent.fork('child'), 50);
    const draws = floats(parent);

    // Assert
    expect(draws).toEqual(reference);
  });
});
