// How long the sessions of one outcome kind took from arrival, in words, for the summary and
// the HTML report (user report: clients queued behind a hung worker were `dispatched` after
// ten minutes, and only the trace said so).

import type { OutcomeTime } from '../sim/time-to-outcome.js';
import { formatDuration } from './format-duration.js';

/**
 * @param time - one outcome kind's times
 * @returns `median 4 ms, p99 532 ms, max 553 ms`; one figure when there is one session or
 *   all took the same (`0 ms each`)
 */
export function describeOutcomeTime(time: OutcomeTime): string {
  if (time.count === 1) return formatDuration(time.maxMs);
  if (time.medianMs === time.maxMs) return `${formatDuration(time.maxMs)} each`;
  return `median ${formatDuration(time.medianMs)}, p99 ${formatDuration(time.p99Ms)}, max ${formatDuration(time.maxMs)}`;
}

/** WCF's default `OpenTimeout` (and `SendTimeout`): one minute. */
export const WCF_DEFAULT_OPEN_TIMEOUT_MS = 60_000;

/**
 * What the longest of an outcome kind's sessions means for a real client, whose channel stops
 * waiting after its `OpenTimeout` (one minute by default; the simulated clients have none).
 * @param time - one outcome kind's times
 * @returns a sentence when the longest took a minute or more, else undefined
 */
export function describeOpenTimeoutPassed(time: OutcomeTime): string | undefined {
  if (time.maxMs < WCF_DEFAULT_OPEN_TIMEOUT_MS) return undefined;
  const which = time.count === 1 ? 'it took' : 'the longest took';
  return `${which} 1 min or more, WCF's default OpenTimeout: a real client with that timeout gives up first (TimeoutException)`;
}
