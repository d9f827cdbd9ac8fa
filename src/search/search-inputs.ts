// The scenarios a search takes, checked before any case runs (user report): sweep takes a list
// of { file, scenario } and swarm one { file, input }, and from plain JavaScript one's shape
// passed to the other was read as a missing scenario, named by its file (which exists) rather
// than by the key. The scenarios themselves are validated later, as ScenarioErrors.

import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { ScenarioInput } from '../scenario/scenario-schema.js';

const isMapping = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Whether `value` is { file, <key> } with a name and something under the key (which the
// scenario's validation judges).
function hasShape(value: unknown, key: string): boolean {
  return isMapping(value) && typeof value['file'] === 'string' && value[key] !== undefined;
}

/**
 * Checks the first argument of `swarm`.
 * @param base - what the caller passed
 * @throws InvalidOptionError (`config.invalid-option`) for anything but `{ file, input }`,
 *   saying so when it is sweep's shape
 */
export function checkSwarmBase(
  base: unknown,
): asserts base is { readonly file: string; readonly input: ScenarioInput } {
  if (hasShape(base, 'input')) return;
  const hint = Array.isArray(base)
    ? ' (swarm takes one scenario, not a list as sweep does)'
    : isMapping(base) && base['input'] === undefined && base['scenario'] !== undefined
      ? ' (swarm takes the scenario as input; { file, scenario } is what sweep takes)'
      : '';
  throw new InvalidOptionError('base', `{ file, input }${hint}`, base);
}

/**
 * Checks the first argument of `sweep`.
 * @param inputs - what the caller passed
 * @throws InvalidOptionError (`config.invalid-option`) for anything but a list of
 *   `{ file, scenario }`, naming the first item that is not, and saying so when it is swarm's
 *   shape
 */
export function checkSweepInputs(
  inputs: unknown,
): asserts inputs is readonly { readonly file: string; readonly scenario: ScenarioInput }[] {
  if (!Array.isArray(inputs)) {
    throw new InvalidOptionError('inputs', 'a list of { file, scenario }', inputs);
  }
  for (const [index, input] of (inputs as readonly unknown[]).entries()) {
    if (hasShape(input, 'scenario')) continue;
    const swarmShape =
      isMapping(input) && input['scenario'] === undefined && input['input'] !== undefined;
    const hint = swarmShape
      ? ' (sweep takes each scenario as scenario; { file, input } is what swarm takes)'
      : '';
    throw new InvalidOptionError(`inputs[${index}]`, `{ file, scenario }${hint}`, input);
  }
}
