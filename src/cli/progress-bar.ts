// The progress bar of long runs: cli-progress on stderr, shown only to a person watching a
// terminal (both streams are TTYs and CI is unset), never in a pipe or a log, so it never
// mixes with the output. cli-progress is imported when a bar starts, so runs without one do
// not load it.

import type { CliIo } from './cli-io.js';

/** Runs with more first-attempt sessions than this show a bar. */
export const PROGRESS_THRESHOLD = 20_000;

/** A progress display: updated with requests done, stopped at the end. */
export interface Progress {
  readonly update: (done: number, total: number) => void;
  readonly stop: () => void;
}

/**
 * @param io - the outside world
 * @param sessions - first-attempt sessions of the run
 * @returns whether this run shows a progress bar
 */
export function wantsProgress(io: CliIo, sessions: number): boolean {
  const ci = io.env['CI'];
  return (
    sessions > PROGRESS_THRESHOLD &&
    io.isTTY &&
    (io.stderrIsTTY ?? io.isTTY) &&
    (ci === undefined || ci === '' || ci === 'false' || ci === '0')
  );
}

/**
 * @param io - the outside world
 * @returns a stream for cli-progress (which writes escape sequences to a stream) that
 *   forwards to `io.stderr`
 */
export function stderrStream(io: CliIo): NodeJS.WritableStream {
  return {
    isTTY: true,
    columns: io.columns ?? 100,
    write: (chunk: string): boolean => {
      io.stderr(chunk);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
}

/**
 * Starts a bar on `io.stderr`.
 * @param io - the outside world
 * @param label - what is running (the scenario name)
 * @param total - first-attempt sessions
 * @returns the bar, once started
 */
export async function startProgress(io: CliIo, label: string, total: number): Promise<Progress> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: stderrStream(io),
      format: `${label} [{bar}] {percentage}% | {value}/{total} requests | ETA {eta_formatted}`,
      clearOnComplete: true,
      hideCursor: true,
      fps: 10,
    },
    cliProgress.Presets.legacy,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(Math.min(done, total)),
    stop: () => bar.stop(),
  };
}
