// toPassSwarm (issue 13): passes when every case of a swarm kept the scenario's promises;
// otherwise its message says how many random fault plans broke them, what failed first,
// and gives each failure's shrunk scenario as YAML with its seed, ready to save and replay.
// A swarm that ran no case proves nothing either way: it fails, negated or not.

import type { MatcherState } from 'vitest';
import { stringify } from 'yaml';
import type { ScenarioInput } from '../scenario/scenario-schema.js';
import { describeNotAwaited, type MatcherResult } from './matcher-support.js';
import type { SwarmScenarioReport } from './swarm-scenario.js';

function isSwarmReport(value: unknown): value is SwarmScenarioReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    'totals' in value &&
    'shrunk' in value &&
    'failures' in value
  );
}

// The scenario without the part a policy in code replaced (`workload.client` holds only `retry`).
function withoutRetry(scenario: ScenarioInput): ScenarioInput {
  if (scenario.workload?.client === undefined) return scenario;
  const { client: _client, ...workload } = scenario.workload;
  return { ...scenario, workload };
}

/**
 * @param this - vitest's matcher state
 * @param received - what `swarmScenario` returned
 * @returns the matcher's verdict and message
 */
export function toPassSwarm(this: MatcherState, received: unknown): MatcherResult {
  if (!isSwarmReport(received)) {
    throw new TypeError(
      `toPassSwarm: expected the report of swarmScenario(), got ${describeNotAwaited(received, 'swarmScenario')}`,
    );
  }
  const { totals, shrunk, failures, file } = received;
  if (totals.cases === 0) {
    // Failing under .not too: "some plan broke them" is no more shown than "none did".
    return {
      pass: this.isNot,
      message: () =>
        `expected ${this.isNot ? 'some' : 'every one'} of the random fault plans on ${file} to ${this.isNot ? 'break' : 'keep'} its expectations, but the swarm ran no case (runs: ${received.runs}; check runs and shard): a swarm that runs nothing proves nothing`,
    };
  }
  const broken = totals.failed + totals.errors;
  const pass = broken === 0;
  const first = failures[0];
  // A policy in code ran instead of the file's `workload.client.retry`: showing that retry
  // would say the failure happened under it, and `dispatchsim run` would replay another policy.
  const inCode = received.clientPolicyInCode === true;
  const replay = inCode
    ? 'it ran your clientPolicy, which a file cannot hold, so its workload.client.retry is left out: save it and replay with `runScenario(<file>, { clientPolicy })` (`dispatchsim run <file>` would not run your policy)'
    : 'save it and replay with `dispatchsim run <file>`';
  const shrunkText = shrunk
    .map(
      (s) =>
        `\n${s.failure} (first in case ${s.caseIndex}), shrunk in ${s.steps} steps to ${s.scenario.faults?.length ?? 0} fault rule(s) and ${s.scenario.workload?.sessions ?? '?'} session(s); ${replay}:\n\n${stringify({ ...(inCode ? withoutRetry(s.scenario) : s.scenario), seed: s.seed })}`,
    )
    .join('');
  return {
    pass,
    message: () =>
      pass
        ? `expected some of ${totals.cases} random fault plans on ${file} to break its expectations, but all passed`
        : `expected every one of ${totals.cases} random fault plans on ${file} to keep its expectations, but ${broken} broke them; the first, case ${first?.index ?? '?'} (seed ${first?.seed ?? '?'}): ${first?.failure ?? '?'}${shrunkText}`,
  };
}
