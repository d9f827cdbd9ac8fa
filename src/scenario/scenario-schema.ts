// The scenario format (issue 5): one zod schema is the single source of truth for scenario
// files and for scenario objects built in code (STYLE rule 21). Defaults are the real
// SMSvcHost and IIS defaults of domain §4, documented once, here.

import { z } from 'zod';
import type { DeepReadonly } from '../core/deep-freeze.js';
import { MAX_SEED } from '../core/prng.js';
import { sessionOutcomeKinds } from '../events/session-outcome.js';
import { clientSchema } from './client-schema.js';
import { durationSchema, msSchema as ms } from './duration-schema.js';
import { NET_TCP_URI_PATTERN, SERVICE_URI_PATTERN } from './json-schema-hints.js';
import { refineServiceUri } from './service-uri.js';
import { expectationSchema } from './expectation-schema.js';
import { faultRuleSchema } from './fault-schema.js';
import { MAX_HORIZON_MS, MAX_RATE_PER_SEC, MIN_RATE_PER_SEC } from './time-bounds.js';

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

/** `<system.serviceModel.activation>` knobs of SMSvcHost.exe.config (domain §4.1). */
export const configSchema = z
  .strictObject({
    /** Simulated CPU count; the accept and backlog defaults scale with it. @default 4 */
    processorCount: positiveInt.default(4),
    /**
     * Accepted-but-unrouted connections, and sessions waiting per queue. 0 would make every
     * enqueue "full" and stop all accepts (domain §4.1), so it is refused. @default 100
     */
    maxPendingConnections: positiveInt.default(100),
    /**
     * Accepts posted per listener. 0 is the stored default of the config section, "use the
     * transport default" (domain §4.1), the same as leaving it out. @default 4 × processorCount
     */
    maxPendingAccepts: nonNegativeInt.optional(),
    /** Time allowed to read mode and via. @default 30000 */
    receiveTimeoutMs: ms.default(30_000),
    /**
     * Kernel accept backlog per listening socket. 0 is the stored default of the config
     * section, "use the transport default" (domain §4.1), the same as leaving it out.
     * @default 12 × processorCount
     */
    listenBacklog: nonNegativeInt.optional(),
    /** Time to duplicate a handle into the worker. @default 0 */
    dupHandleMs: durationSchema.prefault(0),
    /**
     * OperationTimeout of the callback to the worker: infinite in 4.x (null), one minute
     * in 3.x, where a hung worker gives F3 (domain §3.3). @default null
     */
    callbackTimeoutMs: ms.nullable().default(null),
  })
  .transform((config) => ({
    ...config,
    // The transport defaults of an application targeting .NET 4.5 or later (TcpTransportDefaults:
    // 2 × the 2 × CPU accept default, 12 × CPU backlog); the 3.x defaults (2 and 10) are not
    // modelled.
    maxPendingAccepts: transportDefault(config.maxPendingAccepts, 4 * config.processorCount),
    listenBacklog: transportDefault(config.listenBacklog, 12 * config.processorCount),
  }));

/** A setting whose absence and 0 both mean the transport default (domain §4.1). */
function transportDefault(value: number | undefined, fallback: number): number {
  return value === undefined || value === 0 ? fallback : value;
}

/** SMSvcHost.exe.config knobs after defaults. */
export type DispatcherConfig = DeepReadonly<z.output<typeof configSchema>>;

const serviceState = z.enum(['running', 'paused', 'stopped']);

/** States of the SMSvcHost services at the start of the run (domain §4.3). */
export const servicesSchema = z.strictObject({
  /** NetTcpPortSharing. */
  portSharing: serviceState.default('running'),
  /** NetTcpActivator (Net.Tcp Listener Adapter). */
  tcpActivator: serviceState.default('running'),
  /** NetPipeActivator (Net.Pipe Listener Adapter). */
  pipeActivator: serviceState.default('running'),
});

