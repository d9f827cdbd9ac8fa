// The fault plan of a scenario (STYLE §5.6): a list of rules, each a kind, a target, a
// window and a probability. Session faults are decided per session at a named hook of the
// pipeline (domain §3.1); world faults happen at a time to pools, workers and services
// (domain §6, §7). The zod schema is the single source of truth for both.

import { z } from 'zod';
import type { DeepReadonly } from '../core/deep-freeze.js';
import { durationSchema, msSchema as ms } from './duration-schema.js';
const positiveInt = z.number().int().positive();

/** Which sessions, workers or pools a rule applies to; every field narrows it further. */
export const faultTargetSchema = z
  .strictObject({
    /** An application name. */
    app: z.string().min(1).optional(),
    /** A via prefix; `*` matches any run of characters. */
    via: z.string().min(1).optional(),
    /**
     * The nth worker process (1-based): of the application's pool for a WAS application
     * (a pool's process hosts all its applications), of the application if self-hosted.
     */
    worker: positiveInt.optional(),
    /** An application pool name. */
    pool: z.string().min(1).optional(),
  })
  .meta({ description: 'What the rule applies to; omitted fields match everything' });

/**
 * A stable name for a rule. A rule's random draws are keyed by its identity, so removing or
 * adding another rule never changes its decisions: by default the identity is its kind and
 * target (numbered when several rules share them); give an `id` to pin it whatever changes.
 */
const ruleId = z.string().min(1).optional().meta({
  description:
    'A stable name for the rule; its random draws are keyed by it (default: kind and target)',
});

/** Fields shared by the rules decided per session. */
const sessionRule = {
  id: ruleId,
  target: faultTargetSchema.prefault({}),
  /** The rule applies from this virtual time on (included). */
  fromMs: ms.optional(),
  /** The rule applies before this virtual time (excluded). */
  toMs: ms.optional(),
  /** Only the nth session of the run (1-based, in arrival order). */
  nthSession: positiveInt.optional(),
  /** Chance that the rule fires when it applies. @default 1 */
  probability: z.number().min(0).max(1).default(1),
  /** Fire at most this many times. */
  count: positiveInt.optional(),
};

/** The client stalls while sending the preamble: SMSvcHost aborts at receiveTimeout (§3.4). */
const preambleTimeout = z.strictObject({ kind: z.literal('preamble-timeout'), ...sessionRule });

/** What is wrong with a bad preamble (domain §3.1 steps 3-4, §3.4). */
export const badPreambleVariants = [
  'bad-record',
  'unsupported-version',
  'unsupported-mode',
  'via-too-long',
] as const;

const badPreamble = z.strictObject({
  kind: z.literal('bad-preamble'),
  ...sessionRule,
  variant: z.enum(badPreambleVariants).default('bad-record'),
});

/** The client sends a via no application registered (EndpointNotFound, §3.4). */
const noRoute = z.strictObject({ kind: z.literal('no-route'), ...sessionRule });

/** F1: duplicating the handle into the worker fails (§3.3). */
const duplicateHandleFailure = z.strictObject({
  kind: z.literal('duplicate-handle-failure'),
  ...sessionRule,
  /** WSA error: 10024 (worker exiting) or 10022 (no rights). @default 10024 */
  wsaError: z.union([z.literal(10022), z.literal(10024)]).default(10024),
});

/** F2: the callback to the worker fails after the handle was duplicated (§3.3). */
const workerCallbackFailure = z.strictObject({
  kind: z.literal('worker-callback-failure'),
  ...sessionRule,
  exception: z
    .enum([
      'CommunicationException',
      'CommunicationObjectAbortedException',
      'CommunicationObjectFaultedException',
      'FaultException',
      'ObjectDisposedException',
    ])
    .default('CommunicationObjectAbortedException'),
});

/** The worker takes far longer to accept the session (F3 when a callback timeout is set). */
const workerHang = z.strictObject({
  kind: z.literal('worker-hang'),
  ...sessionRule,
  /** Extra time the worker takes before it accepts. @default 120000 */
  hangMs: durationSchema.prefault(120_000),
});

/**
 * Not 4031: the worker accepts the connection (4030) and then answers with a fault
 * because the service cannot be activated or the .svc is missing (§3.3 "Not 4031").
 */
const serviceActivationFailure = z.strictObject({
  kind: z.literal('service-activation-failure'),
  ...sessionRule,
  fault: z.enum(['ServiceActivationFailed', 'EndpointNotFound']).default('ServiceActivationFailed'),
});

/** The queue cannot dispatch during a window (CanDispatch false: EndpointUnavailable, §3.4). */
const queuePaused = z.strictObject({
  id: ruleId,
  kind: z.literal('queue-paused'),
  target: faultTargetSchema.prefault({}),
  fromMs: ms.default(0),
  toMs: ms.optional(),
});

