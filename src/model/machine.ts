// Machine: one simulated server running SMSvcHost and WAS, assembled from a scenario: the
// world, its applications and pools, and the parts that act on them (domain §1).

import type { Random } from '../core/prng.js';
import type { VirtualClock } from '../core/virtual-clock.js';
import type { EventBus } from '../events/event-bus.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import { WITHOUT_COMPILING } from '../scenario/parse-without-compiling.js';
import type { AppPoolSpec, AppSpec, Scenario } from '../scenario/scenario-schema.js';
import { appPoolSchema } from '../scenario/scenario-schema.js';
import { parseServiceUri } from '../scenario/service-uri.js';
import { Dispatcher } from './dispatcher.js';
import { Registrar } from './registrar.js';
import { SelfHost } from './self-host.js';
import { ServiceControl } from './service-control.js';
import { SessionDispatch } from './session-dispatch.js';
import { WasConnection } from './was-connection.js';
import { WasHost } from './was-host.js';
import { scheduleWorldFaults } from './world-faults.js';
import { World, type AppPoolRuntime, type AppRuntime } from './world.js';
import { isProtocolEnabled } from '../scenario/enabled-protocols.js';

/** The pool WAS applications use when they name none. */
export const DEFAULT_APP_POOL = 'DefaultAppPool';

/** A simulated machine, ready to start. */
export interface Machine {
  readonly world: World;
  /** Where client connections enter. */
  readonly dispatcher: Dispatcher;
  /**
   * Starts services and workers at time 0 and schedules the timed faults, or, deferred, leaves
   * them (and every rule's window) to {@link Machine.startTimedFaults}.
   */
  start(options?: { readonly deferTimedFaults?: boolean }): void;
  /**
   * Schedules the timed faults deferred at start, counting their instants and every rule's
   * window from `originMs` (`serve --timed-faults-from first-connection`).
   */
  startTimedFaults(originMs: number): void;
}

/**
 * The web garden size of a pool: its `maxProcesses`, else the `workers` one of its WAS
 * applications states (validation refuses two that differ), else 1.
 * @param spec - the pool
 * @param apps - every application of the scenario
 * @returns how many worker processes WAS runs for the pool
 */
export function webGardenSize(spec: AppPoolSpec, apps: readonly AppSpec[]): number {
  if (spec.maxProcesses !== undefined) return spec.maxProcesses;
  for (const app of apps) {
    if (app.hosting !== 'was' || (app.appPool ?? DEFAULT_APP_POOL) !== spec.name) continue;
    if (app.workers !== undefined) return app.workers;
  }
  return 1;
}

function createPool(spec: AppPoolSpec, apps: readonly AppSpec[]): AppPoolRuntime {
  return {
    spec,
    maxProcesses: webGardenSize(spec, apps),
    started: spec.enabled,
    rapidFailDisabled: false,
    failures: [],
    processes: [],
    launches: 0,
    channels: new Set(),
  };
}

function createApp(
  spec: AppSpec,
  pools: Map<string, AppPoolRuntime>,
  apps: readonly AppSpec[],
): AppRuntime {
  const parsed = parseServiceUri(spec.baseAddress);
  // Stryker disable next-line ConditionalExpression,BlockStatement,StringLiteral: the scenario schema refuses a baseAddress that does not parse
  if (typeof parsed === 'string') {
    throw new RangeError(`app ${spec.name}: baseAddress must be ${parsed}`);
  }
  let pool: AppPoolRuntime | undefined;
  if (spec.hosting === 'was') {
    const name = spec.appPool ?? DEFAULT_APP_POOL;
    pool = pools.get(name);
    if (pool === undefined) {
      pool = createPool(appPoolSchema.parse({ name }, WITHOUT_COMPILING), apps);
      pools.set(name, pool);
    }
  }
  return {
    spec,
    name: spec.name,
    uri: parsed,
    transport: parsed.transport,
    hosting: spec.hosting,
    pool,
    protocolBlockedByConfig: !isProtocolEnabled(spec.enabledProtocols, parsed.scheme),
    protocolDisabled: 0,
    paused: 0,
    created: false,
    queueEnabled: false,
    opens: 0,
    queue: undefined,
    activation: undefined,
    workers: [],
    launches: 0,
    registrations: 0,
  };
}

/** Options of {@link createMachine}. */
export interface MachineOptions {
  /** The address:port a real socket listens on for every TCP listener (see World). */
  readonly tcpListenEndpoint?: string | undefined;
}

/**
 * Builds the machine of a scenario. Nothing happens until `start`.
 * @param scenario - the parsed scenario
 * @param clock - virtual time
 * @param bus - where events go
 * @param random - the run's randomness
 * @param faults - the fault injector
 * @param onOutcome - receives every session outcome
 * @param options - what only live mode sets
 * @returns the machine
 * @throws RangeError when an application's base address is not a valid URI
 */
export function createMachine(
  scenario: Scenario,
  clock: VirtualClock,
  bus: EventBus,
  random: Random,
  faults: FaultInjector,
  onOutcome: (outcome: SessionOutcome) => void,
  options: MachineOptions = {},
): Machine {
  const world = new World(
    scenario,
    clock,
    bus,
    random,
    faults,
    onOutcome,
    options.tcpListenEndpoint,
  );
  for (const spec of scenario.appPools) {
    world.pools.set(spec.name, createPool(spec, scenario.apps));
  }
  for (const spec of scenario.apps) {
    world.apps.set(spec.name, createApp(spec, world.pools, scenario.apps));
  }

  // The hosts are created after the dispatch they react to; the hooks run only during the run.
  const hostOf = (app: AppRuntime): WasHost | SelfHost => (app.hosting === 'was' ? was : self);
  const dispatch = new SessionDispatch(world, {
    controlChannelLost: (app, worker) => hostOf(app).controlChannelLost(app, worker),
    workerIdle: (app, worker) => hostOf(app).workerIdle(app, worker),
  });
  const registrar = new Registrar(world, dispatch.start);
  const was = new WasHost(world, registrar);
  const self = new SelfHost(world, registrar);
  const services = new ServiceControl(world, was, self);
  const dispatcher = new Dispatcher(world, (app) => {
    if (app.hosting === 'was') was.onEnqueued(app);
  });
  const hosts = { was, wasConnection: new WasConnection(world, was), self, services };
  return {
    world,
    dispatcher,
    start: (options) => {
      self.start();
      was.start();
      if (options?.deferTimedFaults === true) faults.deferWindows();
      else scheduleWorldFaults(world, scenario.faults, faults, hosts);
    },
    startTimedFaults: (originMs) => {
      faults.countWindowsFrom(originMs);
      scheduleWorldFaults(world, scenario.faults, faults, hosts, originMs);
    },
  };
}
