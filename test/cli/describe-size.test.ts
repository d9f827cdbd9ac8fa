// A file's size in words, for the note on the temporary file of a killed run (user report).
import { describe, expect, it } from 'vitest';
import { describeSize } from '../../src/cli/describe-size.js';

describe('describeSize', () => {
  it.for([
    { bytes: 1, said: '1 byte' },
    { bytes: 512, said: '512 bytes' },
    { bytes: 999, said: '999 bytes' },
    { bytes: 1000, said: '1 kB' },
    { bytes: 2500, said: '2.5 kB' },
    { bytes: 9960, said: '10 kB' },
    { bytes: 999_600, said: '1 MB' },
    { bytes: 119_000_000, said: '119 MB' },
    { bytes: 1_234_000_000, said: '1.2 GB' },
  ])('says $said for $bytes bytes', ({ bytes, said }) => {
    // Act
    const text = describeSize(bytes);

    // Assert
    expect(text).toBe(said);
  });
});
