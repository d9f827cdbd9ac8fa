// World: the shared state of one simulated machine: SMSvcHost's services, listeners,
// routing table and queues, the WAS configuration mirror (domain §1, §6.1), and the books.
// The model's parts (dispatcher, session dispatch, registrar, WAS host, services) act on it.

import { createListenerIds, createQueueIds, createWorkerIds } from '../core/ids.js';
import { ms, roundToMicros, type Millis } from '../core/millis.js';
import type { Random, RandomStream } from '../core/prng.js';
import type { VirtualClock } from '../core/virtual-clock.js';
import type { DispatchEventName } from '../events/dispatch-event.js';
import { UNHEARD, type EventBus } from '../events/event-bus.js';
import type { ClientView, SessionOutcome, SessionOutcomeKind } from '../events/session-outcome.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type {
  AppPoolSpec,
  AppSpec,
  DispatcherConfig,
  Scenario,
} from '../scenario/scenario-schema.js';
import type { ServiceUri, Transport } from '../scenario/service-uri.js';
import type { ActivatedQueueStateMachine } from './activated-queue-state.js';
import { Ledger } from './ledger.js';
import type { MessageQueue } from './message-queue.js';
import { PerformanceCounterSet } from './performance-counter-set.js';
import { RoutingTable } from './routing-table.js';
import type { HeldConnection } from './held-connection.js';
import type { Session, SessionNotes } from './session.js';
import type { TransportListener } from './transport-listener.js';
import type { W3wpProcess } from './w3wp-process.js';
import type { WorkerProcess } from './worker-process.js';

/**
 * A listener of the model: its backlog holds simulated sessions, and in live mode the real
 * connections accepted before their via is read.
 */
export type Listener = TransportListener<Session | HeldConnection>;

/** Framing fault URIs are this namespace plus the fault name (domain §5). */
export const FRAMING_FAULT_NAMESPACE = 'http://schemas.microsoft.com/ws/2006/05/framing/faults/';

/** A service's state (domain §4.3). */
export type ServiceState = 'running' | 'paused' | 'stopped';

/** The SMSvcHost services of domain §1. */
export interface ServiceStates {
  portSharing: ServiceState;
  tcpActivator: ServiceState;
  pipeActivator: ServiceState;
}

/** An application pool at run time (domain §6.1). */
export interface AppPoolRuntime {
  readonly spec: AppPoolSpec;
  /** Its web garden size: worker processes WAS runs for it (IIS maxProcesses). */
  readonly maxProcesses: number;
  /** Started by the administrator (false after `app-pool-stop`). */
  started: boolean;
  /** Disabled by rapid-fail protection. */
  rapidFailDisabled: boolean;
  /** Instants of recent worker failures, for rapid-fail protection. */
  readonly failures: Millis[];
  /** Its live worker processes (not exited), oldest first. */
  processes: W3wpProcess[];
  /** Processes launched so far (ordinals, launch faults' nth). */
  launches: number;
  /**
   * The applications whose listener channel WAS has been asked to open and not closed since:
   * WAS keeps their blobs and starts them in every process of the pool, new ones included
   * (webhostopenlistenerchannelinstance; domain §6.1).
   */
  readonly channels: Set<AppRuntime>;
}

/** An application at run time. */
export interface AppRuntime {
  readonly spec: AppSpec;
  readonly name: string;
  readonly uri: ServiceUri;
  readonly transport: Transport;
  readonly hosting: 'self' | 'was';
  readonly pool: AppPoolRuntime | undefined;
  /** RequestsBlocked from enabledProtocols (domain §6.1). */
  readonly protocolBlockedByConfig: boolean;
  /** Open `protocol-disabled` windows. */
  protocolDisabled: number;
  /** Open `queue-paused` windows (CanDispatch false). */
  paused: number;
  /** WAS: the app exists in SMSvcHost's mirror (false after a WAS disconnect). */
  created: boolean;
  /**
   * WAS: the enabled state of the app's ActivatedMessageQueue (SetEnabledState), which
   * Registrations Active counts.
   */
  queueEnabled: boolean;
  /** WAS: listener channel opens asked so far (open faults' nth). */
  opens: number;
  queue: MessageQueue | undefined;
  activation: ActivatedQueueStateMachine | undefined;
  /** Self-hosted: its live processes (not exited), oldest first. WAS: see the pool's. */
  workers: WorkerProcess[];
  /** Self-hosted: processes started so far (ordinals). */
  launches: number;
  /** Registrations attempted so far (registration faults' nth). */
  registrations: number;
}

/** Random streams of the model, one per concern (STYLE rule 30). */
export interface ModelStreams {
  readonly preamble: RandomStream;
  readonly dispatch: RandomStream;
  readonly workers: RandomStream;
}

