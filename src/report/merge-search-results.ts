// Merging shards (issue 13): the NDJSON outputs of the shards of one sweep or swarm become
// the output of the whole search. Every shard must carry the same header but for its shard;
// every case index of the search must appear exactly once (a shard run twice, say a retried
// CI job, may repeat a case only with the very same bytes); cases come out in index order
// and the totals are summed anew. Shards are each in index order, so they are merged as
// they are read, in bounded memory. Each shard's own totals line must be the sum of its cases:
// a case edited by hand (a `fail` made `pass`) was merged as it stood (user report).

import { CommandLineError } from '../errors/command-line-error.js';
import type { CaseResult } from '../search/search-case.js';
import {
  WHOLE,
  formatShard,
  inShard,
  missingShards,
  parseShard,
  type Shard,
} from '../search/shard.js';
import { TotalsBuilder, type SearchTotals } from '../search/search-totals.js';
import { describeHeaderDifference } from './describe-header-difference.js';
import { formatHeaderLine, formatTotalsLine, type SearchHeader } from './search-output.js';
import {
  emptySearchOutputError,
  parseSearchOutputLine,
  readSearchCase,
  readSearchHeader,
} from './search-output-line.js';

/** One shard's output: its name, for messages, and its lines. */
export interface ShardSource {
  readonly name: string;
  readonly lines: AsyncIterable<string>;
}

interface Cursor {
  readonly name: string;
  readonly iterator: AsyncIterator<string>;
  line: number;
  /** The shard its header names (`undefined` until read, or when the header names none). */
  shard: Shard | undefined;
  /** The index of the last case read, once one is. */
  last: number | undefined;
  /** Its totals line (the last a search writes) as written, and its line, once read. */
  written: { readonly value: Readonly<Record<string, unknown>>; readonly line: number } | undefined;
  /** The sums of its own cases. */
  readonly own: TotalsBuilder;
  current: { readonly index: number; readonly text: string; readonly line: number } | undefined;
}

function bad(problem: string): CommandLineError {
  return new CommandLineError([problem], 'cli.io');
}

// A shard written as a table: each shard is run again, as NDJSON.
const TABLE_ADVICE = 'run the shards with --format ndjson';

async function nextLine(cursor: Cursor): Promise<string | undefined> {
  for (;;) {
    const next = await cursor.iterator.next();
    if (next.done === true) return undefined;
    cursor.line++;
    if (next.value.trim() !== '') return next.value;
  }
}

/**
 * @param shard - a shard's name as the user gave it
 * @returns what a merge says of a shard whose output ends before its totals line
 */
export function cutShortMessage(shard: string): string {
  return `${shard}: the output ends before its totals line: cut short? run its search again`;
}

async function advance(cursor: Cursor): Promise<void> {
  for (;;) {
    const text = await nextLine(cursor);
    if (text === undefined) {
      // A shard's output ends with its totals: one without was cut short (a copy, a pipe
      // stopped), and its missing cases would go unnoticed (user report: merged as whole).
      if (cursor.written === undefined) {
        throw bad(cutShortMessage(cursor.name));
      }
      cursor.current = undefined;
      return;
    }
    const value = parseSearchOutputLine(cursor, text, TABLE_ADVICE);
    if (value['type'] === 'totals') {
      cursor.written = { value, line: cursor.line };
      continue;
    }
    const { index } = readSearchCase(cursor, value);
    cursor.own.add(value as unknown as CaseResult);
    if (cursor.current !== undefined && index <= cursor.current.index) {
      throw bad(
        `${cursor.name}:${cursor.line}: case ${index} comes after case ${cursor.current.index} (a shard is in case order)`,
      );
    }
    cursor.current = { index, text, line: cursor.line };
    cursor.last = index;
    return;
  }
}

const SHARDS_NAMED = 5;

// `shard 4/7 is missing (its first case is case 3 of 14)`; its first case, the lowest
// missing, is the first case a merge would miss.
function describeMissingShards(missing: readonly Shard[], total: number): string {
  const first = (missing[0]?.index ?? 1) - 1;
  if (missing.length === 1) {
    return `merge: shard ${formatShard(missing[0] ?? WHOLE)} is missing (its first case is case ${first} of ${total})`;
  }
  const named = missing.slice(0, SHARDS_NAMED).map(formatShard);
  const list =
    missing.length > SHARDS_NAMED
      ? `${named.join(', ')} and ${missing.length - SHARDS_NAMED} more`
      : `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}`;
  return `merge: shards ${list} are missing (the first of their cases is case ${first} of ${total})`;
}

// Beside a missing shard, the likely slip: one given twice (`merge s1.ndjson s1.ndjson`).
// A shard given twice is merged as it is (its cases give the same bytes), so it is named only
// when one is missing.
function describeRepeatedShard(cursors: readonly Cursor[]): string {
  const byShard = new Map<string, string>();
  for (const cursor of cursors) {
    if (cursor.shard === undefined) continue;
    const shard = formatShard(cursor.shard);
    const first = byShard.get(shard);
    if (first === undefined) {
      byShard.set(shard, cursor.name);
    } else {
      return first === cursor.name
        ? `; ${first} is given twice (shard ${shard})`
        : `; shard ${shard} is given twice, by ${first} and ${cursor.name}`;
    }
  }
  return '';
}

/**
 * Merges shard outputs into the output of the whole search.
 * @param sources - the shards' outputs
 * @param write - receives each line of the merged output (no newline)
 * @returns the totals of the whole search
 * @throws CommandLineError (`cli.io`) naming the file and line of the first inconsistency:
 *   another search's header (with each field that differs), a missing shard (named when the
 *   shards given are all of one count), a case missing or given twice with different bytes
 */
