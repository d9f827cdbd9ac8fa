// The public API of dispatchsim: explicit named exports, types with `export type`.

export { createSimulation, resolveScenario } from './sim/simulation.js';
export type { Simulation } from './sim/simulation.js';
export type { RunOptions, RunProgress } from './sim/run-options.js';
export type {
  ClientSeen,
  FaultRuleResult,
  RunResult,
  RunStopCode,
  StoppedRunResult,
} from './sim/run-result.js';
export { resultOfStoppedRun } from './sim/result-of-stopped-run.js';
export { isStoppedRunResult } from './sim/run-result.js';
export type { OutcomeReason } from './sim/outcome-reasons.js';
export type { OutcomeCounts } from './sim/outcomes-by-app.js';
export type { OutcomeTime } from './sim/time-to-outcome.js';
export type { ExpectationResult } from './sim/check-expectations.js';

export { sweep } from './search/sweep.js';
export type { SearchReport, SweepInput, SweepOptions } from './search/sweep.js';
export { swarm } from './search/swarm.js';
export type { ShrunkFailure, SwarmOptions, SwarmReport, UnshrunkFailure } from './search/swarm.js';
export { shrink } from './search/shrink.js';
export type { ShrinkFailureOptions, ShrinkOptions, ShrinkReport } from './search/shrink.js';
export type {
  CaseExpectation,
  CaseRequests,
  CaseResult,
  CaseVerdict,
  SearchCase,
} from './search/search-case.js';
export type { SearchTotals } from './search/search-totals.js';
export type { Shard } from './search/shard.js';
export type { CaseRunner } from './search/run-in-order.js';
export { createThreadedRunner } from './io/threaded-runner.js';
export type { ThreadedRunner, ThreadedRunnerOptions } from './io/threaded-runner.js';

export { parseScenario } from './scenario/parse-scenario.js';
export type { ScenarioParseResult } from './scenario/parse-scenario.js';
export { loadScenario, loadScenarioInput } from './io/load-scenario.js';
export {
  bundledScenarioPath,
  bundledScenariosDir,
  listBundledScenarios,
} from './io/bundled-scenarios.js';
export type { BundledScenario } from './io/bundled-scenarios.js';
export { validateScenario } from './scenario/validate-scenario.js';
export type { LineLocator, ScenarioValidation } from './scenario/validate-scenario.js';
export { scenarioSchema } from './scenario/scenario-schema.js';
export { scenarioJsonSchema } from './scenario/scenario-json-schema.js';
export type {
  AppPoolSpec,
  AppSpec,
  DispatcherConfig,
  Scenario,
  ScenarioInput,
  ScenarioLike,
} from './scenario/scenario-schema.js';
export { faultKinds } from './scenario/fault-schema.js';
export type { FaultKind, FaultRule, FaultRuleInput } from './scenario/fault-schema.js';
export type { Expectation } from './scenario/expectation-schema.js';
export type { DeepReadonly } from './core/deep-freeze.js';

export { eventCatalog, findEvent, formatMessage } from './events/event-catalog.js';
export type { CatalogEntry } from './events/event-catalog.js';
export { describeEvent } from './events/describe-event.js';
export type { EventExplanation } from './events/describe-event.js';
export type {
  AnnotationsOf,
  DispatchEvent,
  DispatchEventId,
  DispatchEventName,
  DispatchFailurePath,
  DispatchSessionFailedAnnotations,
  EventAnnotations,
  EventOf,
  PayloadFieldsOf,
  PayloadOf,
  RoutingTableLookupStopAnnotations,
  SessionEventAnnotations,
  SessionEventName,
} from './events/dispatch-event.js';
export type {
  EventActivity,
  EventChannel,
  EventDescriptor,
  EventEmitterProcess,
  EventLevel,
  ManifestValue,
  PayloadField,
  PayloadFieldType,
} from './events/event-descriptor.js';
export { EventBus } from './events/event-bus.js';
export type {
  EventBusChannel,
  EventBusMap,
  EventBusOptions,
  EventOfId,
  TimeSource,
} from './events/event-bus.js';
export { eventLogCatalog } from './events/event-log-entry.js';
export type {
  EventLogCategory,
  EventLogEntry,
  EventLogId,
  EventLogName,
} from './events/event-log-entry.js';
export { formatTrace, formatTraceLine, isEventLogEntry, parseTrace } from './events/trace.js';
export type { ParsedTraceLine, TraceRecord } from './events/trace.js';
export { sessionOutcomeKinds } from './events/session-outcome.js';
export type {
  ClientException,
  ClientTransportResult,
  ClientView,
  FramingFault,
  SessionOutcome,
  SessionOutcomeKind,
} from './events/session-outcome.js';
export { performanceCounterNames } from './events/performance-counters.js';
export type { PerformanceCounterName, PerformanceCounters } from './events/performance-counters.js';

export type {
  AttemptReport,
  ClientPolicy,
  ClientPolicyContext,
  RetryDecision,
  SyncClientPolicy,
} from './client/client-policy.js';
export type { RequestSummary } from './client/client-driver.js';
export {
  circuitBreaker,
  exponentialBackoff,
  fixedDelay,
  noRetry,
} from './client/retry-policies.js';
export type {
  CircuitBreakerOptions,
  ExponentialBackoffOptions,
  FixedDelayOptions,
  RetryOnOptions,
} from './client/retry-policies.js';
export type { RetryableResult } from './scenario/client-schema.js';
export type { RandomStream } from './core/prng.js';

export { DispatchsimError, isDispatchsimError } from './errors/dispatchsim-error.js';
export type { DispatchsimErrorCode } from './errors/dispatchsim-error.js';
export {
  ScenarioError,
  formatScenarioIssue,
  formatScenarioIssues,
} from './errors/scenario-error.js';
export type { ScenarioIssue } from './errors/scenario-error.js';
export { HorizonExceededError } from './errors/horizon-exceeded-error.js';
export { SimulationStalledError } from './errors/simulation-stalled-error.js';
export { LivelockError } from './errors/livelock-error.js';
export { SimulationAlreadyRunError } from './errors/simulation-already-run-error.js';
export { InvalidOptionError } from './errors/invalid-option-error.js';
export { UnknownOptionError } from './errors/unknown-option-error.js';
export type { UnknownOptionFields } from './errors/unknown-option-error.js';

export type { Millis } from './core/millis.js';
export type { ActivityId, ClientId, ListenerId, QueueId, SessionId, WorkerId } from './core/ids.js';
