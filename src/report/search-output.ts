// The output of `dispatchsim sweep` and `swarm` (issue 13): NDJSON with a header line (tool,
// version, command, input digests, cases, shard), one line per case in case order, and a
// totals line; or a table of the worst cases and the totals, for a person. Lines are built
// from objects whose keys come in a fixed order, so the same cases give the same bytes.

import type { CaseResult } from '../search/search-case.js';
import type { SearchTotals } from '../search/search-totals.js';
import { replayCommand } from './replay-command.js';
import { formatTable, type TableCell } from './text-table.js';
import type { TextStyle } from './text-style.js';

/** The first line of a sweep's or swarm's NDJSON. */
export interface SearchHeader {
  readonly type: 'header';
  readonly tool: 'dispatchsim';
  readonly version: string;
  readonly command: 'sweep' | 'swarm';
  /** Every input file with the SHA-256 of its bytes: shards must agree on them. */
  readonly inputs: readonly { readonly file: string; readonly sha256: string }[];
  /** What defines the cases: the seed range of a sweep, or the swarm's seed, runs and rules. */
  readonly cases: Readonly<Record<string, number | string>>;
  /** This output's shard, `k/n`; `all` once shards are merged. */
  readonly shard: string;
}

/**
 * @param totals - a search's totals
 * @returns how its cases went: `4 cases: 2 passed, 2 failed, 0 errors`
 */
export function describeCaseCounts(
  totals: Pick<SearchTotals, 'cases' | 'passed' | 'failed' | 'errors'>,
): string {
  const t = totals;
  return `${t.cases} ${t.cases === 1 ? 'case' : 'cases'}: ${t.passed} passed, ${t.failed} failed, ${t.errors} errors`;
}

/**
 * @param header - the header
 * @returns its line (no newline)
 */
export function formatHeaderLine(header: SearchHeader): string {
  return JSON.stringify({
    type: header.type,
    tool: header.tool,
    version: header.version,
    command: header.command,
    inputs: header.inputs.map((i) => ({ file: i.file, sha256: i.sha256 })),
    cases: header.cases,
    shard: header.shard,
  });
}

/**
 * @param result - a case's result
 * @returns its line (no newline)
 */
export function formatCaseLine(result: CaseResult): string {
  return JSON.stringify({ type: 'case', ...result });
}

/**
 * @param totals - the sums over the cases
 * @returns the totals line (no newline)
 */
export function formatTotalsLine(totals: SearchTotals): string {
  return JSON.stringify({ type: 'totals', ...totals });
}

const verdictRank = { error: 2, fail: 1, pass: 0 } as const;

// Worst first: errors, then failures; then more requests given up, more 4031s; then index.
function worse(a: CaseResult, b: CaseResult): number {
  return (
    verdictRank[b.verdict] - verdictRank[a.verdict] ||
    b.requests.gaveUp - a.requests.gaveUp ||
    (b.outcomes['dispatch-failed'] ?? 0) - (a.outcomes['dispatch-failed'] ?? 0) ||
    a.index - b.index
  );
}

/** Keeps the `size` worst cases seen, whatever the number of cases. */
export class WorstCases {
  readonly #size: number;
  #cases: CaseResult[] = [];

  /** @param size - how many to keep */
  constructor(size: number) {
    this.#size = size;
  }

  /** @param result - one more case */
  add(result: CaseResult): void {
    this.#cases.push(result);
    if (this.#cases.length > this.#size * 2) this.#trim();
  }

  #trim(): void {
    this.#cases = this.#cases.sort(worse).slice(0, this.#size);
  }

  /** @returns the worst cases, worst first */
  list(): readonly CaseResult[] {
    this.#trim();
    return this.#cases;
  }
}

// The file and seed columns replay a case, but not one run with --sessions, whose file runs
// its own number (300,000 in the user report): the table says how to replay its worst case.
function replayLine(worst: CaseResult | undefined, sessions: number | undefined): string[] {
  if (worst === undefined || sessions === undefined) return [];
  const command = replayCommand(worst.file, { seed: worst.seed, sessions });
  return [`replay case ${worst.index}: ${command} (every case ran with --sessions ${sessions})`];
}

/**
 * A swarm's case whose plan fired nothing tested no trouble at all (109 of the how-to's 200
 * did, and nothing said so). A sweep runs the scenarios as written, often with no fault
 * plan: there the count would be noise.
 * @param totals - the sums over every case
 * @param command - the search
 * @param where - where each case's `faultsFired` is to be read
 * @returns the line, for a swarm with such cases; none otherwise
 */
export function noFaultLine(
  totals: SearchTotals,
  command: SearchHeader['command'],
  where = '--format ndjson',
): string[] {
  const { noFaultFired, cases } = totals;
  if (command !== 'swarm' || noFaultFired === 0) return [];
  return [
    `${noFaultFired} of ${cases} ${cases === 1 ? 'case' : 'cases'} fired no fault (faultsFired: {} in ${where})`,
  ];
}

// The expectation a case failed, with the figure seen: the expectation alone read as what was
// seen (user report: `count = 6` where 300,000 were).
function whatFailed(result: CaseResult): string {
  if (result.failure === null) return '';
  const row = result.expectations.find((e) => e.met === false && e.description === result.failure);
  return row === undefined ? result.failure : `${result.failure}, saw ${row.observed}`;
}

/**
 * @param worst - the worst cases, worst first
 * @param totals - the sums over every case
 * @param style - colours
 * @param sessions - the `--sessions` every case ran with, if any
 * @param command - the search: a swarm's table says how many cases fired no fault
 * @returns the table and the totals, for a terminal
 */
export function formatSearchTable(
  worst: readonly CaseResult[],
  totals: SearchTotals,
  style: TextStyle,
  sessions?: number,
  command: SearchHeader['command'] = 'sweep',
): string {
  const rows: TableCell[][] = [
    ['case', 'scenario', 'seed', 'verdict', 'sessions', '4031', 'gave up', 'what failed'],
  ];
  for (const r of worst) {
    rows.push([
      String(r.index),
      r.file,
      String(r.seed),
      { text: r.verdict, style: r.verdict === 'pass' ? style.green : style.red },
      String(r.sessions),
      String(r.outcomes['dispatch-failed'] ?? 0),
      String(r.requests.gaveUp),
      whatFailed(r),
    ]);
  }
  const t = totals;
  // Cases stopped early (a horizon, a stall) leave requests without a result, as run says.
  const r = t.requests;
  const unfinished = r.total - r.succeededFirstTime - r.succeededAfterRetry - r.gaveUp;
  // The table keeps the worst cases only: say so when some are left out.
  const shown =
    worst.length < t.cases
      ? [`(the ${worst.length} worst of ${t.cases} cases; --format ndjson lists every case)`]
      : [];
  return [
    ...formatTable(rows, { alignRight: [0, 2, 4, 5, 6] }),
    ...shown,
    '',
    `${describeCaseCounts(t)}; ${t.sessions} sessions; requests ${r.total} (${r.succeededFirstTime} first time, ${r.succeededAfterRetry} after a retry, ${r.gaveUp} gave up${unfinished > 0 ? `, ${unfinished} without a result` : ''})`,
    ...noFaultLine(t, command),
    ...replayLine(worst[0], sessions),
  ].join('\n');
}
