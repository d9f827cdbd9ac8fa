// Properties of the seeded streams (STYLE rules 30, 37): a (seed, name) pair always gives the
// same draws, whatever else was drawn; different names give different draws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, type RandomStream } from '../../src/core/prng.js';

const seed = 20261127;

const seedArb = fc.integer({ min: 0, max: 0xffffffff });
const nameArb = fc.oneof(
  fc.constantFrom('arrivals', 'preamble', 'routing', 'faults', 'workers', 'clients', 'tie-order'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

/** A mix of every kind of draw, so that each method is covered. */
function draws(stream: RandomStream, count = 6): (number | boolean)[] {
  const out: (number | boolean)[] = [];
  for (let i = 0; i < count; i++) {
    out.push(stream.nextFloat(), stream.nextInt(-1000, 1000), stream.chance(0.5));
  }
  return out;
}

function floats(stream: RandomStream): number[] {
  return Array.from({ length: 4 }, () => stream.nextFloat());
}

describe(`createRandom (fast-check seed ${seed})`, () => {
  it('gives the same draws for the same seed, from every stream name', () => {
    fc.assert(
      fc.property(seedArb, nameArb, (runSeed, name) => {
        // Arrange
        const first = createRandom(runSeed).stream(name);
        const second = createRandom(runSeed).stream(name);

        // Act
        const a = draws(first);
        const b = draws(second);

        // Assert
        expect(b).toEqual(a);
      }),
      { seed },
    );
  });

  it('gives a stream the same draws whatever other streams were created and drawn first', () => {
    fc.assert(
      fc.property(
        seedArb,
        nameArb,
        fc.array(nameArb, { maxLength: 5 }),
        (runSeed, name, others) => {
          // Arrange
          const random = createRandom(runSeed);
          for (const other of others) draws(random.stream(other), 2);

          // Act
          const after = draws(random.stream(name));

          // Assert
          expect(after).toEqual(draws(createRandom(runSeed).stream(name)));
        },
      ),
      { seed },
    );
  });

  it('gives different stream names different draws', () => {
    fc.assert(
      fc.property(seedArb, nameArb, nameArb, (runSeed, one, two) => {
        fc.pre(one !== two);
        // Arrange
        const random = createRandom(runSeed);

        // Act
        const a = floats(random.stream(one));
        const b = floats(random.stream(two));

        // Assert
        expect(b).not.toEqual(a);
      }),
      { seed },
    );
  });

  it('gives different seeds different draws from the same stream name', () => {
    fc.assert(
      fc.property(seedArb, seedArb, nameArb, (one, two, name) => {
        fc.pre(one !== two);
        // Arrange
        const first = createRandom(one).stream(name);
        const second = createRandom(two).stream(name);

        // Act
        const a = floats(first);
        const b = floats(second);

        // Assert
        expect(b).not.toEqual(a);
      }),
      { seed },
    );
  });

  it('forks the same child streams for the same seed and names', () => {
    fc.assert(
      fc.property(seedArb, nameArb, nameArb, (runSeed, name, child) => {
        // Arrange
        const parent = createRandom(runSeed).stream(name);
        draws(parent, 3);

        // Act
        const forked = draws(parent.fork(child));

        // Assert
        expect(forked).toEqual(draws(createRandom(runSeed).stream(name).fork(child)));
      }),
      { seed },
    );
  });
});
