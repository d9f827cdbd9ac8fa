// FuzzPool: a few child processes that run fuzz cases, each watched by a wall clock. A case
// that does not answer in time is a hang: its child is killed and replaced. A child that
// dies (out of memory, a crash) fails its case as an internal error.

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fuzzFailure, type FuzzVerdict } from './fuzz-case.js';
import type { FuzzRequest, FuzzResponse } from './fuzz-child.js';

interface Slot {
  child: ChildProcess;
  busy: { readonly request: FuzzRequest; readonly done: (v: FuzzVerdict) => void } | undefined;
  timer: NodeJS.Timeout | undefined;
}

const childPath = fileURLToPath(new URL('./fuzz-child.js', import.meta.url));

/** Runs fuzz cases in child processes, at most one per child at a time. */
export class FuzzPool {
  readonly #slots: Slot[] = [];
  readonly #waiting: { request: FuzzRequest; done: (v: FuzzVerdict) => void }[] = [];
  readonly #timeoutMs: number;
  #closed = false;

  /**
   * @param size - child processes (cores)
   * @param timeoutMs - wall-clock time a case may take before it counts as a hang
   */
  constructor(size: number, timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    for (let i = 0; i < size; i++) {
      const slot: Slot = {
        child: undefined as unknown as ChildProcess,
        busy: undefined,
        timer: undefined,
      };
      this.#start(slot);
      this.#slots.push(slot);
    }
  }

  // Gives the slot a fresh child process, its answers and death bound to this slot.
  #start(slot: Slot): void {
    const child = fork(childPath, [], { stdio: 'inherit' });
    slot.child = child;
    child.on('message', (message: FuzzResponse) => {
      if (slot.child !== child || slot.busy?.request.id !== message.id) return;
      this.#finish(slot, message.verdict, false);
    });
    child.on('exit', (code, signal) => {
      if (this.#closed || slot.child !== child || slot.busy === undefined) return;
      const died = `the case's process died (exit ${code ?? '-'}, signal ${signal ?? '-'})`;
      this.#finish(slot, fuzzFailure('internal-error', died), true);
    });
  }

  #finish(slot: Slot, verdict: FuzzVerdict, replace: boolean): void {
    const busy = slot.busy;
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.busy = undefined;
    if (replace) {
      slot.child.kill('SIGKILL');
      this.#start(slot);
    }
    busy?.done(verdict);
    this.#next(slot);
  }

  #next(slot: Slot): void {
    const job = this.#waiting.shift();
    if (job === undefined) return;
    slot.busy = job;
    slot.timer = setTimeout(() => {
      const hang = `no answer within ${this.#timeoutMs} ms of wall-clock time`;
      this.#finish(slot, fuzzFailure('hang', hang), true);
    }, this.#timeoutMs);
    slot.child.send(job.request);
  }

  /**
   * @param request - the case
   * @returns its verdict; a hang or a dead child are verdicts too, never rejections
   */
  run(request: FuzzRequest): Promise<FuzzVerdict> {
    return new Promise((done) => {
      this.#waiting.push({ request, done });
      const idle = this.#slots.find((slot) => slot.busy === undefined);
      if (idle !== undefined) this.#next(idle);
    });
  }

  /** Stops every child. */
  close(): void {
    this.#closed = true;
    for (const slot of this.#slots) {
      if (slot.timer !== undefined) clearTimeout(slot.timer);
      slot.child.kill('SIGKILL');
    }
  }
}
