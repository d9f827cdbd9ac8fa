// The run summary: what `dispatchsim run` prints for a person (issue 6). It gives the seed,
// virtual against wall-clock time, the books, each outcome with what its clients saw (domain
// §5), the ETW events and Event Log entries by id (§2.1, §2.4), the performance counters
// (§2.5), the faults fired, each expectation with the figure seen, and the command that
// replays the run. A run that stopped early gets the same report of what happened up to the
// stop, headed as such (stopped-run-lines.ts). Pure: the caller measures the wall time and
// chooses the colours.

import { findEvent } from '../events/event-catalog.js';
import type { EventLevel } from '../events/event-descriptor.js';
import { eventLogCatalog } from '../events/event-log-entry.js';
import {
  performanceCounterNames,
  performanceCounterTitles,
} from '../events/performance-counters.js';
import { sessionOutcomeKinds } from '../events/session-outcome.js';
import {
  isStoppedRunResult,
  type ClientSeen,
  type RunResult,
  type StoppedRunResult,
} from '../sim/run-result.js';
import { describeFaultRule } from './describe-fault-rule.js';
import { formatExpectationTable } from './expectation-table.js';
import { faultsFiredLines } from './faults-fired-lines.js';
import { eventsWorthExplaining } from './events-worth-explaining.js';
import { formatDuration } from './format-duration.js';
import { replayCommand } from './replay-command.js';
import { runVerdict } from './run-verdict.js';
import { stoppedBooksLines, stoppedHeading, stoppedVerdictLine } from './stopped-run-lines.js';
import { formatTable, type TableCell } from './text-table.js';
import { plainStyle, type TextStyle } from './text-style.js';
import type { DeterminismCheck } from './trace-comparison.js';
import { describeOutcomeReasons } from './describe-outcome-reasons.js';
import { describeOpenTimeoutPassed, describeOutcomeTime } from './describe-outcome-time.js';

/** What the summary is about. */
export interface SummaryInput {
  /** The scenario file, as the user named it. */
  readonly file: string;
  /** The run's result, or what it produced up to an early stop (reported as such). */
  readonly result: RunResult | StoppedRunResult;
  /** Wall-clock time the run took, in ms, measured by the caller. */
  readonly wallMs: number;
  /** The `--sessions` override of the run, so the replay command repeats it. */
  readonly sessionsOverride?: number | undefined;
  /** The determinism check, when the run was repeated. */
  readonly determinism?: DeterminismCheck | undefined;
  /** The `--level` the event tables were cut to (see `resultAtLevel`), named in their titles. */
  readonly level?: EventLevel | undefined;
}

/** Options of {@link formatSummary}. */
export interface SummaryOptions {
  /** Colours. @default plainStyle (none) */
  readonly style?: TextStyle;
}

function levelStyle(level: EventLevel, style: TextStyle): (text: string) => string {
  switch (level) {
    case 'Critical':
      return (text) => style.bold(style.red(text));
    case 'Error':
      return style.red;
    case 'Warning':
      return style.yellow;
    case 'Information':
      return (text) => text;
    case 'Verbose':
      return style.dim;
  }
}

/**
 * @param seen - what the clients of one outcome saw
 * @returns it in words, e.g. `EndpointNotFound fault -> EndpointNotFoundException`
 */
export function describeClientSeen(seen: ClientSeen): string {
  const exception = seen.exception === null ? '' : ` -> ${seen.exception}`;
  switch (seen.result) {
    case 'ok':
      return 'ok';
    case 'fault':
      return `${seen.fault ?? 'unknown'} fault${exception}`;
    case 'abort':
      return `connection aborted, no fault${exception}`;
    case 'reset':
      return `connection reset, no fault${exception}`;
    case 'refused':
      return `connection refused${exception}`;
  }
}

function section(title: string, style: TextStyle): string {
  return style.bold(title);
}

function outcomeLines(result: RunResult | StoppedRunResult, style: TextStyle): string[] {
  const rows: TableCell[][] = [];
  for (const kind of sessionOutcomeKinds) {
    const count = result.outcomes[kind];
    if (count === 0) continue;
    const seen = result.clientSeen.filter((s) => s.outcome === kind);
    const single = seen.length === 1;
    const kindCell: TableCell =
      kind === 'dispatched'
        ? kind
        : { text: kind, style: kind === 'dispatch-failed' ? style.red : style.yellow };
    if (seen.length === 0) rows.push([kindCell, String(count), '']);
    seen.forEach((s, index) => {
      const text = describeClientSeen(s) + (single ? '' : ` (${s.count})`);
      rows.push(index === 0 ? [kindCell, String(count), text] : ['', '', text]);
      if (s.message !== null) rows.push(['', '', { text: `"${s.message}"`, style: style.dim }]);
    });
    for (const text of describeOutcomeReasons(result.outcomeReasons, kind))
      rows.push(['', '', text]);
    const time = result.timeToOutcome.find((t) => t.outcome === kind);
    if (time !== undefined) {
      rows.push([
        '',
        '',
        { text: `arrival to outcome: ${describeOutcomeTime(time)}`, style: style.dim },
      ]);
      // The simulated clients wait for ever (user report: a 2 min wait read as "ok").
      const passed = describeOpenTimeoutPassed(time);
      if (passed !== undefined) rows.push(['', '', { text: passed, style: style.yellow }]);
    }
  }
  if (rows.length === 0) {
    return [isStoppedRunResult(result) ? '  (none before the stop)' : '  (no sessions)'];
  }
  return formatTable([['', '', { text: 'what the client saw', style: style.dim }], ...rows], {
    alignRight: [1],
  });
}

