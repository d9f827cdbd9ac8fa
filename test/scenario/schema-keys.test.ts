// allowedKeys, behind the "did you mean …?" of an unknown key: the keys the scenario schema
// allows in the mapping at a path, through arrays, defaults and other wrappers; in a union,
// the forms whose `kind` agrees with the value written (all forms when none does); and the
// same answer for the same path shape and kinds, from its cache.
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/scenario/scenario-schema.js';
import { allowedKeys } from '../../src/scenario/schema-keys.js';

const keysAt = (path: readonly PropertyKey[], root: unknown): string[] =>
  [...allowedKeys(scenarioSchema, path, root)].sort();

describe('allowedKeys', () => {
  it('lists a mapping’s keys, through a list and the wrappers around its fields', () => {
    expect(
      keysAt(['faults', 0, 'target'], { faults: [{ kind: 'worker-crash', target: {} }] }),
    ).toEqual(['app', 'pool', 'via', 'worker']);
    expect(keysAt(['appPools', 0, 'rapidFailProtection'], { appPools: [{}] })).toEqual([
      'enabled',
      'intervalMs',
      'maxFailures',
    ]);
  });

  it('keeps the union forms whose kind agrees with the value written', () => {
    const at = (kind: string): string[] => keysAt(['faults', 0], { faults: [{ kind }] });

    expect(at('worker-crash')).toEqual(['atMs', 'id', 'kind', 'target']);
    expect(at('service-stop')).toEqual(['atMs', 'id', 'kind', 'restartAfterMs', 'service']);
    // Asked again in another order: the cache keys by kind, not only by path.
    expect(at('worker-crash')).toEqual(['atMs', 'id', 'kind', 'target']);
  });

  it('offers every form’s keys when no kind agrees, or none is written', () => {
    const all = keysAt(['faults', 0], { faults: [{ kind: 'no-such-kind' }] });
    const none = keysAt(['faults', 0], { faults: ['not a mapping'] });

    expect(all).toContain('restartAfterMs');
    expect(all).toContain('probability');
    expect(all).toContain('reconnectAfterMs');
    expect(none).toEqual(all);
  });

  it('offers every form of a union without kinds', () => {
    expect(keysAt(['workload', 'arrivals'], { workload: { arrivals: { poison: 1 } } })).toEqual([
      'at',
      'burst',
      'fixed',
      'poisson',
    ]);
  });

  it('answers for a path the value does not follow, from the schema alone', () => {
    expect(keysAt(['apps', 3], { apps: 'not a list' })).toEqual(
      keysAt(['apps', 0], { apps: [{}] }),
    );
    expect(keysAt(['apps', 0], { apps: [{}] })).toContain('baseAddress');
  });

  it('has no keys for a path the schema does not have', () => {
    expect(keysAt(['nosuch', 'deeper'], {})).toEqual([]);
    expect(keysAt(['name'], { name: 'x' })).toEqual([]);
  });
});
