// The progress line of long sweeps and swarms: cases done, failures found and the rate, on
// stderr, only for a person at a terminal (never in a pipe or under CI), like the run bar.

import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.js';
import { stderrStream, wantsProgress } from './progress-bar.js';

/** A search's progress display. */
export interface SearchProgress {
  readonly update: (done: number, failures: number) => void;
  readonly stop: () => void;
}

/** Searches with more cases than this show progress. */
export const SEARCH_PROGRESS_THRESHOLD = 20;

/**
 * @param io - the outside world
 * @param label - what runs (`sweep`, `swarm`)
 * @param total - the cases to run
 * @returns the display, or undefined when nobody is watching or the search is short
 */
export function startSearchProgress(
  io: CliIo,
  label: string,
  total: number,
): SearchProgress | undefined {
  // wantsProgress checks the terminals and CI; its size threshold is for sessions.
  if (total <= SEARCH_PROGRESS_THRESHOLD || !wantsProgress(io, Number.MAX_SAFE_INTEGER)) {
    return undefined;
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: stderrStream(io),
      format: `${label} [{bar}] {value}/{total} cases | {failures} failing | {rate} cases/s`,
      clearOnComplete: true,
      hideCursor: true,
      fps: 10,
    },
    cliProgress.Presets.legacy,
  );
  const started = io.now();
  bar.start(total, 0, { failures: 0, rate: '0' });
  return {
    update: (done, failures) => {
      const seconds = Math.max(0.001, (io.now() - started) / 1000);
      bar.update(done, { failures, rate: (done / seconds).toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}

/** A swarm's shrink progress display. */
export interface ShrinkProgress {
  /** One more shrink run made. */
  readonly tick: () => void;
  readonly stop: () => void;
}

/**
 * The progress line of a swarm's shrinks (user report: a 190 s shrink showed nothing but its
 * opening line): runs made against the most the shrinks may make, on stderr, only for a
 * person at a terminal.
 * @param io - the outside world
 * @param upTo - the most runs the shrinks may make (each shrink's budget, summed)
 * @returns the display, or undefined when nobody is watching
 */
export function startShrinkProgress(io: CliIo, upTo: number): ShrinkProgress | undefined {
  if (!wantsProgress(io, Number.MAX_SAFE_INTEGER)) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: stderrStream(io),
      format: 'shrinking [{bar}] {value} runs, of at most {total}',
      clearOnComplete: true,
      hideCursor: true,
      fps: 10,
    },
    cliProgress.Presets.legacy,
  );
  bar.start(upTo, 0);
  let runs = 0;
  return {
    tick: () => {
      runs++;
      bar.update(Math.min(runs, upTo));
    },
    stop: () => bar.stop(),
  };
}
