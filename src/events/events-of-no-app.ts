// The ETW events no application can be named for (an expectation's `app`): those SMSvcHost
// writes for a whole transport listener, for the acceptor's pending connections, or for its
// connection to WAS. Every other event concerns one application: it names it (a worker's
// registration, a queue's ratio, a dispatch) or belongs to a session routed to it (the
// session's 4001 and 4030 included). Pinned against every bundled scenario's trace
// (test/events/events-of-no-app.test.ts).

/** Ids of the ETW events that concern no one application. */
export const eventsOfNoApp: ReadonlySet<number> = new Set([
  // The acceptor's pending connections (before any routing).
  1419, 1430, 1439,
  // The TCP and pipe transport listeners.
  4020, 4021, 4028, 4029,
  // The listener adapter and its connection to WAS, for every application at once.
  4002, 4003, 4022, 4026, 4027, 4032,
]);
