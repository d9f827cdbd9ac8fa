// Merging shards (issue 13): the NDJSON outputs of the shards of one sweep or swarm become
// the output of the whole search. Every shard must carry the same header but for its shard;
// every case index of the search must appear exactly once (a shard run twice, say a retried
// CI job, may repeat a case only with the very same bytes); cases come out in index order
// and the totals are summed anew. Shards are each in index order, so they are merged as
// they are read, in bounded memory.

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
  current: { readonly index: number; readonly text: string; readonly line: number } | undefined;
}

function bad(problem: string): CommandLineError {
  return new CommandLineError([problem], 'cli.io');
}

/** The first line of formatSearchTable's table. */
const SEARCH_TABLE_HEAD = /^\s*case\s+scenario\s+seed\s+verdict\b/;

function parseLine(cursor: Cursor, text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  // sweep and swarm write a table unless told --format ndjson, whatever the file is named.
  const got = SEARCH_TABLE_HEAD.test(text)
    ? 'the table of a sweep or swarm: run the shards with --format ndjson'
    : text.slice(0, 60);
  throw bad(
    `${cursor.name}:${cursor.line}: expected a JSON object of a sweep or swarm output (got ${got})`,
  );
}

async function nextLine(cursor: Cursor): Promise<string | undefined> {
  for (;;) {
    const next = await cursor.iterator.next();
    if (next.done === true) return undefined;
    cursor.line++;
    if (next.value.trim() !== '') return next.value;
  }
}

async function advance(cursor: Cursor): Promise<void> {
  for (;;) {
    const text = await nextLine(cursor);
    if (text === undefined) {
      cursor.current = undefined;
      return;
    }
    const value = parseLine(cursor, text);
    if (value['type'] === 'totals') continue;
    const index = value['index'];
    if (value['type'] !== 'case' || typeof index !== 'number') {
      throw bad(
        `${cursor.name}:${cursor.line}: expected a case line (got type ${String(value['type'])})`,
      );
    }
    const field = malformedCaseField(value);
    if (field !== undefined) {
      throw bad(
        `${cursor.name}:${cursor.line}: expected a case line of a sweep or swarm output (its ${field} is missing or malformed)`,
      );
    }
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// The first field of a header line that a SearchHeader could not have: an edited or foreign
// file must be bad input, not an internal error where the header is used.
function malformedHeaderField(value: Record<string, unknown>): string | undefined {
  for (const field of ['tool', 'version', 'command'] as const) {
    if (typeof value[field] !== 'string') return field;
  }
  const inputs = value['inputs'];
  const isInput = (input: unknown): boolean =>
    isObject(input) && typeof input['file'] === 'string' && typeof input['sha256'] === 'string';
  if (!Array.isArray(inputs) || !inputs.every(isInput)) return 'inputs';
  return isObject(value['cases']) ? undefined : 'cases';
}

const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

// The first field of a case line that the totals read and a CaseResult could not have: an
// edited file must be bad input, not an internal error or a NaN in the totals line.
function malformedCaseField(value: Record<string, unknown>): string | undefined {
  const verdict = value['verdict'];
  if (verdict !== 'pass' && verdict !== 'fail' && verdict !== 'error') return 'verdict';
  if (!isCount(value['sessions'])) return 'sessions';
  const outcomes = value['outcomes'];
  if (!isObject(outcomes) || !Object.values(outcomes).every(isCount)) return 'outcomes';
  const requests = value['requests'];
  const requestFields = ['total', 'firstTime', 'afterRetry', 'gaveUp'] as const;
  if (!isObject(requests) || !requestFields.every((key) => isCount(requests[key]))) {
    return 'requests';
  }
  const fired = value['faultsFired'];
  if (!isObject(fired) || !Object.values(fired).every(isCount)) return 'faultsFired';
  return undefined;
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
    current: undefined,
  }));
  let header: SearchHeader | undefined;
  let headerKey = '';
  let headerFrom = '';
  for (const cursor of cursors) {
    const text = await nextLine(cursor);
    if (text === undefined)
      throw bad(`${cursor.name}: expected a sweep or swarm output (got an empty file)`);
    const value = parseLine(cursor, text);
    if (value['type'] !== 'header')
      throw bad(`${cursor.name}:${cursor.line}: expected the header line first`);
    const malformed = malformedHeaderField(value);
    if (malformed !== undefined) {
      throw bad(
        `${cursor.name}:${cursor.line}: expected the header of a sweep or swarm output (its ${malformed} is missing or malformed)`,
      );
    }
    cursor.shard = parseShard(value['shard']);
    // The merged output is the whole search's, byte for byte as one machine writes it.
    const candidate = { ...(value as unknown as SearchHeader), shard: formatShard(WHOLE) };
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
  if (missing.length > 0) throw bad(describeMissingShards(missing, total));
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
  const sums = totals.totals();
  await write(formatTotalsLine(sums));
  return sums;
}
