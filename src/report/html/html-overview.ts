// The overview of an HTML report (issue 16, part 1): scenario, seed and verdict; the outcomes
// as a bar chart (plain SVG) with what the client saw for each (domain §5); the expectations
// met and not met; the faults fired; the ETW events and Event Log entries by id; and how much
// of the run the timeline and journeys sample. Every figure here is exact: it comes from the
// RunResult and the stream's counts, never from the samples.

import { findEvent } from '../../events/event-catalog.js';
import { eventLogCatalog } from '../../events/event-log-entry.js';
import { sessionOutcomeKinds } from '../../events/session-outcome.js';
import type { RunResult } from '../../sim/run-result.js';
import { formatDuration } from '../format-duration.js';
import { runVerdict } from '../run-verdict.js';
import { describeClientSeen } from '../summary-report.js';
import type { DeterminismCheck } from '../trace-comparison.js';
import type { ReportEnd } from './html-report-data.js';
import { escapeHtml } from './html-text.js';
import { describeOutcomeReasons } from '../describe-outcome-reasons.js';
import { describeOpenTimeoutPassed, describeOutcomeTime } from '../describe-outcome-time.js';

const number = (n: number): string => n.toLocaleString('en-US');

const BAR_HEIGHT = 22;
const BAR_GAP = 8;
const LABEL_WIDTH = 170;
const CHART_WIDTH = 640;

/**
 * The outcomes bar chart: one bar per outcome kind that occurred, its length proportional
 * to its count.
 * @param result - the run's result
 * @returns an `<svg id="outcomes-chart">` element
 */
export function outcomesChart(result: RunResult): string {
  const kinds = sessionOutcomeKinds.filter((kind) => result.outcomes[kind] > 0);
  const max = Math.max(1, ...kinds.map((kind) => result.outcomes[kind]));
  const height = Math.max(1, kinds.length) * (BAR_HEIGHT + BAR_GAP);
  const room = CHART_WIDTH - LABEL_WIDTH - 90;
  const bars = kinds.map((kind, i) => {
    const count = result.outcomes[kind];
    const y = i * (BAR_HEIGHT + BAR_GAP);
    const width = Math.max(2, (count / max) * room);
    return (
      `<g class="outcome" data-outcome="${kind}">` +
      `<text class="label" x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${kind}</text>` +
      `<rect class="bar outcome-${kind}" x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}"><title>${kind}: ${number(count)}</title></rect>` +
      `<text class="value" x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 15}">${number(count)}</text></g>`
    );
  });
  const label = kinds.map((kind) => `${kind} ${result.outcomes[kind]}`).join(', ');
  return (
    `<svg id="outcomes-chart" class="chart" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" role="img" aria-label="Outcomes: ${escapeHtml(label || 'no sessions')}">` +
    bars.join('') +
    '</svg>'
  );
}

function clientTable(result: RunResult): string {
  const rows = sessionOutcomeKinds
    .filter((kind) => result.outcomes[kind] > 0)
    .flatMap((kind) => {
      const seen = result.clientSeen.filter((s) => s.outcome === kind);
      // The kind's time from arrival to outcome, on its first row.
      const time = result.timeToOutcome.find((t) => t.outcome === kind);
      const passed = time === undefined ? undefined : describeOpenTimeoutPassed(time);
      // The kind's reasons, as the summary gives them, on its first row.
      const reasons = describeOutcomeReasons(result.outcomeReasons, kind);
      const why = (index: number): string =>
        '<td>' +
        (index === 0 ? reasons.map((r) => `<div>${escapeHtml(r)}</div>`).join('') : '') +
        '</td>';
      const took = (index: number): string =>
        `<td>${index === 0 && time !== undefined ? escapeHtml(describeOutcomeTime(time)) : ''}` +
        (index === 0 && passed !== undefined
          ? `<div class="quote">${escapeHtml(passed)}</div>`
          : '') +
        '</td>';
      if (seen.length === 0)
        return [
          `<tr><td>${kind}</td><td class="num">${number(result.outcomes[kind])}</td><td></td>${why(0)}${took(0)}</tr>`,
        ];
      return seen.map(
        (s, index) =>
          `<tr><td>${kind}</td><td class="num">${number(s.count)}</td><td>${escapeHtml(describeClientSeen(s))}` +
          (s.message === null ? '' : `<div class="quote">“${escapeHtml(s.message)}”</div>`) +
          `</td>${why(index)}${took(index)}</tr>`,
      );
    });
  return (
    '<table id="client-seen"><thead><tr><th>outcome</th><th class="num">sessions</th><th>what the client saw</th><th>why</th><th>arrival to outcome</th></tr></thead><tbody>' +
    rows.join('') +
    '</tbody></table>'
  );
}

function expectationList(result: RunResult): string {
  if (result.expectations.length === 0) return '<p>The scenario states no expectations.</p>';
  const items = result.expectations.map((e) => {
    const state = e.met === true ? 'met' : e.met === false ? 'not-met' : 'not-checked';
    const mark = e.met === true ? '✓' : e.met === false ? '✗' : '–';
    const word = e.met === true ? 'met' : e.met === false ? 'not met' : 'not checked';
    return `<li class="expectation ${state}"><span class="mark" aria-label="${word}">${mark}</span> ${escapeHtml(e.description)} <span class="observed">(${escapeHtml(e.observed)})</span></li>`;
  });
  return `<ul id="expectations">${items.join('')}</ul>`;
}

