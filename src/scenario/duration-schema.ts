// The duration format of scenario files: a number of ms, or one of five distributions.
// Parsed into the core's Distribution union (schema first, STYLE rule 21). Every value is
// bounded (time-bounds.ts) so that nothing accepted here samples to Infinity.

import { z } from 'zod';
import type { Distribution } from '../core/distribution.js';
import { MAX_DURATION_MS, MAX_LOGNORMAL_SIGMA } from './time-bounds.js';

/**
 * A plain number of ms in a scenario file: a delay, an interval, a window bound or an
 * instant, from 0 to {@link MAX_DURATION_MS}.
 */
export const msSchema = z.number().nonnegative().max(MAX_DURATION_MS);

const positiveMs = z.number().positive().max(MAX_DURATION_MS);

/**
 * The description of a duration's parsed form in the generated JSON Schema, which leaves it
 * out: files write the short forms.
 */
export const RESOLVED_DURATION = 'a duration as parsed (the form a loaded scenario holds)';

// The form a duration has once parsed (the core's Distribution), taken back as it is: a
// scenario from loadScenario, copied and changed, is validated again, and its durations are
// in this form (user report: `{ ...base, workload: … }` was refused on every duration).
const resolvedDuration = z
  .union([
    z.strictObject({ kind: z.literal('fixed'), ms: msSchema }),
    z
      .strictObject({ kind: z.literal('uniform'), min: msSchema, max: msSchema })
      .refine(({ min, max }) => min <= max, 'uniform: min <= max'),
    z.strictObject({ kind: z.literal('exponential'), mean: positiveMs }),
    z.strictObject({ kind: z.literal('normal'), mean: msSchema, stddev: msSchema }),
    z.strictObject({
      kind: z.literal('lognormal'),
      median: positiveMs,
      sigma: z.number().nonnegative().max(MAX_LOGNORMAL_SIGMA),
    }),
  ])
  .meta({ description: RESOLVED_DURATION });

/** A duration in a scenario file, before parsing. */
export const durationSchema = z
  .union([
    msSchema,
    z.strictObject({ fixed: msSchema }),
    z.strictObject({
      uniform: z
        .tuple([msSchema, msSchema])
        .refine(([min, max]) => min <= max, 'uniform: [min, max] with min <= max'),
    }),
    z.strictObject({ exponential: positiveMs }),
    z.strictObject({ normal: z.strictObject({ mean: msSchema, stddev: msSchema }) }),
    z.strictObject({
      lognormal: z.strictObject({
        median: positiveMs,
        sigma: z.number().nonnegative().max(MAX_LOGNORMAL_SIGMA),
      }),
    }),
    resolvedDuration,
  ])
  .transform((value): Distribution => {
    if (typeof value === 'number') return { kind: 'fixed', ms: value };
    if ('kind' in value) return value;
    if ('fixed' in value) return { kind: 'fixed', ms: value.fixed };
    if ('uniform' in value)
      return { kind: 'uniform', min: value.uniform[0], max: value.uniform[1] };
    if ('exponential' in value) return { kind: 'exponential', mean: value.exponential };
    if ('normal' in value) return { kind: 'normal', ...value.normal };
    return { kind: 'lognormal', ...value.lognormal };
  })
  .meta({
    description: `A duration in ms: a number, { fixed: n }, { uniform: [min, max] }, { exponential: mean }, { normal: { mean, stddev } } or { lognormal: { median, sigma } }; every ms value at most ${MAX_DURATION_MS}, sigma at most ${MAX_LOGNORMAL_SIGMA}`,
  });

/** A duration as written in a scenario file. */
export type DurationInput = z.input<typeof durationSchema>;
