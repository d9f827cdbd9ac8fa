// Merging shards (issue 13): the NDJSON outputs of the shards of one sweep or swarm become
// the output of the whole search. Every shard must carry the same header but for its shard;
// every case index of the search must appear exactly once (a shard run twice, say a retried
// CI job, may repeat a case only with the very same bytes); cases come out in index order
// and the totals are summed anew. Shards are each in index order, so they are merged as
// they are read, in bounded memory.

import { CommandLineError } from '../errors/command-line-error.js';
import type { CaseResult } from '../search/search-case.js';
import { WHOLE, formatShard } from '../search/shard.js';
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
  current: { readonly index: number; readonly text: string; readonly line: number } | undefined;
}

function bad(problem: string): CommandLineError {
  return new CommandLineError([problem], 'cli.io');
}

function parseLine(cursor: Cursor, text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw bad(
    `${cursor.name}:${cursor.line}: expected a JSON object of a sweep or swarm output (got ${text.slice(0, 60)})`,
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
    if (cursor.current !== undefined && index <= cursor.current.index) {
      throw bad(
        `${cursor.name}:${cursor.line}: case ${index} comes after case ${cursor.current.index} (a shard is in case order)`,
      );
    }
    cursor.current = { index, text, line: cursor.line };
    return;
  }
}

/**
 * Merges shard outputs into the output of the whole search.
 * @param sources - the shards' outputs
 * @param write - receives each line of the merged output (no newline)
 * @returns the totals of the whole search
 * @throws CommandLineError (`cli.io`) naming the file and line of the first inconsistency:
 *   another search's header (with each field that differs), a case missing or given twice
 *   with different bytes
 */
export async function mergeSearchResults(
  sources: readonly ShardSource[],
  write: (line: string) => void | Promise<void>,
): Promise<SearchTotals> {
  const cursors: Cursor[] = sources.map((s) => ({
    name: s.name,
    iterator: s.lines[Symbol.asyncIterator](),
    line: 0,
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
