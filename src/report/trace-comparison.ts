// The determinism check of `run --check-determinism` (STYLE rules 31, 37; issue 10) in
// bounded memory: no trace is held. The first run's NDJSON lines are hashed in chunks of
// 4,096 lines; the second run's chunks are hashed and compared as they arrive, and the lines
// of the first chunk that differs are kept (at most 4,096). Only when the traces differ does
// a third run (the first run's setup again) give that chunk's lines, so the report names the
// first line that differs.

import { createHash, type Hash } from 'node:crypto';

/** Lines per hashed chunk. */
export const CHUNK_LINES = 4096;

/** The first trace line where two runs differ. */
export interface TraceDifference {
  /** 1-based line number in the NDJSON trace. */
  readonly line: number;
  /** The first run's line, or null when its trace had already ended. */
  readonly first: string | null;
  /** The second run's line, or null when its trace had already ended. */
  readonly second: string | null;
}

/** What the determinism check found. */
export interface DeterminismCheck {
  readonly seed: number;
  readonly identical: boolean;
  /** Lines in the first run's trace. */
  readonly lines: number;
  /** Where the traces first differ; absent when they are identical. */
  readonly difference?: TraceDifference;
}

/** Hashes a trace, chunk by chunk, as its lines arrive. */
export class TraceDigest {
  readonly #chunks: string[] = [];
  #hash: Hash | undefined;
  #lines = 0;

  /** @param line - the next trace line (without newline) */
  readonly push = (line: string): void => {
    this.#hash ??= createHash('sha1');
    this.#hash.update(line);
    this.#hash.update('\n');
    if (++this.#lines % CHUNK_LINES === 0) this.#close();
  };

  #close(): void {
    if (this.#hash === undefined) return;
    this.#chunks.push(this.#hash.digest('hex'));
    this.#hash = undefined;
  }

  /** @returns the digests of every chunk (the last one may be partial) and the line count */
  finish(): { readonly chunks: readonly string[]; readonly lines: number } {
    this.#close();
    return { chunks: this.#chunks, lines: this.#lines };
  }
}

/** Compares a second run's trace with a first run's digests, as its lines arrive. */
export class TraceComparison {
  readonly #expected: { readonly chunks: readonly string[]; readonly lines: number };
  readonly #seed: number;
  /** Lines of the current chunk of the second run, kept until its digest is known. */
  #current: string[] = [];
  #lines = 0;
  /** The first chunk whose digest differs, and the second run's lines of it. */
  #differing: { readonly chunk: number; readonly lines: readonly string[] } | undefined;

  /**
   * @param expected - the first run's chunk digests and line count, from {@link TraceDigest}
   * @param seed - the seed both runs used
   */
  constructor(
    expected: { readonly chunks: readonly string[]; readonly lines: number },
    seed: number,
  ) {
    this.#expected = expected;
    this.#seed = seed;
  }

  /** @param line - the second run's next trace line (without newline) */
  readonly push = (line: string): void => {
    this.#lines++;
    if (this.#differing !== undefined) return;
    this.#current.push(line);
    if (this.#current.length === CHUNK_LINES) this.#check();
  };

  #check(): void {
    const chunk = Math.ceil(this.#lines / CHUNK_LINES) - 1;
    const hash = createHash('sha1');
    for (const line of this.#current) hash.update(`${line}\n`);
    if (this.#differing === undefined && hash.digest('hex') !== this.#expected.chunks[chunk]) {
      this.#differing = { chunk, lines: this.#current };
    }
    this.#current = [];
  }

  /**
   * The chunk to look into when the traces differ: the first run's lines of it are needed
   * to name the first differing line.
   * @returns the 0-based chunk index, or undefined when the traces are identical
   */
  differingChunk(): number | undefined {
    if (this.#differing === undefined && this.#current.length > 0) this.#check();
    if (this.#differing === undefined && this.#lines !== this.#expected.lines) {
      // Every chunk the second run wrote matched: the first run has more chunks after them.
      this.#differing = { chunk: Math.ceil(this.#lines / CHUNK_LINES), lines: [] };
    }
    return this.#differing?.chunk;
  }

  /**
   * @param firstRunLines - the first run's lines of {@link TraceComparison.differingChunk}
   *   (from a third run with its setup); not needed when the traces are identical
   * @returns the verdict
   */
  finish(firstRunLines: readonly string[] = []): DeterminismCheck {
    const chunk = this.differingChunk();
    const base = { seed: this.#seed, lines: this.#expected.lines };
    if (chunk === undefined) return { ...base, identical: true };
    const second = this.#differing?.lines ?? [];
    const length = Math.max(firstRunLines.length, second.length);
    let index = 0;
    while (index < length && firstRunLines[index] === second[index]) index++;
    return {
      ...base,
      identical: false,
      difference: {
        line: chunk * CHUNK_LINES + index + 1,
        first: firstRunLines[index] ?? null,
        second: second[index] ?? null,
      },
    };
  }
}

/**
 * Collects the lines of one chunk of a trace (the third run of a failed determinism check).
 * @param chunk - the 0-based chunk index
 * @returns a line sink and the lines collected
 */
export function collectChunk(chunk: number): {
  readonly push: (line: string) => void;
  readonly lines: readonly string[];
} {
  const lines: string[] = [];
  let index = 0;
  const from = chunk * CHUNK_LINES;
  return {
    push: (line) => {
      if (index >= from && index < from + CHUNK_LINES) lines.push(line);
      index++;
    },
    lines,
  };
}