/**
 * How many payloads of each recurring kind (a via, a queue depth, …) a world shares: the
 * first ones built; any other is built for its event alone.
 */
export const SHARED_PAYLOADS = 4096;

/** The shared state of a simulated machine. */
export class World {
  readonly clock: VirtualClock;
  readonly bus: EventBus;
  readonly config: DispatcherConfig;
  readonly scenario: Scenario;
  readonly faults: FaultInjector;
  readonly streams: ModelStreams;
  readonly counters = new PerformanceCounterSet();
  readonly ledger = new Ledger();
  readonly routing = new RoutingTable<MessageQueue>();
  readonly listeners = new Map<string, Listener>();
  readonly apps = new Map<string, AppRuntime>();
  readonly pools = new Map<string, AppPoolRuntime>();
  readonly services: ServiceStates;
  readonly workerIds = createWorkerIds();
  readonly queueIds = createQueueIds();
  readonly listenerIds = createListenerIds();
  /** The listener adapters' connection to WAS (domain §6.3). */
  wasConnected = true;
  /**
   * The address:port every TCP listener's 4020 names, when a real socket listens for them
   * (live mode: `serve` listens on one loopback address and port); undefined in a simulation,
   * whose base addresses are host-name registrations (the 255.255.255.255 marker).
   */
  readonly tcpListenEndpoint: string | undefined;
  readonly #onOutcome: (outcome: SessionOutcome) => void;
  #processes = 0;

  /**
   * @param scenario - the parsed scenario
   * @param clock - virtual time
   * @param bus - where events go
   * @param random - the run's randomness
   * @param faults - the fault injector
   * @param onOutcome - receives every session outcome
   * @param tcpListenEndpoint - see {@link World.tcpListenEndpoint}
   */
  constructor(
    scenario: Scenario,
    clock: VirtualClock,
    bus: EventBus,
    random: Random,
    faults: FaultInjector,
    onOutcome: (outcome: SessionOutcome) => void,
    tcpListenEndpoint?: string,
  ) {
    this.scenario = scenario;
    this.tcpListenEndpoint = tcpListenEndpoint;
    this.config = scenario.config;
    this.clock = clock;
    this.bus = bus;
    this.faults = faults;
    this.services = { ...scenario.services };
    this.streams = {
      preamble: random.stream('preamble'),
      dispatch: random.stream('dispatch'),
      workers: random.stream('workers'),
    };
    this.#onOutcome = onOutcome;
  }

  /** @returns the id of a new process: simulated PIDs are deterministic multiples of 4 */
  nextPid(): number {
    return 4000 + ++this.#processes * 4;
  }

  /**
   * Gives a session its one terminal outcome and books it.
   * @param session - the session
   * @param kind - the outcome
   * @param client - what its client sees
   * @param reason - why, in the simulator's words
   * @throws Error when the session already has an outcome (a model bug)
   */
  finish(session: Session, kind: SessionOutcomeKind, client: ClientView, reason: string): void {
    if (session.state === 'finished') {
      throw new Error(`internal: session ${session.id} got a second outcome (${kind})`);
    }
    session.state = 'finished';
    const outcome: SessionOutcome = {
      kind,
      sessionId: session.id,
      clientId: session.clientId,
      attempt: session.attempt,
      via: session.via,
      app: session.app,
      // Rounded to the microsecond, as the events and traces give instants (event-bus.ts).
      arrivedAtMs: ms(roundToMicros(session.arrivedAtMs)),
      atMs: ms(roundToMicros(this.clock.now())),
      client,
      reason,
    };
    this.ledger.finish(outcome);
    this.#onOutcome(outcome);
  }

  // Payloads that recur (the same via, the same ratio) are built and frozen once: events
  // are immutable, so they can share them, and the hot path allocates less. Up to
  // SHARED_PAYLOADS of each kind: the event bus keeps each shared payload's rendering, and a
  // queue 226,511 deep (or a live client sending a new via on every connection) kept one per
  // depth (or via) for the whole run. Past the bound, each is built anew and goes with its
  // event.
  readonly #viaPayloads = new Map<string, { readonly via: string }>();
  readonly #uriPayloads = new Map<string, { readonly Uri: string }>();
  readonly #acceptorRatios: { readonly cur: number; readonly max: number }[] = [];
  // Stryker disable next-line ArrayDeclaration: index 0 is never read, the queue ratio is taken after an enqueue (curr >= 1)
  readonly #queueRatios: { readonly curr: number; readonly max: number }[] = [];

