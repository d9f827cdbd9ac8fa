// swarmScenario: swarm testing from a test (issue 13). "For 500 random fault plans on this
// scenario, my retry policy never gives up": the scenario's expectations (or those given
// here) are the promise, the client policy is the user's code, and `toPassSwarm` fails with
// the shrunk scenario in its message, ready to save as a regression test.

import { warnScenarioDeprecations } from '../io/deprecation.js';
import { loadScenarioInput } from '../io/load-scenario.js';
import { scenarioPath } from '../io/scenario-path.js';
import { validateScenario } from '../scenario/validate-scenario.js';
import {
  asScenarioInput,
  type ScenarioInput,
  type ScenarioLike,
} from '../scenario/scenario-schema.js';
import { checkSwarmOptions } from '../search/search-options.js';
import { swarm, type SwarmOptions, type SwarmReport } from '../search/swarm.js';

/** Options of {@link swarmScenario}: a swarm's, and the expectations to hold. */
export interface SwarmScenarioOptions extends Omit<SwarmOptions, 'runner' | 'concurrency'> {
  /** The promises every case must keep; replaces the scenario's own `expect`. */
  readonly expect?: NonNullable<ScenarioInput['expect']>;
}

/** A swarm's report, with what `toPassSwarm` needs to explain a failure. */
export interface SwarmScenarioReport extends SwarmReport {
  /** The scenario's file, or `<scenario>` for an object. */
  readonly file: string;
  readonly runs: number;
  /**
   * Whether the cases ran `options.clientPolicy`, code a scenario file cannot hold, instead
   * of the scenario's `workload.client.retry`.
   */
  readonly clientPolicyInCode: boolean;
}

/**
 * Runs a swarm on a scenario, in this process (so the client policy can be code).
 * @param fileOrObject - a scenario file (a path, or a file: URL such as
 *   `new URL('./orders.yaml', import.meta.url)`), the bare name of a bundled scenario
 *   (`'healthy-baseline'`), or a scenario object as written
 * @param options - runs, seed, client policy, expectations, shrinking
 * @returns the report; assert on it with `toPassSwarm()`
 * @throws InvalidOptionError (`config.invalid-option`) naming a bad option (e.g. `runs: 0`:
 *   a swarm that runs nothing proves nothing), before the scenario is read
 * @throws ScenarioError (`scenario.invalid`) when the scenario is not valid
 * @example
 * const report = await swarmScenario('healthy-baseline', {
 *   runs: 500,
 *   clientPolicy: myRetryPolicy,
 *   expect: [{ requests: 'gaveUp', count: { max: 0 } }],
 * });
 * expect(report).toPassSwarm();
 */
export async function swarmScenario(
  fileOrObject: string | URL | ScenarioLike,
  options: SwarmScenarioOptions,
): Promise<SwarmScenarioReport> {
  checkSwarmOptions(options, 'swarmScenario');
  const given = fileOrObject instanceof URL ? scenarioPath(fileOrObject) : fileOrObject;
  const file = typeof given === 'string' ? given : '<scenario>';
  const loaded =
    typeof given === 'string' ? await loadScenarioInput(given) : asScenarioInput(given);
  if (typeof given !== 'string') {
    const validation = validateScenario(given, file);
    if (validation.ok) warnScenarioDeprecations(validation.warnings);
  }
  const input: ScenarioInput =
    options.expect === undefined ? loaded : { ...loaded, expect: [...options.expect] };
  const { expect: _expect, ...swarmOptions } = options;
  const report = await swarm({ file, input }, swarmOptions);
  return {
    ...report,
    file,
    runs: options.runs,
    clientPolicyInCode:
      options.clientPolicy !== undefined || options.createClientPolicy !== undefined,
  };
}
