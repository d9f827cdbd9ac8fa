// clientViews (domain §5): what a client sees for each outcome. Views depend only on their
// arguments, so each is built once and shared, and the cache of them stays bounded.
import { describe, expect, it } from 'vitest';
import { clientViews } from '../../src/events/session-outcome.js';

describe('clientViews', () => {
  it('returns one frozen view per kind and via, however often and in whatever order asked', () => {
    // Arrange
    const first = clientViews.endpointNotFound('net.tcp://host/a/');

    // Act
    const other = clientViews.endpointNotFound('net.tcp://host/b/');
    const again = clientViews.endpointNotFound('net.tcp://host/a/');

    // Assert
    expect(Object.isFrozen(first)).toBe(true);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(clientViews.endpointUnavailable('net.tcp://host/a/')).not.toBe(first);
  });

  it('builds views anew once more than 10 000 others were made, so the cache stays bounded', () => {
    // Arrange
    const first = clientViews.connectionDispatchFailed('net.tcp://host/first/');

    // Act
    for (let i = 0; i <= 10_000; i++) clientViews.connectionDispatchFailed(`net.tcp://host/${i}/`);
    const again = clientViews.connectionDispatchFailed('net.tcp://host/first/');

    // Assert
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
