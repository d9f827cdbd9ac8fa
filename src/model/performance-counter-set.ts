// The SMSvcHost performance counters per transport (domain §2.5), mutated by the model
// where ListenerPerfCounters increments them.

import type {
  PerformanceCounterName,
  PerformanceCounters,
} from '../events/performance-counters.js';
import { performanceCounterNames } from '../events/performance-counters.js';
import type { Transport } from '../scenario/service-uri.js';

/** Mutable counters for the two transports. */
export class PerformanceCounterSet {
  readonly #values = {
    tcp: new Map<PerformanceCounterName, number>(),
    pipe: new Map<PerformanceCounterName, number>(),
  };

  /**
   * @param transport - which instance of the counter category
   * @param name - the counter
   * @param delta - the increment (negative for Registrations Active going down)
   */
  add(transport: Transport, name: PerformanceCounterName, delta = 1): void {
    const values = this.#values[transport];
    values.set(name, (values.get(name) ?? 0) + delta);
  }

  /**
   * @param transport - one transport, or both when omitted
   * @returns the counter values
   */
  snapshot(transport?: Transport): PerformanceCounters {
    const read = (name: PerformanceCounterName): number =>
      transport === undefined
        ? (this.#values.tcp.get(name) ?? 0) + (this.#values.pipe.get(name) ?? 0)
        : (this.#values[transport].get(name) ?? 0);
    return Object.fromEntries(performanceCounterNames.map((name) => [name, read(name)])) as {
      [K in PerformanceCounterName]: number;
    };
  }
}