// Whose sessions ended how, when the scenario has several apps (user report: a run of two
// apps said 80 queue-full, and nothing said whose). Sessions never routed belong to no app.
function outcomesByAppLines(result: RunResult | StoppedRunResult, style: TextStyle): string[] {
  const apps = Object.entries(result.outcomesByApp);
  if (apps.length < 2) return [];
  const kinds = (counts: RunResult['outcomes']): string =>
    sessionOutcomeKinds
      .filter((kind) => counts[kind] > 0)
      .map((kind) => `${kind} ${counts[kind]}`)
      .join(', ');
  const total = (counts: RunResult['outcomes']): number =>
    sessionOutcomeKinds.reduce((sum, kind) => sum + counts[kind], 0);
  const rows: TableCell[][] = apps.map(([app, counts]) => [
    app,
    String(total(counts)),
    kinds(counts),
  ]);
  const unrouted = Object.fromEntries(
    sessionOutcomeKinds.map((kind) => [
      kind,
      result.outcomes[kind] - apps.reduce((sum, [, counts]) => sum + counts[kind], 0),
    ]),
  ) as RunResult['outcomes'];
  if (total(unrouted) > 0) {
    rows.push(['(never routed)', String(total(unrouted)), kinds(unrouted)]);
  }
  return ['', section('Outcomes by app', style), ...formatTable(rows, { alignRight: [1] })];
}

// Why sessions of a kind ended so: every reason, with its count when there are several (user
// report: 69 `unavailable` sessions, and nothing but the HTML report said the queue was
// Faulted). A dispatch's one reason, that the worker took the connection, goes without saying.
function eventLines(result: RunResult | StoppedRunResult, style: TextStyle): string[] {
  const rows = Object.entries(result.eventCounts)
    .map(([id, count]) => ({ id: Number(id), count, entry: findEvent(Number(id)) }))
    .sort((a, b) => a.id - b.id)
    .map(({ id, count, entry }): TableCell[] => {
      const level = entry?.level;
      return [
        String(id),
        entry?.name ?? '(unknown)',
        level === undefined ? '' : { text: level, style: levelStyle(level, style) },
        String(count),
      ];
    });
  return rows.length === 0 ? ['  (none)'] : formatTable(rows, { alignRight: [0, 3] });
}

function eventLogLines(result: RunResult | StoppedRunResult, style: TextStyle): string[] {
  const rows = Object.entries(result.eventLogCounts)
    .map(([id, count]) => ({ id: Number(id), count }))
    .sort((a, b) => a.id - b.id)
    .map(({ id, count }): TableCell[] => {
      const entry = eventLogCatalog.find((e) => e.id === id);
      return [
        String(id),
        entry?.name ?? '(unknown)',
        entry === undefined ? '' : { text: entry.level, style: levelStyle(entry.level, style) },
        String(count),
      ];
    });
  return formatTable(rows, { alignRight: [0, 3] });
}

function determinismLines(check: DeterminismCheck, style: TextStyle): string[] {
  if (check.identical) {
    return [
      `  ${style.green('identical')}  a second run with seed ${check.seed} wrote the same ${check.lines}-line trace`,
    ];
  }
  const diff = check.difference;
  return [
    `  ${style.bold(style.red('DIFFERENT'))}  a second run with seed ${check.seed} first differs at trace line ${diff?.line ?? '?'}:`,
    `    first run:  ${diff?.first ?? '(trace ended)'}`,
    `    second run: ${diff?.second ?? '(trace ended)'}`,
  ];
}

// The expectations, the determinism check and the verdict; a stopped run's were not checked.
function expectationLines(
  result: RunResult | StoppedRunResult,
  determinism: DeterminismCheck | undefined,
  style: TextStyle,
): string[] {
  const title = section('Expectations', style);
  if (isStoppedRunResult(result)) {
    return [
      `${title}  ${style.dim('not checked: the run stopped early')}`,
      '',
      stoppedVerdictLine(result, style),
    ];
  }
  const lines =
    result.expectations.length === 0
      ? [`${title}  ${style.dim('none in this scenario')}`]
      : [title, ...formatExpectationTable(result.expectations, style)];
  if (determinism !== undefined) {
    lines.push('', section('Determinism', style), ...determinismLines(determinism, style));
  }
  lines.push('', verdictLine(runVerdict(result, determinism), result.expectations.length, style));
  return lines;
}

