// The executable limits V8's heap growth to twice the live data, unless the user chose a
// growth of their own (issue 12, memory).
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from '../../src/cli/heap-growth.js';

describe('limitHeapGrowth', () => {
  it('sets V8 heap growing percent to 100 when the user set none', () => {
    // Arrange
    const set: string[] = [];

    // Act
    const changed = limitHeapGrowth(['--enable-source-maps'], '--max-old-space-size=4096', (f) =>
      set.push(f),
    );

    // Assert
    expect(changed).toBe(true);
    expect(set).toEqual(['--heap-growing-percent=100']);
  });

  it.each([
    ['node --heap-growing-percent=300', ['--heap-growing-percent=300'], undefined],
    ['node --heap_growing_percent=300', ['--heap_growing_percent=300'], undefined],
    ['NODE_OPTIONS', [], '--max-old-space-size=4096 --heap-growing-percent=300'],
  ])('leaves the growth the user chose alone (%s)', (_label, execArgv, nodeOptions) => {
    const set: string[] = [];

    const changed = limitHeapGrowth(execArgv, nodeOptions, (f) => set.push(f));

    expect(changed).toBe(false);
    expect(set).toEqual([]);
  });
});
