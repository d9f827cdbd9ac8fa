// Which `target` fields each fault kind reads (user report: a swarm drew, and `validate`
// accepted, `worker-start-failure` rules aimed at a via, which never fire). A kind decided at
// a step of the pipeline matches its target against what that step knows: a preamble is read
// before the session is routed (its via only), a worker launch or registration has no via, a
// listener channel opens for an app of a pool. A timed kind picks its apps by `app` and `pool`
// (and `worker-crash` its process by `worker`), and ignores the rest.

import type { FaultKind } from './fault-schema.js';

/** A field of a fault rule's `target`. */
export type TargetField = 'app' | 'pool' | 'via' | 'worker';

/** Every field of a `target`; what a kind decided per session reads. */
export const targetFields: readonly TargetField[] = ['app', 'pool', 'via', 'worker'];

const PER_SESSION = targetFields;

/**
 * The target fields each kind reads, and whether a field it does not read leaves the rule
 * unable to fire (`decided`: the step knows nothing of it) or is ignored (`timed`).
 */
export const faultTargetFields: Readonly<
  Record<
    FaultKind,
    { readonly reads: readonly TargetField[]; readonly unread: 'never fires' | 'ignored' }
  >
> = {
  'preamble-timeout': { reads: ['via'], unread: 'never fires' },
  'bad-preamble': { reads: ['via'], unread: 'never fires' },
  'no-route': { reads: ['via'], unread: 'never fires' },
  'duplicate-handle-failure': { reads: PER_SESSION, unread: 'never fires' },
  'worker-callback-failure': { reads: PER_SESSION, unread: 'never fires' },
  'worker-hang': { reads: PER_SESSION, unread: 'never fires' },
  'service-activation-failure': { reads: PER_SESSION, unread: 'never fires' },
  'worker-start-failure': { reads: ['app', 'pool', 'worker'], unread: 'never fires' },
  'registration-failure': { reads: ['app', 'pool', 'worker'], unread: 'never fires' },
  'open-listener-channel-failure': { reads: ['app', 'pool'], unread: 'never fires' },
  'queue-paused': { reads: ['app', 'pool'], unread: 'ignored' },
  'protocol-disabled': { reads: ['app', 'pool'], unread: 'ignored' },
  'worker-crash': { reads: ['app', 'pool', 'worker'], unread: 'ignored' },
  'service-pause': { reads: [], unread: 'ignored' },
  'service-stop': { reads: [], unread: 'ignored' },
  'app-pool-stop': { reads: [], unread: 'ignored' },
  'app-pool-recycle': { reads: [], unread: 'ignored' },
  'was-disconnect': { reads: [], unread: 'ignored' },
};