/** An IIS application pool (domain §6.1, §4.3). */
export const appPoolSchema = z.strictObject({
  name: z.string().min(1),
  /** Started (true) or stopped. @default true */
  enabled: z.boolean().default(true),
  /** The pool identity; SMSvcHost must allow it (allowAccounts). */
  identity: z.string().min(1).default('IIS APPPOOL\\DefaultAppPool'),
  /** Whether allowAccounts covers the identity (IIS_IUSRS is allowed by default). @default true */
  identityAllowed: z.boolean().default(true),
  /** `AlwaysRunning` starts the workers at time 0; `OnDemand` at the first session. */
  startMode: z.enum(['OnDemand', 'AlwaysRunning']).default('OnDemand'),
  /**
   * Worker processes WAS runs for the pool (IIS processModel.maxProcesses; more than 1 is a
   * web garden). Each one hosts every application of the pool (domain §6.1, §6.2).
   * @default 1, or the `workers` its WAS applications state (an older way of writing it)
   */
  maxProcesses: positiveInt.optional(),
  /**
   * From WAS starting a listener channel to its registration: a new worker process's
   * start-up, or an application's start in a running one. @default 500
   */
  startupMs: durationSchema.prefault(500),
  /** A worker idle this long shuts down (0: never). @default 1200000 (IIS: 20 min) */
  idleTimeoutMs: ms.default(1_200_000),
  /** WAS rapid-fail protection (domain §7): failures within the interval disable the pool. */
  rapidFailProtection: z
    .strictObject({
      enabled: z.boolean().default(true),
      maxFailures: positiveInt.default(5),
      intervalMs: ms.default(300_000),
    })
    .prefault({}),
});

/** An application pool after defaults. */
export type AppPoolSpec = DeepReadonly<z.output<typeof appPoolSchema>>;

/** How a registration's host matches a via (HostNameComparisonMode, domain §3.1 step 6). */
export const hostNameComparisonModes = ['strongWildcard', 'exact', 'weakWildcard'] as const;

/** An application: a WAS-hosted one or a self-hosted service with port sharing (§1, §6). */
export const appSchema = z
  .strictObject({
    name: z.string().min(1),
    /** The base address it registers, e.g. `net.tcp://localhost/orders/`. */
    baseAddress: z
      .string()
      .min(1)
      .superRefine(refineServiceUri)
      .meta({ pattern: SERVICE_URI_PATTERN }),
    /**
     * `was`: activated by WAS in its pool's worker processes. `self`: a self-hosted service
     * with portSharingEnabled, which registers with NetTcpPortSharing itself (net.tcp only).
     * @default 'was'
     */
    hosting: z.enum(['was', 'self']).default('was'),
    /** The application pool (WAS only). @default 'DefaultAppPool' */
    appPool: z.string().min(1).optional(),
    /**
     * IIS `enabledProtocols`: a list, or the IIS comma-separated string, which is split
     * without trimming, so "http, net.tcp" does not enable net.tcp (domain §7).
     * @default the scheme of the base address
     */
    enabledProtocols: z.union([z.array(z.string()), z.string()]).optional(),
    hostNameComparisonMode: z.enum(hostNameComparisonModes).default('strongWildcard'),
    /**
     * Self-hosted: the processes that try to register the base address (the second one
     * conflicts). WAS: worker processes belong to the pool, and each hosts every application
     * of it; `workers` here is another way to write the pool's `maxProcesses` (web garden
     * size). Two values for one pool are an error.
     * @default 1
     */
    workers: positiveInt.optional(),
    /** From 4008 until the worker accepts the connection (4030). @default 1 */
    dispatchMs: durationSchema.prefault(1),
    /** Extra time a worker takes on its first via (service activation, §3.1 step 9). @default 0 */
    firstViaMs: durationSchema.prefault(0),
  })
  // A self-hosted service has no application pool and, port sharing being net.tcp only, no
  // net.pipe address: for editors, what validate-scenario.ts checks in code.
  .meta({
    if: { properties: { hosting: { const: 'self' } }, required: ['hosting'] },
    then: { properties: { appPool: false, baseAddress: { pattern: NET_TCP_URI_PATTERN } } },
  });

/** An application after defaults. */
export type AppSpec = DeepReadonly<z.output<typeof appSchema>>;

/** How sessions arrive. */
export const arrivalsSchema = z.union([
  z.strictObject({
    poisson: z.strictObject({
      /** Mean sessions per second, from 1e-6 to 1e9 (time-bounds.ts). */
      ratePerSec: z.number().min(MIN_RATE_PER_SEC).max(MAX_RATE_PER_SEC),
    }),
  }),
  z.strictObject({ fixed: z.strictObject({ intervalMs: ms }) }),
  z.strictObject({
    burst: z.strictObject({ size: positiveInt, everyMs: ms.default(1000) }),
  }),
  z.strictObject({ at: z.array(ms).min(1) }),
]);

/** Arrivals after parsing. */
export type ArrivalsSpec = DeepReadonly<z.output<typeof arrivalsSchema>>;