/**
 * Formats the summary of one run, or of what a run that stopped early produced up to the stop
 * (headed as partial, with the sessions in flight; its expectations are not checked).
 * @param input - the run, its file, the wall time and the determinism check
 * @param options - colours
 * @returns the summary, ending with a newline
 * @example
 * io.stdout(formatSummary({ file: 'scenarios/healthy-baseline.yaml', result, wallMs: 12 }));
 */
export function formatSummary(input: SummaryInput, options: SummaryOptions = {}): string {
  const style = options.style ?? plainStyle;
  const { result, file, determinism } = input;
  const stopped = isStoppedRunResult(result) ? result : undefined;
  const totalOutcomes = Object.values(result.outcomes).reduce((a, b) => a + b, 0);
  const speed =
    input.wallMs > 0 && result.virtualDurationMs > input.wallMs
      ? style.dim(` (${formatSpeed(result.virtualDurationMs / input.wallMs)} real time)`)
      : '';
  const books = result.balanced
    ? style.dim('the books balance')
    : style.bold(style.red('THE BOOKS DO NOT BALANCE'));
  const lines: string[] = [
    `${style.bold(result.scenario)}  ${style.dim(file)}`,
    ...(stopped === undefined ? [] : [stoppedHeading(stopped, style)]),
    `  seed ${style.cyan(String(result.seed))}, ${formatDuration(result.virtualDurationMs)} simulated in ${formatDuration(input.wallMs)} wall time${speed}`,
    ...(stopped === undefined
      ? [
          `  ${result.sessions} sessions arrived, ${result.accepted} accepted, ${totalOutcomes} outcomes: ${books}`,
        ]
      : stoppedBooksLines(stopped, totalOutcomes, style)),
    '',
    section('Outcomes', style),
    ...outcomeLines(result, style),
  ];
  const r = result.requests;
  const unfinished = r.total - r.succeededFirstTime - r.succeededAfterRetry - r.gaveUp;
  const atLevel =
    input.level === undefined || input.level === 'Verbose' ? '' : ` (${input.level} and above)`;
  lines.push(
    `  requests: ${r.total} (${r.succeededFirstTime} succeeded first time, ${r.succeededAfterRetry} after a retry, ${r.gaveUp} gave up${unfinished > 0 ? `, ${unfinished} without a result` : ''}) in ${r.attempts} attempts`,
    ...outcomesByAppLines(result, style),
    '',
    section(`ETW events${atLevel}`, style),
    ...eventLines(result, style),
  );
  if (Object.keys(result.eventLogCounts).length > 0) {
    lines.push(
      '',
      section(`Event Log (System, SMSvcHost)${atLevel}`, style),
      ...eventLogLines(result, style),
    );
  }
  lines.push(
    '',
    section('Performance counters (SMSvcHost)', style),
    ...formatTable(
      performanceCounterNames.map((name) => [
        performanceCounterTitles[name],
        String(result.counters[name]),
      ]),
      { alignRight: [1] },
    ),
    '',
  );
  lines.push(...faultsFiredLines(result.faultsFired, section('Faults fired', style), style));
  // A rule that never fired is as telling as one that did: its window, nthSession or target
  // may never have matched (an nthSession counts every session, of every app).
  result.faultRules.forEach(({ rule, fired: times }, index) => {
    if (times === 0)
      lines.push(`  ${describeFaultRule(rule, index)}: ${style.yellow('never fired')}`);
  });
  lines.push('', ...expectationLines(result, determinism, style));
  const explain = eventsWorthExplaining(result);
  if (explain.length > 0) {
    const commands = explain.map((id) => `dispatchsim explain ${id}`).join(', ');
    lines.push(`${style.dim('What an event means:')}  ${commands}`);
  }
  lines.push(
    `${style.dim('Replay this run:')}      ${replayCommand(file, { seed: result.seed, sessions: input.sessionsOverride })}`,
  );
  return lines.join('\n') + '\n';
}

function verdictLine(
  verdict: ReturnType<typeof runVerdict>,
  expectations: number,
  style: TextStyle,
): string {
  const skipped = verdict.notChecked > 0 ? `, ${verdict.notChecked} not checked` : '';
  if (!verdict.passed) {
    const reasons: string[] = [];
    if (verdict.notMet.length > 0) {
      reasons.push(`${verdict.notMet.length} of ${expectations} expectations not met${skipped}`);
    }
    if (verdict.nondeterministic) reasons.push('the same seed gave a different trace');
    return `${style.bold(style.red('FAIL'))}  ${reasons.join('; ')}`;
  }
  if (expectations === 0) return `${style.green('DONE')}  no expectations to check`;
  return `${style.bold(style.green('PASS'))}  ${verdict.met} of ${expectations} expectations met${skipped}`;
}

function formatSpeed(ratio: number): string {
  return `${ratio >= 100 ? String(Math.round(ratio)) : ratio.toFixed(1)}x faster than`;
}
