// The listener-channel state machine of a WAS application's queue (domain §6.3;
// SMS/ActivatedMessageQueue.cs). Pure transitions: the WAS host performs the side effects
// (asking WAS to open an instance, dropping sessions, arming the 15 s throttle).

/** States of an ActivatedMessageQueue. */
export type ActivatedQueueState = 'PendingOpen' | 'OpenedPendingConnect' | 'Connected' | 'Faulted';

/** A "launch while still waiting for connect" beyond this many faults the queue (domain §4.2). */
export const MAX_LISTENER_CHANNEL_FAILURES = 6;

/** Faulted queues return to PendingOpen after this long (plus up to 5 s skew; domain §4.2). */
export const FAILURE_THROTTLING_TIMEOUT_MS = 15_000;

/** What the host must do after a transition. */
export type QueueAction = 'none' | 'open' | 'fault';

/** The state and failure counter of one activated queue. */
export class ActivatedQueueStateMachine {
  state: ActivatedQueueState = 'PendingOpen';
  /** Consecutive "can open" signals that found no worker connected since the last open. */
  failures = 0;

  /**
   * A session was enqueued: PendingOpen goes to OpenedPendingConnect and WAS is asked to
   * open a listener channel instance.
   * @returns `open` when WAS must be asked
   */
  onEnqueue(): QueueAction {
    if (this.state !== 'PendingOpen') return 'none';
    this.state = 'OpenedPendingConnect';
    return 'open';
  }

  /** WebhostOpenListenerChannelInstance failed (4025). @returns `fault` */
  onOpenFailed(): QueueAction {
    this.state = 'Faulted';
    return 'fault';
  }

  /**
   * A worker registered with the right id and token: Connected, counter reset, whatever the
   * state. OnListenerChannelConnected sets it unconditionally, so a worker that registers
   * during the 15 s throttle of a Faulted queue connects it again; the throttle timer still
   * returns it to PendingOpen when it fires (ThrottlingCallback).
   */
  onWorkerRegistered(): void {
    this.state = 'Connected';
    this.failures = 0;
  }

  /**
   * WAS says a new listener channel instance may be started.
   * @param hasPending - sessions are waiting
   * @returns `open` to ask WAS again, `fault` on the 7th failed launch, else `none`
   */
  onCanOpenNewInstance(hasPending: boolean): QueueAction {
    if (this.state === 'Faulted') return 'none';
    if (this.state === 'OpenedPendingConnect') {
      this.failures++;
      if (this.failures > MAX_LISTENER_CHANNEL_FAILURES) {
        this.state = 'Faulted';
        return 'fault';
      }
    }
    this.state = 'PendingOpen';
    return hasPending ? this.onEnqueue() : 'none';
  }

  /** WAS reports all instances stopped, or the queue's URIs were (un)registered. */
  onReset(): void {
    if (this.state !== 'Faulted') this.state = 'PendingOpen';
  }

  /** The failure throttle elapsed: back to PendingOpen with the counter reset. */
  onThrottleElapsed(): void {
    this.state = 'PendingOpen';
    this.failures = 0;
  }
}
