// The fuzz runner's child process: runs the cases it is sent, one at a time, and answers
// with each verdict. Running cases here lets the parent kill a case that hangs (a
// synchronous loop no in-process guard can stop) and carry on with a fresh child.

import type { ScenarioInput } from '../scenario/scenario-schema.js';
import { classify, runFuzzCase, type FuzzVerdict } from './fuzz-case.js';

/** A case sent to the child. */
export interface FuzzRequest {
  readonly id: number;
  readonly scenario: ScenarioInput;
  readonly seed: number;
  readonly checkDeterminism: boolean;
}

/** The child's answer. */
export interface FuzzResponse {
  readonly id: number;
  readonly verdict: FuzzVerdict;
}

process.on('message', (message: FuzzRequest) => {
  void (async () => {
    let verdict: FuzzVerdict;
    try {
      verdict = await runFuzzCase(message.scenario, message.seed, message.checkDeterminism);
    } catch (error: unknown) {
      verdict = classify(error);
    }
    const response: FuzzResponse = { id: message.id, verdict };
    process.send?.(response);
  })();
});