  /**
   * @param via - a via
   * @returns the shared payload of 4001 TransportListenerSessionsReceived
   */
  viaPayload(via: string): { readonly via: string } {
    let payload = this.#viaPayloads.get(via);
    if (payload === undefined) {
      payload = Object.freeze({ via });
      if (this.#viaPayloads.size < SHARED_PAYLOADS) this.#viaPayloads.set(via, payload);
    }
    return payload;
  }

  /**
   * @param uri - a via
   * @returns the shared payload of 3358 PortSharingDuplicatedSocket
   */
  uriPayload(uri: string): { readonly Uri: string } {
    let payload = this.#uriPayloads.get(uri);
    if (payload === undefined) {
      payload = Object.freeze({ Uri: uri });
      if (this.#uriPayloads.size < SHARED_PAYLOADS) this.#uriPayloads.set(uri, payload);
    }
    return payload;
  }

  /**
   * @param cur - connections accepted and not yet routed
   * @returns the shared payload of 1430 PendingConnectionsRatio
   */
  acceptorRatio(cur: number): { readonly cur: number; readonly max: number } {
    const max = this.config.maxPendingConnections;
    if (cur >= SHARED_PAYLOADS) return Object.freeze({ cur, max });
    return (this.#acceptorRatios[cur] ??= Object.freeze({ cur, max }));
  }

  /**
   * @param curr - sessions pending after the enqueue
   * @returns the shared payload of 4035 PendingSessionQueueRatio
   */
  queueRatio(curr: number): { readonly curr: number; readonly max: number } {
    const max = this.config.maxPendingConnections;
    if (curr >= SHARED_PAYLOADS) return Object.freeze({ curr, max });
    return (this.#queueRatios[curr] ??= Object.freeze({ curr, max }));
  }

  /**
   * Writes a framing fault on a session's connection (InitialServerConnectionReader.SendFault):
   * 3346 is emitted before the write, so it appears even when the write fails (§2.3).
   * @param session - the session
   * @param fault - the fault name, e.g. `EndpointNotFound`
   */
  sendFault(session: Session, fault: string): void {
    this.bus.emit(
      'ConnectionReaderSendFault',
      { FaultString: `${FRAMING_FAULT_NAMESPACE}${fault}` },
      { ...this.sessionNotes(session), via: session.via, fault },
    );
  }

  /**
   * @param session - a session
   * @returns the annotations every event of the session carries (one frozen object per session)
   */
  sessionNotes(session: Session): SessionNotes {
    return (session.notes ??= Object.freeze({
      sessionId: session.id,
      clientId: session.clientId,
      attempt: session.attempt,
    }));
  }

  /**
   * The session's annotations for an event, built only when someone hears it (see
   * EventBus.hears): the per-session path then allocates nothing for unheard events.
   * @param name - the event about to be emitted
   * @param session - its session
   * @returns the session's annotations, or UNHEARD
   */
  notesFor(name: DispatchEventName, session: Session): SessionNotes {
    return this.bus.hears(name) ? this.sessionNotes(session) : UNHEARD;
  }

  /**
   * @param app - an application
   * @returns whether the app is enabled: pool enabled and requests not blocked (domain §6.1)
   */
  isAppEnabled(app: AppRuntime): boolean {
    // Stryker disable next-line StringLiteral,BooleanLiteral,ConditionalExpression: only WAS applications are asked (canDispatch answers for a self-hosted one first; WasHost and the protocol fault handle WAS ones only)
    if (app.hosting === 'self') return true;
    // Stryker disable next-line ConditionalExpression: every WAS application has a pool (DefaultAppPool when it names none)
    const poolEnabled = app.pool === undefined || (app.pool.started && !app.pool.rapidFailDisabled);
    return poolEnabled && !app.protocolBlockedByConfig && app.protocolDisabled === 0;
  }

  /**
   * CanDispatch of a queue (domain §3.4): the port sharing service is not paused (TCP);
   * for WAS queues also the app is enabled, the queue is not Faulted, the adapter is
   * connected to WAS and the activator is not paused.
   * @param app - the application of the queue
   * @returns whether new sessions may be enqueued
   */
  canDispatch(app: AppRuntime): boolean {
    const queue = app.queue;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: sessions reach canDispatch through a route, which exists only while the app's queue is open (closeQueue removes both at once)
    if (queue === undefined || queue.closed || app.paused > 0) return false;
    if (app.transport === 'tcp' && this.services.portSharing !== 'running') return false;
    if (app.hosting === 'self') return true;
    const activator =
      app.transport === 'tcp' ? this.services.tcpActivator : this.services.pipeActivator;
    return (
      activator === 'running' &&
      this.wasConnected &&
      app.activation?.state !== 'Faulted' &&
      this.isAppEnabled(app)
    );
  }
}
