// The explanations an HTML report shows beside each event (issue 16): the very text of
// `dispatchsim explain <id>` (formatEventExplanation, formatEventLogExplanation, from
// describeEvent and describeEventLogEntry), so the report and the CLI cannot disagree.

import { describeEvent } from '../../events/describe-event.js';
import { describeEventLogEntry } from '../../events/describe-event-log-entry.js';
import { isEventLogEntry, type TraceRecord } from '../../events/trace.js';
import { formatEventExplanation, formatEventLogExplanation } from '../event-explanation.js';
import type { ReportExplanation } from './html-report-data.js';

/**
 * @param record - an ETW event or Event Log entry
 * @returns its key in the report: `etw:4031`, `log:8`
 */
export function recordKey(record: TraceRecord): string {
  return `${isEventLogEntry(record) ? 'log' : 'etw'}:${record.id}`;
}

/**
 * @param key - a record key (`etw:4031`, `log:8`)
 * @returns the label, the one-paragraph summary and the whole `explain` text of that event, or
 *   undefined for a key the catalogues do not know
 */
export function explanationOf(key: string): ReportExplanation | undefined {
  const [kind, id] = key.split(':');
  if (kind === 'etw') {
    const event = describeEvent(Number(id));
    if (event === undefined) return undefined;
    return {
      label: `${event.id} ${event.name}`,
      summary: event.explanation.summary,
      text: formatEventExplanation(event),
    };
  }
  if (kind === 'log') {
    const entry = describeEventLogEntry(Number(id));
    if (entry === undefined) return undefined;
    return {
      label: `Event Log ${entry.id} ${entry.name}`,
      summary: entry.explanation.summary,
      text: formatEventLogExplanation(entry),
    };
  }
  return undefined;
}
