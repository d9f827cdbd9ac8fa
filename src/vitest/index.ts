// dispatchsim/vitest: the testing toolkit (issue 7). `runScenario` records a run, the
// matchers assert on it. Registration is explicit, because the package declares
// `"sideEffects": false`: call `installMatchers()` in a setup file (or import `setup.ts`,
// which does only that) before using the matchers.

export { runScenario } from './run-scenario.js';
// What a run that stopped early (its horizon, a stall, a livelock) produced up to the stop:
// runScenario rejects with the error, and a test asserts on this.
export { resultOfStoppedRun } from '../sim/result-of-stopped-run.js';
export type { StoppedRunResult } from '../sim/run-result.js';
// … and what runScenario recorded up to the stop, which the matchers take.
export { stoppedScenarioRun } from './stopped-scenario-run.js';
export type { StoppedScenarioRun } from './stopped-scenario-run.js';
export { swarmScenario } from './swarm-scenario.js';
export type { SwarmScenarioOptions, SwarmScenarioReport } from './swarm-scenario.js';
export type { ScenarioRun, ScenarioRunOptions } from './run-scenario.js';
export type { RecordedParts, RecordOptions } from './record-options.js';
export { dispatchsimMatchers, installMatchers } from './matchers.js';
export type { EventRef, InOrderOptions, RequestsExpectation } from './matchers.js';
export type { Count, CountOptions } from './trace-excerpt.js';
