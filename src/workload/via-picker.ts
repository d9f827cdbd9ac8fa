// ViaPicker: which via each client request uses, by weight, from the `vias` stream.

import type { RandomStream } from '../core/prng.js';

/** A via with its weight. */
export interface WeightedVia {
  readonly via: string;
  readonly weight: number;
  readonly localPort?: number | undefined;
}

/** Picks vias by weight. */
export interface ViaPicker {
  /** @returns the via for the next request */
  pick(): WeightedVia;
}

/**
 * @param vias - at least one via
 * @param random - the `vias` stream (not drawn from when there is one via)
 * @returns the picker
 */
export function createViaPicker(vias: readonly WeightedVia[], random: RandomStream): ViaPicker {
  const first = vias[0];
  if (first === undefined) throw new RangeError('at least one via is needed');
  if (vias.length === 1) return { pick: () => first };
  const total = vias.reduce((sum, via) => sum + via.weight, 0);
  return {
    pick: () => {
      let point = random.nextFloat() * total;
      for (const via of vias) {
        point -= via.weight;
        if (point < 0) return via;
      }
      return vias.at(-1) ?? first;
    },
  };
}
