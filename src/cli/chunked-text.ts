// ChunkedText: the text of a document on its way to stdout or --out, gathered into 64 KB
// chunks with the sink's backpressure (issue 10). Every streamed output goes through it.

import type { TextSink } from './cli-io.js';

/** Text gathered before a write to the sink. */
const CHUNK_CHARS = 64 * 1024;

/** Chunked, backpressured text on its way to a sink. */
export class ChunkedText {
  readonly #sink: TextSink;
  #buffer = '';
  #full = false;

  /** @param sink - where the chunks go */
  constructor(sink: TextSink) {
    this.#sink = sink;
  }

  /** @param text - the next piece of the document */
  readonly write = (text: string): void => {
    this.#buffer += text;
    if (this.#buffer.length >= CHUNK_CHARS) this.#flush();
  };

  #flush(): void {
    if (this.#buffer === '') return;
    if (!this.#sink.write(this.#buffer)) this.#full = true;
    this.#buffer = '';
  }

  /**
   * The run loop's backpressure: when the sink is full, a promise that resolves once it
   * drained (and rejects when writing failed).
   * @returns the promise to wait for, or undefined when the sink takes more now
   */
  readonly backpressure = (): Promise<void> | undefined => {
    if (!this.#full) return undefined;
    this.#full = false;
    return this.#sink.drain();
  };

  /** Writes what is gathered and waits until the sink took it. */
  async flush(): Promise<void> {
    this.#flush();
    this.#full = false;
    await this.#sink.drain();
  }
}
