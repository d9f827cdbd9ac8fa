// W3wpProcess: a WAS worker process of an application pool (domain §6.1, §6.2). It hosts
// every application of its pool whose listener channel WAS has been asked to open: its
// AppDomain protocol handler registers with SMSvcHost once per application, so one PID has
// one registration (WorkerProcess) per application. A web garden is `maxProcesses` of them.
// A crash, recycle, stop or idle timeout acts on the process, and so on every registration.

import type { Millis } from '../core/millis.js';
import type { TimerHandle } from '../core/virtual-clock.js';
import type { WorkerProcess } from './worker-process.js';

/**
 * - `starting`: launched by WAS, not yet up;
 * - `running`: up; its applications' listener channels register with SMSvcHost;
 * - `stopping`: told to shut down: its registrations are unregistered, it exits later;
 * - `exited`: gone.
 */
export type W3wpState = 'starting' | 'running' | 'stopping' | 'exited';

/** A worker process of an application pool. */
export class W3wpProcess {
  readonly pid: number;
  /** Its application pool. */
  readonly pool: string;
  /** 1-based ordinal among the processes started for the pool, for fault targets. */
  readonly ordinal: number;
  state: W3wpState = 'starting';
  /** Its registrations, by application name, in the order they were started. */
  readonly registrations = new Map<string, WorkerProcess>();
  /** The last time a dispatch to it ended (or it started), for the idle timeout. */
  lastActiveMs: Millis;
  idleTimer: TimerHandle | undefined;
  /** In an overlapped recycle: the old process this one replaces once it is up. */
  replaces: { readonly process: W3wpProcess; readonly shutdownMs: number } | undefined;

  /**
   * @param pid - its process id
   * @param pool - its application pool's name
   * @param ordinal - its ordinal in the pool
   * @param startedAtMs - when WAS launched it
   */
  constructor(pid: number, pool: string, ordinal: number, startedAtMs: Millis) {
    this.pid = pid;
    this.pool = pool;
    this.ordinal = ordinal;
    this.lastActiveMs = startedAtMs;
  }

  /** True while it is starting or running and not replacing another (a web garden slot). */
  get holdsSlot(): boolean {
    return (this.state === 'starting' || this.state === 'running') && this.replaces === undefined;
  }

  /** True while a dispatch is in flight to one of its registrations. */
  get busy(): boolean {
    for (const worker of this.registrations.values()) if (worker.busy) return true;
    return false;
  }
}
