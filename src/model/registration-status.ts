// The result of a failed registration (ListenerExceptionStatus, domain §2.1 4012/4014).

import type { registrationStatuses } from '../scenario/fault-schema.js';

/** A ListenerExceptionStatus other than Success. */
export type ListenerExceptionStatus = (typeof registrationStatuses)[number];

/** A failed registration: its status, and whether the control session was aborted (4012). */
export interface RegistrationFailureStatus {
  readonly status: ListenerExceptionStatus;
  readonly abort: boolean;
}
