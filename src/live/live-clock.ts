// The model's clock in live mode (issue 14): the same VirtualClock, whose instants are
// milliseconds since the listener started, fired by the LivePacer when the wall clock gets
// there (like SimPy's rt: the model never reads the wall clock itself). One addition: a
// dispatch gate. When SMSvcHost has duplicated a session's socket (4019), the real socket is
// handed to a real worker process; the model's callback to the worker (the timer that ends
// in 4030 or 4031) must not fire before that worker confirms it holds the socket, so the
// first `worker-callback` timer scheduled after a gate is armed waits for the gate.
// Simplification: this relies on the model scheduling the callback right after it emits 4019
// (SessionDispatch), which is where SMSvcHost calls the worker back (domain §3.1 step 9).

import { ms, type Millis } from '../core/millis.js';
import { TimerPriority, VirtualClock, type TimerHandle } from '../core/virtual-clock.js';

/** The model's owner name of the timer that ends a dispatch (SessionDispatch). */
export const WORKER_CALLBACK_OWNER = 'worker-callback';

/** A dispatch waiting for a real worker's confirmation. */
export class DispatchGate {
  #open = false;
  #waiting: (() => void) | undefined;

  /** Whether the worker confirmed (or the hand-over ended without it). */
  get open(): boolean {
    return this.#open;
  }

  /** Opens the gate: a callback timer held back fires now. */
  release(): void {
    if (this.#open) return;
    this.#open = true;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.();
  }

  /** @param action - runs when the gate opens (at once when it is open) */
  whenOpen(action: () => void): void {
    if (this.#open) action();
    else this.#waiting = action;
  }
}

/** A VirtualClock whose dispatch callbacks wait for real workers. */
export class LiveClock extends VirtualClock {
  #armed: DispatchGate | undefined;
  readonly #elapsed: () => Millis;

  /**
   * @param elapsed - the wall-clock time since the listener started, in ms
   */
  constructor(elapsed: () => Millis) {
    super();
    this.#elapsed = elapsed;
  }

  /**
   * Arms a gate: the next `worker-callback` timer waits for it.
   * @param gate - the gate of the dispatch whose socket is being handed over
   */
  arm(gate: DispatchGate): void {
    this.#armed = gate;
  }

  /** @returns the wall-clock instant, never before the clock's own time */
  wallNow(): Millis {
    return ms(Math.max(this.now(), this.#elapsed()));
  }

  override scheduleAt(
    atMs: Millis,
    fire: () => void,
    priority: number = TimerPriority.normal,
    owner = 'model',
  ): TimerHandle {
    const gate = owner === WORKER_CALLBACK_OWNER ? this.#armed : undefined;
    if (gate === undefined) return super.scheduleAt(atMs, fire, priority, owner);
    this.#armed = undefined;
    const handle: TimerHandle = super.scheduleAt(
      atMs,
      () => {
        if (gate.open) {
          fire();
          return;
        }
        // Held back: fire when the worker confirms, unless the model cancelled it meanwhile
        // (its worker crashed: the model fails the dispatch itself).
        gate.whenOpen(() => {
          super.scheduleAt(
            this.wallNow(),
            () => {
              if (!handle.cancelled) fire();
            },
            priority,
            owner,
          );
        });
      },
      priority,
      owner,
    );
    return handle;
  }
}
