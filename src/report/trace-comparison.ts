// TraceComparison: the determinism check of `run --check-determinism` (STYLE rules 31, 37):
// the NDJSON lines of a second run with the same seed are compared, as they arrive, with
// those of the first; the first line that differs is kept for the report.

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

/** Compares a second trace, line by line, with the first one. */
export class TraceComparison {
  readonly #expected: readonly string[];
  readonly #seed: number;
  #index = 0;
  #difference: TraceDifference | undefined;

  /**
   * @param expected - the first run's trace lines (without newlines)
   * @param seed - the seed both runs used
   */
  constructor(expected: readonly string[], seed: number) {
    this.#expected = expected;
    this.#seed = seed;
  }

  /** @param line - the second run's next trace line (without newline) */
  push(line: string): void {
    const index = this.#index++;
    if (this.#difference !== undefined) return;
    const expected = this.#expected[index];
    if (expected !== line) {
      this.#difference = { line: index + 1, first: expected ?? null, second: line };
    }
  }

  /** @returns the verdict, once the second run has ended */
  finish(): DeterminismCheck {
    let difference = this.#difference;
    if (difference === undefined && this.#index < this.#expected.length) {
      difference = {
        line: this.#index + 1,
        first: this.#expected[this.#index] ?? null,
        second: null,
      };
    }
    const base = { seed: this.#seed, lines: this.#expected.length };
    return difference === undefined
      ? { ...base, identical: true }
      : { ...base, identical: false, difference };
  }
}