/** One via clients use, with its share of the sessions. */
export const viaSchema = z.strictObject({
  via: z.string().min(1).superRefine(refineServiceUri).meta({ pattern: SERVICE_URI_PATTERN }),
  weight: z.number().finite().positive().default(1),
  /** The local port the connection arrives on, if a proxy changed it (§3.1 step 6). */
  localPort: z.number().int().min(1).max(65535).optional(),
});

/** The clients' side: how many sessions, when, to which vias, and how they retry. */
export const workloadSchema = z
  .strictObject({
    /**
     * First attempts of the simulated clients. With an `at` list, at most one per instant.
     * @default the number of instants of an `at` list, else 100
     */
    sessions: positiveInt.optional(),
    arrivals: arrivalsSchema.prefault({ fixed: { intervalMs: 10 } }),
    /** When the first session arrives. @default 0 */
    startMs: ms.default(0),
    /** How long a client takes to send mode and via. @default 0 */
    preambleMs: durationSchema.prefault(0),
    /** The framing mode clients send (domain §3.1 step 3). @default duplex */
    mode: z.enum(['duplex', 'singleton']).default('duplex'),
    /** @default each application's base address + `service.svc`, equally weighted */
    vias: z.array(viaSchema).min(1).optional(),
    client: clientSchema.prefault({}),
  })
  .superRefine((workload, context) => {
    // An `at` list names each session's instant: a shorter one would leave sessions without.
    const { arrivals, sessions } = workload;
    if ('at' in arrivals && sessions !== undefined && sessions > arrivals.at.length) {
      context.addIssue({
        code: 'custom',
        path: ['arrivals', 'at'],
        message: `an instant for each of the ${sessions} sessions (workload.sessions), or fewer sessions`,
        input: arrivals.at,
      });
    }
  })
  .transform((workload) => ({
    ...workload,
    sessions: workload.sessions ?? ('at' in workload.arrivals ? workload.arrivals.at.length : 100),
  }));

/** A scenario: the world, the workload, the faults and the expectations. */
export const scenarioSchema = z.strictObject({
  /** The JSON Schema the file follows, for editors (`./scenario.schema.json`); ignored. */
  $schema: z.string().optional(),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case name (lower-case letters, digits and dashes)'),
  description: z.string().default(''),
  /** The seed; the command line's --seed overrides it. @default 1 */
  seed: z.number().int().min(0).max(MAX_SEED).optional(),
  /**
   * A run passing this virtual time stops with an error; at most 1e12 (time-bounds.ts).
   * @default 86400000 (24 h)
   */
  horizonMs: z.number().positive().max(MAX_HORIZON_MS).default(86_400_000),
  config: configSchema.prefault({}),
  services: servicesSchema.prefault({}),
  appPools: z.array(appPoolSchema).default([]),
  apps: z.array(appSchema).min(1),
  workload: workloadSchema.prefault({}),
  faults: z.array(faultRuleSchema).default([]),
  expect: z.array(expectationSchema).default([]),
});

/** A scenario after parsing: every default filled in. */
export type Scenario = DeepReadonly<z.output<typeof scenarioSchema>>;

/** A scenario as written in a file or built in code: defaults may be left out. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/**
 * What the library's functions take as a scenario: one as written ({@link ScenarioInput}),
 * one as parsed ({@link Scenario}, what `loadScenario` returns), or a copy of a parsed one with
 * some fields as written (`{ ...parsed, faults: [{ kind: 'no-route' }] }`), readonly all the
 * way down, so an `as const` object fits too. Each is validated when it runs. (A copy that
 * replaced a field, or an `as const` literal, fitted neither type and failed `tsc` though it
 * ran: user report.)
 */
export type ScenarioLike = {
  readonly [K in keyof ScenarioInput]: DeepReadonly<ScenarioInput[K]> | Scenario[K];
};

/**
 * A scenario object as the search code reads it: as written. That code builds copies and
 * never changes a scenario in place (a parsed one is frozen, and sweeps of them run), so a
 * readonly or parsed one is only viewed as written; the schema reads a parsed one's fields
 * back as written.
 * @param scenario - what the caller passed
 * @returns the same object
 */
export function asScenarioInput(scenario: ScenarioLike): ScenarioInput {
  return scenario as ScenarioInput;
}

/** Re-exported so that tools can list outcome kinds next to the schema. */
export { sessionOutcomeKinds };
