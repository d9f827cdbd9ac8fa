// The lines by which the run summary tells of a run that stopped early (a passed horizon, a
// stall, a livelock; STYLE rule 27): a heading saying the figures are partial, the books at
// the stop (arrived = outcomes + in flight, the first attempts yet to arrive apart) and the
// verdict. The error line itself is the CLI's, on stderr.

import { countOf } from '../errors/count-of.js';
import type { RunStopCode, StoppedRunResult } from '../sim/run-result.js';
import { formatDuration } from './format-duration.js';
import type { TextStyle } from './text-style.js';

// How the run stopped, as the heading and the verdict say it.
function howItStopped(code: RunStopCode): string {
  switch (code) {
    case 'sim.horizon-exceeded':
      return 'at its horizon';
    case 'sim.stalled':
      return 'when it stalled';
    case 'sim.livelock':
      return 'when it livelocked';
  }
}

/**
 * @param result - what the run produced up to its stop
 * @param style - the report's styles
 * @returns the heading under the summary's title, e.g.
 *   `stopped at its horizon: what happened up to 2 s (2000 ms)`
 */
export function stoppedHeading(result: StoppedRunResult, style: TextStyle): string {
  // Every timer due up to the horizon fired: what happened is known up to the horizon itself.
  const atHorizon = result.stoppedBy === 'sim.horizon-exceeded';
  const upTo = atHorizon ? result.horizonMs : result.virtualDurationMs;
  // In words, with the ms when they differ (user report: `1000000000000 ms` sat above
  // `136111 h 7 min simulated`), and when the last thing happened, if before the horizon.
  const words = formatDuration(upTo);
  const when = words === `${upTo} ms` ? words : `${words} (${upTo} ms)`;
  // Not "nothing was due after": the next timer, past the horizon, was due (user report: the
  // error's `the next timer was due at 5500 ms` read as a contradiction).
  const quiet =
    atHorizon && result.virtualDurationMs < result.horizonMs
      ? `; the last step was at ${formatDuration(result.virtualDurationMs)}`
      : '';
  return `  ${style.bold(style.yellow(`stopped ${howItStopped(result.stoppedBy)}`))}: what happened up to ${when}${quiet}`;
}

/**
 * @param result - what the run produced up to its stop
 * @param outcomes - the outcomes it had, all kinds together
 * @param style - the report's styles
 * @returns the books at the stop: the sessions that arrived are those with an outcome and those
 *   in flight; then, when some had not arrived, a line counting them apart, and one counting
 *   the requests waiting on the client policy's promise, if any
 */
export function stoppedBooksLines(
  result: StoppedRunResult,
  outcomes: number,
  style: TextStyle,
): string[] {
  // Not "the books balance": with sessions in flight the result's `balanced` is false (user
  // report: the summary said they balance where the JSON said false).
  const books =
    outcomes + result.inFlight === result.sessions
      ? style.dim('outcomes + in flight = arrived')
      : style.bold(style.red('OUTCOMES + IN FLIGHT DO NOT ADD UP TO ARRIVED'));
  const lines = [
    `  ${result.sessions} sessions arrived, ${result.accepted} accepted, ${outcomes} outcomes, ${result.inFlight} in flight without an outcome: ${books}`,
  ];
  if (result.notArrived > 0) {
    const when =
      result.stoppedBy === 'sim.horizon-exceeded'
        ? 'never arrived before the horizon'
        : 'had not arrived when the run stopped';
    lines.push(`  ${countOf(result.notArrived, 'first attempt', 'first attempts')} ${when}`);
  }
  if (result.awaitingPolicy > 0) {
    lines.push(
      `  ${countOf(result.awaitingPolicy, "request was waiting on the client policy's promise", "requests were waiting on the client policy's promise")}`,
    );
  }
  return lines;
}

/**
 * @param result - what the run produced up to its stop
 * @param style - the report's styles
 * @returns the verdict line, in place of PASS or FAIL: the expectations were not checked
 */
export function stoppedVerdictLine(result: StoppedRunResult, style: TextStyle): string {
  return `${style.bold(style.red('STOPPED'))}  ${howItStopped(result.stoppedBy)}, before every session or request had an outcome`;
}
