// What `dispatchsim serve` prints when it stops (issue 14): the connections it took, the
// outcome of each (the model's tally, plus the preambles the listener itself aborted, and the
// dispatched sessions the worker refused), the
// ETW events and Event Log entries by id, the performance counters, and the faults fired (as
// `run`'s summary writes them). Pure formatting.

import { findEvent } from '../events/event-catalog.js';
import { eventLogCatalog } from '../events/event-log-entry.js';
import {
  performanceCounterNames,
  performanceCounterTitles,
  type PerformanceCounters,
} from '../events/performance-counters.js';
import { sessionOutcomeKinds, type SessionOutcomeKind } from '../events/session-outcome.js';
import { faultsFiredLines } from '../report/faults-fired-lines.js';

/** A live listener's books when it stops. */
export interface LiveSummary {
  readonly scenario: string;
  readonly seed: number;
  readonly host: string;
  readonly port: number;
  /** How long it listened, in ms. */
  readonly uptimeMs: number;
  /**
   * Connections accepted: the sessions the model was given, the preambles the listener
   * aborted, the connections refused after the real accept, and those closed before any byte.
   */
  readonly connections: number;
  /** The model's outcomes of the sessions it was given. */
  readonly outcomes: Readonly<Record<SessionOutcomeKind, number>>;
  /** Sessions the model had given no outcome when the listener stopped (queued, dispatching). */
  readonly open: number;
  /** Preambles the listener reset before the model saw them, by reason. */
  readonly preambleAborts: Readonly<Record<string, number>>;
  /**
   * Connections the model's acceptor refused before their preamble was read (the listen
   * backlog full, the listener stopped while they waited in it), by reason: reset after the
   * real accept, where SMSvcHost's kernel refuses the connect.
   */
  readonly refusedConnections: Readonly<Record<string, number>>;
  /**
   * Dispatched sessions the worker then refused, by the fault it wrote (`reset` when it reset
   * the connection): what a WCF worker does with a binding mismatch or a message over its
   * quota, after SMSvcHost's 4030.
   */
  readonly workerRefusals: Readonly<Record<string, number>>;
  /**
   * Connections the client closed before sending a byte, which SMSvcHost closes quietly
   * (domain §3.1 step 3: a client timing out a pooled connection).
   */
  readonly closedBeforePreamble: number;
  readonly eventCounts: ReadonlyMap<number, number>;
  readonly eventLogCounts: ReadonlyMap<number, number>;
  readonly counters: PerformanceCounters;
  /** Real worker processes forked. */
  readonly workerProcesses: number;
  /** Faults fired, by kind, in first-fired order. */
  readonly faultsFired: Readonly<Record<string, number>>;
}

// The outcome labels' column: as wide as the longest, closed-before-preamble.
const OUTCOME_WIDTH = 'closed-before-preamble'.length;

/**
 * @param summary - the books
 * @returns the text printed on SIGINT/SIGTERM, a line each, ending with a newline
 */
export function formatLiveSummary(summary: LiveSummary): string {
  // An IPv6 address is bracketed in a URI, as in the first line ("listening on").
  const authority = summary.host.includes(':') ? `[${summary.host}]` : summary.host;
  const lines: string[] = [
    `dispatchsim serve: stopped after ${(summary.uptimeMs / 1000).toFixed(1)} s on net.tcp://${authority}:${summary.port}/ (scenario ${summary.scenario}, seed ${summary.seed})`,
    `connections: ${summary.connections}, worker processes: ${summary.workerProcesses}`,
    'outcomes:',
  ];
  for (const kind of sessionOutcomeKinds) {
    const count = summary.outcomes[kind];
    if (count > 0) lines.push(`  ${kind.padEnd(OUTCOME_WIDTH)} ${count}`);
  }
  // A queued connection is not read (nor is it by SMSvcHost), so a client that gave up on one
  // is not seen: the stop resets what is still there (user report: "reset by the stop" for
  // connections their clients had closed 30 s before).
  if (summary.open > 0) {
    lines.push(
      `  ${'open'.padEnd(OUTCOME_WIDTH)} ${summary.open} (no outcome yet: the stop reset those their client had not closed)`,
    );
  }
  for (const [reason, count] of Object.entries(summary.refusedConnections)) {
    lines.push(
      `  ${'connection-refused'.padEnd(OUTCOME_WIDTH)} ${count} (${reason}: reset after the real accept)`,
    );
  }
  for (const [reason, count] of Object.entries(summary.preambleAborts)) {
    lines.push(
      `  ${'preamble-aborted'.padEnd(OUTCOME_WIDTH)} ${count} (by the listener: ${reason})`,
    );
  }
  if (summary.closedBeforePreamble > 0) {
    lines.push(
      `  ${'closed-before-preamble'.padEnd(OUTCOME_WIDTH)} ${summary.closedBeforePreamble} (by the client before any byte: closed quietly)`,
    );
  }
  const refusals = Object.entries(summary.workerRefusals);
  if (refusals.length > 0) {
    lines.push('refused by the worker after dispatch:');
    const width = Math.max(...refusals.map(([answer]) => answer.length));
    for (const [answer, count] of refusals) lines.push(`  ${answer.padEnd(width)}  ${count}`);
  }
  lines.push('events:');
  const events = [...summary.eventCounts]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a - b)
    .map(([id, count]) => ({ id, name: findEvent(id)?.name ?? '', count }));
  // The name column fits the longest name (WasCloseAllListenerChannelInstancesCompleted is
  // 44 letters), 40 at least.
  const nameWidth = Math.max(40, ...events.map((event) => event.name.length));
  for (const { id, name, count } of events) {
    lines.push(`  ${String(id).padEnd(5)} ${name.padEnd(nameWidth)} ${count}`);
  }
  const logs = [...summary.eventLogCounts].filter(([, count]) => count > 0);
  if (logs.length > 0) {
    lines.push('event log:');
    for (const [id, count] of logs.sort(([a], [b]) => a - b)) {
      const name = eventLogCatalog.find((entry) => entry.id === id)?.name ?? '';
      lines.push(`  ${String(id).padEnd(5)} ${name.padEnd(nameWidth)} ${count}`);
    }
  }
  lines.push('counters:');
  for (const name of performanceCounterNames) {
    lines.push(`  ${performanceCounterTitles[name].padEnd(40)} ${summary.counters[name]}`);
  }
  lines.push(...faultsFiredLines(summary.faultsFired, 'faults fired:'));
  return `${lines.join('\n')}\n`;
}