function faultTable(result: RunResult): string {
  const fired = Object.entries(result.faultsFired).filter(([, n]) => n > 0);
  if (fired.length === 0) return '<p id="faults-fired">No fault fired.</p>';
  return (
    '<table id="faults-fired"><thead><tr><th>fault</th><th class="num">fired</th></tr></thead><tbody>' +
    fired
      .map(([kind, n]) => `<tr><td>${escapeHtml(kind)}</td><td class="num">${number(n)}</td></tr>`)
      .join('') +
    '</tbody></table>'
  );
}

function eventTable(result: RunResult): string {
  const etw = Object.entries(result.eventCounts)
    .map(([id, count]) => ({ id: Number(id), count }))
    .sort((a, b) => a.id - b.id)
    .map(({ id, count }) => {
      const entry = findEvent(id);
      const level = entry?.level ?? '';
      return `<tr class="level-${level.toLowerCase()}"><td class="num">${id}</td><td>${entry?.name ?? '(unknown)'}</td><td>${level}</td><td class="num">${number(count)}</td></tr>`;
    });
  const logged = Object.entries(result.eventLogCounts)
    .map(([id, count]) => ({ id: Number(id), count }))
    .sort((a, b) => a.id - b.id)
    .map(({ id, count }) => {
      const entry = eventLogCatalog.find((e) => e.id === id);
      const level = entry?.level ?? '';
      return `<tr class="level-${level.toLowerCase()}"><td class="num">Event Log ${id}</td><td>${entry?.name ?? '(unknown)'}</td><td>${level}</td><td class="num">${number(count)}</td></tr>`;
    });
  return (
    '<table id="event-counts"><thead><tr><th class="num">id</th><th>event</th><th>level</th><th class="num">count</th></tr></thead><tbody>' +
    [...etw, ...logged].join('') +
    '</tbody></table>'
  );
}

/**
 * How much of the run the timeline and journeys draw, in words.
 * @param end - the report's last block
 * @returns one sentence per sample
 */
export function samplingNote(end: ReportEnd): string {
  const marks = Object.values(end.markCounts).reduce((a, b) => a + b, 0);
  const journeys =
    end.journeysKept === end.sessionsEnded
      ? `every session's journey (${number(end.sessionsEnded)})`
      : `${number(end.journeysKept)} of ${number(end.sessionsEnded)} sessions' journeys (the first ${end.journeysFirst} of each outcome, then fewer and fewer as the run goes)`;
  const marked =
    end.marksKept === marks
      ? `every Error and Warning record as a mark (${number(marks)})`
      : `${number(end.marksKept)} of ${number(marks)} Error and Warning records as marks (their counts per time bucket are exact)`;
  const workers =
    end.workersNotDrawn === 0
      ? ''
      : ` ${number(end.workersNotDrawn)} worker processes beyond the first ${end.workers.length} have no lane.`;
  return `<p id="sampling">The report keeps ${journeys} and ${marked}; every figure in this overview is exact.${workers}</p>`;
}

/**
 * The overview section.
 * @param end - the report's last block (exact counts, what was sampled)
 * @param result - the run's result, or undefined when it stopped before it ended
 * @param determinism - the determinism check, when one was run
 * @returns a `<section id="overview">` element
 */
export function overviewSection(
  end: ReportEnd,
  result: RunResult | undefined,
  determinism: DeterminismCheck | undefined,
): string {
  if (result === undefined) {
    return (
      '<section id="overview"><h2>Overview</h2>' +
      `<p id="verdict" class="verdict stopped">STOPPED: the run ended early at ${formatDuration(end.endMs)} of virtual time; the report shows what it produced until then.</p>` +
      samplingNote(end) +
      '</section>\n'
    );
  }
  const verdict = runVerdict(result, determinism);
  const totalOutcomes = Object.values(result.outcomes).reduce((a, b) => a + b, 0);
  // As the summary says it (user report: "PASSED: 0 expectations met").
  const verdictText = verdict.passed
    ? result.expectations.length === 0
      ? 'DONE: no expectations to check'
      : `PASSED: ${verdict.met} expectation${verdict.met === 1 ? '' : 's'} met`
    : `FAILED: ${verdict.notMet.length} expectation${verdict.notMet.length === 1 ? '' : 's'} not met${verdict.nondeterministic ? ', traces differ between runs' : ''}`;
  const facts = [
    ['scenario', escapeHtml(result.scenario)],
    ['seed', String(result.seed)],
    ['sessions', `${number(result.sessions)} arrived, ${number(result.accepted)} accepted`],
    ['virtual time', formatDuration(result.virtualDurationMs)],
    // Balanced is over every session that arrived: a refused connection was never accepted
    // yet has its outcome (connection-refused).
    [
      'books',
      `${result.balanced ? 'balanced: one outcome per session' : 'NOT balanced'} (${number(result.sessions)} sessions, ${number(totalOutcomes)} outcomes)`,
    ],
    [
      'requests',
      `${number(result.requests.total)}: ${number(result.requests.succeededFirstTime)} first time, ${number(result.requests.succeededAfterRetry)} after a retry, ${number(result.requests.gaveUp)} gave up`,
    ],
  ];
  return (
    '<section id="overview"><h2>Overview</h2>' +
    `<p id="verdict" class="verdict ${verdict.passed ? 'passed' : 'failed'}">${verdictText}${verdict.notChecked > 0 ? `, ${verdict.notChecked} not checked` : ''}</p>` +
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v ?? ''}</dd>`).join('')}</dl>` +
    '<h3>Outcomes</h3>' +
    outcomesChart(result) +
    clientTable(result) +
    '<h3>Expectations</h3>' +
    expectationList(result) +
    '<h3>Faults fired</h3>' +
    faultTable(result) +
    '<h3>Events</h3>' +
    eventTable(result) +
    samplingNote(end) +
    '</section>\n'
  );
}
