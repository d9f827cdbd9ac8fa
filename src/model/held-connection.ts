// HeldConnection: a live connection the model's acceptor holds before its preamble is read
// (live mode, `dispatchsim serve`). SMSvcHost's ConnectionAcceptor counts a connection from its
// accept to the decoding of its via against maxPendingConnections (domain §3.1 step 2); a
// simulated client's connection is a Session from its connect, but a real one has no via
// until the listener has read it, so the listener gives the acceptor this stand-in instead.

import type { Session } from './session.js';
import type { TransportListener } from './transport-listener.js';

/** A real connection accepted, or waiting in the backlog, before its via is known. */
export class HeldConnection {
  /**
   * The listener whose acceptor slot it holds, once accepted (from the backlog or at once);
   * undefined while it waits, or when no model listener took it.
   */
  listener: TransportListener<Session | HeldConnection> | undefined = undefined;
  /** Starts reading its preamble: the acceptor took it. */
  readonly start: () => void;
  /** Ends it: the listener stopped while it waited in the backlog. */
  readonly refuse: () => void;

  /**
   * @param start - called when the acceptor takes it (at once, or when a slot frees)
   * @param refuse - called when the listener stops while it waits in the backlog
   */
  constructor(start: () => void, refuse: () => void) {
    this.start = start;
    this.refuse = refuse;
  }
}
