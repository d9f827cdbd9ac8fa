// The duration format of scenario files: a number of ms, or one of five distributions.
// Parsed into the core's Distribution union (schema first, STYLE rule 21).

import { z } from 'zod';
import type { Distribution } from '../core/distribution.js';

const nonNegativeMs = z.number().finite().nonnegative();

/** A duration in a scenario file, before parsing. */
export const durationSchema = z
  .union([
    nonNegativeMs,
    z.strictObject({ fixed: nonNegativeMs }),
    z.strictObject({
      uniform: z
        .tuple([nonNegativeMs, nonNegativeMs])
        .refine(([min, max]) => min <= max, 'uniform: [min, max] with min <= max'),
    }),
    z.strictObject({ exponential: z.number().finite().positive() }),
    z.strictObject({ normal: z.strictObject({ mean: nonNegativeMs, stddev: nonNegativeMs }) }),
    z.strictObject({
      lognormal: z.strictObject({ median: z.number().finite().positive(), sigma: nonNegativeMs }),
    }),
  ])
  .transform((value): Distribution => {
    if (typeof value === 'number') return { kind: 'fixed', ms: value };
    if ('fixed' in value) return { kind: 'fixed', ms: value.fixed };
    if ('uniform' in value)
      return { kind: 'uniform', min: value.uniform[0], max: value.uniform[1] };
    if ('exponential' in value) return { kind: 'exponential', mean: value.exponential };
    if ('normal' in value) return { kind: 'normal', ...value.normal };
    return { kind: 'lognormal', ...value.lognormal };
  })
  .meta({
    description:
      'A duration in ms: a number, { fixed: n }, { uniform: [min, max] }, { exponential: mean }, { normal: { mean, stddev } } or { lognormal: { median, sigma } }',
  });

/** A duration as written in a scenario file. */
export type DurationInput = z.input<typeof durationSchema>;
