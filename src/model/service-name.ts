// The SMSvcHost services a scenario can pause and stop (domain §1).

import type { serviceNames } from '../scenario/fault-schema.js';

/** NetTcpPortSharing, NetTcpActivator or NetPipeActivator. */
export type ServiceName = (typeof serviceNames)[number];