export async function mergeSearchResults(
  sources: readonly ShardSource[],
  write: (line: string) => void | Promise<void>,
): Promise<SearchTotals> {
  const cursors: Cursor[] = sources.map((s) => ({
    name: s.name,
    iterator: s.lines[Symbol.asyncIterator](),
    line: 0,
    shard: undefined,
    last: undefined,
    written: undefined,
    own: new TotalsBuilder(),
    current: undefined,
  }));
  let header: SearchHeader | undefined;
  let headerKey = '';
  let headerFrom = '';
  for (const cursor of cursors) {
    const text = await nextLine(cursor);
    if (text === undefined) throw emptySearchOutputError(cursor.name);
    const value = readSearchHeader(cursor, parseSearchOutputLine(cursor, text, TABLE_ADVICE));
    cursor.shard = parseShard(value['shard']);
    // The merged output is the whole search's, byte for byte as one machine writes it.
    const candidate = { ...value, shard: formatShard(WHOLE) };
    const key = formatHeaderLine(candidate);
    if (header === undefined) {
      header = candidate;
      headerKey = key;
      headerFrom = cursor.name;
    } else if (key !== headerKey) {
      throw bad(
        `${cursor.name}:${cursor.line}: a header of another search than ${headerFrom}: ${describeHeaderDifference(candidate, header, headerFrom)}`,
      );
    }
    await advance(cursor);
  }
  if (header === undefined) throw bad('merge: expected at least one shard output');
  const total = Number(header.cases['total']);
  if (!Number.isInteger(total) || total < 0)
    throw bad(`${headerFrom}:1: the header gives no case total`);
  const shards = cursors.flatMap((cursor) => (cursor.shard === undefined ? [] : [cursor.shard]));
  const missing = shards.length === cursors.length ? missingShards(shards, total) : [];
  if (missing.length > 0) {
    throw bad(describeMissingShards(missing, total) + describeRepeatedShard(cursors));
  }
  await write(formatHeaderLine(header));
  const totals = new TotalsBuilder();
  for (let expected = 0; expected < total; expected++) {
    let text: string | undefined;
    let from = '';
    for (const cursor of cursors) {
      while (cursor.current !== undefined && cursor.current.index === expected) {
        if (text === undefined) {
          text = cursor.current.text;
          from = `${cursor.name}:${cursor.current.line}`;
        } else if (text !== cursor.current.text) {
          throw bad(
            `${cursor.name}:${cursor.current.line}: case ${expected} differs from ${from} (the same case must give the same bytes)`,
          );
        }
        await advance(cursor);
      }
    }
    if (text === undefined) {
      const owner = cursors.find((c) => c.shard !== undefined && inShard(c.shard, expected));
      if (owner?.shard !== undefined) {
        // A file cut short, or edited: its shard was run, but not all of it is here.
        const after =
          owner.current !== undefined
            ? `its next case is ${owner.current.index}`
            : owner.last !== undefined
              ? `its last case is ${owner.last}`
              : 'it has no case';
        throw bad(
          `merge: ${owner.name} (shard ${formatShard(owner.shard)}) has no case ${expected} of ${total} (${after})`,
        );
      }
      const next = Math.min(...cursors.map((c) => c.current?.index ?? Number.POSITIVE_INFINITY));
      throw bad(
        `merge: case ${expected} of ${total} is in no shard${Number.isFinite(next) ? ` (the next one found is case ${next})` : ''}`,
      );
    }
    totals.add(JSON.parse(text) as CaseResult);
    await write(text);
  }
  for (const cursor of cursors) {
    if (cursor.current !== undefined) {
      throw bad(
        `${cursor.name}:${cursor.current.line}: case ${cursor.current.index} is beyond the search's ${total} cases`,
      );
    }
  }
  for (const cursor of cursors) {
    const difference = describeTotalsDifference(cursor.own.totals(), cursor.written?.value ?? {});
    if (difference !== undefined) {
      throw bad(
        `${cursor.name}:${cursor.written?.line ?? cursor.line}: its totals line gives ${difference}: the file was changed after its search wrote it; run that search again`,
      );
    }
  }
  const sums = totals.totals();
  await write(formatTotalsLine(sums));
  return sums;
}

// The first figure of a shard's totals line that is not the sum of its cases, as
// `failed 133, its cases add up to 132`; undefined when every figure is.
function describeTotalsDifference(
  own: SearchTotals,
  written: Readonly<Record<string, unknown>>,
): string | undefined {
  const figures: [string, number, unknown][] = [
    ['cases', own.cases, written['cases']],
    ['passed', own.passed, written['passed']],
    ['failed', own.failed, written['failed']],
    ['errors', own.errors, written['errors']],
    ['noFaultFired', own.noFaultFired, written['noFaultFired']],
    ['sessions', own.sessions, written['sessions']],
  ];
  const requests = record(written['requests']);
  for (const [name, sum] of Object.entries(own.requests)) {
    figures.push([`requests.${name}`, sum, requests[name]]);
  }
  const outcomes = record(written['outcomes']);
  const kinds = new Set([...Object.keys(own.outcomes), ...Object.keys(outcomes)]);
  for (const kind of [...kinds].sort()) {
    figures.push([`outcomes.${kind}`, own.outcomes[kind] ?? 0, outcomes[kind] ?? 0]);
  }
  for (const [name, sum, given] of figures) {
    if (given !== sum) {
      const shown = typeof given === 'number' ? String(given) : 'nothing';
      return `${name} ${shown}, its cases add up to ${sum}`;
    }
  }
  return undefined;
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