/** A new worker process fails before it registers: the listener channel never connects (§6.3). */
const workerStartFailure = z.strictObject({
  kind: z.literal('worker-start-failure'),
  ...sessionRule,
});

/**
 * WAS cannot open a listener channel instance (WebhostOpenListenerChannelInstance fails):
 * 4025 and the queue is faulted for the 15 s throttle (domain §6.3).
 */
const openListenerChannelFailure = z.strictObject({
  kind: z.literal('open-listener-channel-failure'),
  ...sessionRule,
  hresult: z
    .string()
    .regex(/^0x[0-9a-fA-F]{8}$/, 'an HRESULT such as 0x80070005')
    .default('0x80070005'),
});

/** Registration of a worker fails with a ListenerExceptionStatus (4014/4012, §2.1). */
export const registrationStatuses = [
  'ConflictingRegistration',
  'PathTooLong',
  'ProtocolUnsupported',
  'VersionUnsupported',
  'FailedToListen',
  'InvalidArgument',
] as const;

const registrationFailure = z.strictObject({
  kind: z.literal('registration-failure'),
  ...sessionRule,
  status: z.enum(registrationStatuses).default('FailedToListen'),
  /** Abort the control session (4012) instead of failing gracefully (4014). @default false */
  abort: z.boolean().default(false),
});

/** A worker process exits at a time: an in-flight dispatch fails (F2). */
const workerCrash = z.strictObject({
  id: ruleId,
  kind: z.literal('worker-crash'),
  target: faultTargetSchema.prefault({}),
  atMs: ms,
});

/** The SMSvcHost services (domain §1). */
export const serviceNames = ['portSharing', 'tcpActivator', 'pipeActivator'] as const;

/** A service is paused during a window: its queues answer EndpointUnavailable (§3.4). */
const servicePause = z.strictObject({
  id: ruleId,
  kind: z.literal('service-pause'),
  service: z.enum(serviceNames).default('portSharing'),
  fromMs: ms,
  toMs: ms.optional(),
});

/** A service stops at a time and optionally starts again (§6.3, §6.4). */
const serviceStop = z.strictObject({
  id: ruleId,
  kind: z.literal('service-stop'),
  service: z.enum(serviceNames).default('portSharing'),
  atMs: ms,
  restartAfterMs: ms.optional(),
});

/** An application pool is stopped at a time and optionally started again (§6.1). */
const appPoolStop = z.strictObject({
  id: ruleId,
  kind: z.literal('app-pool-stop'),
  pool: z.string().min(1),
  atMs: ms,
  restartAfterMs: ms.optional(),
});

/** An application pool recycles its worker processes (§6.3, §7). */
const appPoolRecycle = z.strictObject({
  id: ruleId,
  kind: z.literal('app-pool-recycle'),
  pool: z.string().min(1),
  atMs: ms,
  /** The new worker starts before the old one leaves (IIS default). @default true */
  overlapped: z.boolean().default(true),
  /** How long the old worker takes to shut down once told to. @default 1000 */
  shutdownMs: durationSchema.prefault(1000),
});

/** An application's enabledProtocols loses its protocol during a window (§6.1, §7). */
const protocolDisabled = z.strictObject({
  id: ruleId,
  kind: z.literal('protocol-disabled'),
  target: faultTargetSchema.prefault({}),
  fromMs: ms.default(0),
  toMs: ms.optional(),
});

/** WAS disconnects from the listener adapter; it reconnects after a delay, or never (§6.3). */
const wasDisconnect = z.strictObject({
  id: ruleId,
  kind: z.literal('was-disconnect'),
  atMs: ms,
  /** Omitted: WAS never comes back, and after 120 s the adapter gives up (4032). */
  reconnectAfterMs: ms.optional(),
});

/** One rule of the fault plan. */
export const faultRuleSchema = z.discriminatedUnion('kind', [
  preambleTimeout,
  badPreamble,
  noRoute,
  duplicateHandleFailure,
  workerCallbackFailure,
  workerHang,
  serviceActivationFailure,
  queuePaused,
  workerStartFailure,
  openListenerChannelFailure,
  registrationFailure,
  workerCrash,
  servicePause,
  serviceStop,
  appPoolStop,
  appPoolRecycle,
  protocolDisabled,
  wasDisconnect,
]);

/** A fault rule after parsing (defaults filled in). */
export type FaultRule = DeepReadonly<z.output<typeof faultRuleSchema>>;
/** A fault rule as written. */
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
/** The fault kinds. */
export type FaultKind = FaultRule['kind'];
/** One kind's rule. */
export type FaultRuleOf<K extends FaultKind> = Extract<FaultRule, { kind: K }>;
/** Every fault kind, in schema order. */
export const faultKinds: readonly FaultKind[] = faultRuleSchema.options.map(
  (option) => option.shape.kind.value,
);
