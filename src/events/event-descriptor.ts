// The shape of one ETW event descriptor (domain §2.1, §2.3): what the manifest and the
// generated TD.Designer.cs writers say about an event id.

/** ETW levels (domain §0): Critical 1, Error 2, Warning 3, Information 4, Verbose 5. */
export type EventLevel = 'Critical' | 'Error' | 'Warning' | 'Information' | 'Verbose';

/** Numeric value of each level, as ETW sessions filter on it. */
export const levelValue = {
  Critical: 1,
  Error: 2,
  Warning: 3,
  Information: 4,
  Verbose: 5,
} as const satisfies Record<EventLevel, number>;

/** ETW channels used by the provider. */
export type EventChannel = 'Analytic' | 'Debug' | 'Operational';

/**
 * Which ETW activity an event is written with (domain §2.1 "Activity" column, §2.2):
 * `session` events carry the per-session ActivityId; the others carry the worker's,
 * queue's, listener's or adapter's activity, or none.
 */
export type EventActivity = 'session' | 'worker' | 'queue' | 'listener' | 'adapter' | 'none';

/** Which process writes the event. */
export type EventEmitterProcess = 'SMSvcHost' | 'worker';

/** The ETW type of a payload field. */
export type PayloadFieldType = 'string' | 'int32';

/** One payload field, in manifest order (the trailing `AppDomain` string is implied). */
export interface PayloadField {
  readonly name: string;
  readonly type: PayloadFieldType;
}

/** A task or an opcode: its manifest number and name. */
export interface ManifestValue {
  readonly id: number;
  readonly name: string;
}

/** Everything the manifest says about one event id. */
export interface EventDescriptor {
  /** The ETW event id, e.g. 4031. */
  readonly id: number;
  /** The ETW symbolic name, e.g. `DispatchSessionFailed`. */
  readonly name: string;
  readonly level: EventLevel;
  readonly channel: EventChannel;
  readonly task: ManifestValue;
  readonly opcode: ManifestValue;
  /** The keyword mask, channel bits included, as a hex string (it exceeds 2^53). */
  readonly keywords: `0x${string}`;
  /** The English message template; `%1`, `%2` are the payload fields in order. */
  readonly message: string;
  /** Payload fields before the implied trailing `AppDomain`. */
  readonly payload: readonly PayloadField[];
  readonly activity: EventActivity;
  readonly emitter: EventEmitterProcess;
}
