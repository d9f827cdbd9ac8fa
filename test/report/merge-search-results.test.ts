// mergeSearchResults refusing shards that do not add up to one search (issue 13): each
// message names the file and line, or the shard, and what differs or is missing.
import { describe, expect, it } from 'vitest';
import { mergeSearchResults } from '../../src/report/merge-search-results.js';
import {
  formatHeaderLine,
  formatTotalsLine,
  type SearchHeader,
} from '../../src/report/search-output.js';
import type { CaseResult } from '../../src/search/search-case.js';
import { TotalsBuilder } from '../../src/search/search-totals.js';

const TOTAL = 14;

const HASH_A = `4e3358d9d633${'a'.repeat(52)}`;
const HASH_B = `1f0c77e2b5a9${'b'.repeat(52)}`;

const header = (changes: Partial<SearchHeader> = {}): SearchHeader => ({
  type: 'header',
  tool: 'dispatchsim',
  version: '0.2.0',
  command: 'sweep',
  inputs: [{ file: 'orders.yaml', sha256: HASH_A }],
  cases: { total: TOTAL, scenarios: 1, seeds: '1..14' },
  shard: '1/1',
  ...changes,
});

const caseLine = (index: number): string =>
  JSON.stringify({
    type: 'case',
    index,
    file: 'orders.yaml',
    seed: index + 1,
    verdict: 'pass',
    sessions: 1,
    outcomes: {},
    requests: { total: 1, succeededFirstTime: 1, succeededAfterRetry: 0, gaveUp: 0 },
    faultsFired: {},
  });

/** A totals line for a file cut short before its cases: a merge finds the missing case first. */
const TOTALS = JSON.stringify({ type: 'totals' });

/** The lines of shard k/n of a search, as `sweep --shard k/n` writes them. */
function shardLines(k: number, n: number, of: SearchHeader = header()): string[] {
  const lines = [formatHeaderLine({ ...of, shard: `${k}/${n}` })];
  const totals = new TotalsBuilder();
  for (let index = k - 1; index < Number(of.cases['total']); index += n) {
    lines.push(caseLine(index));
    totals.add(JSON.parse(caseLine(index)) as CaseResult);
  }
  lines.push(formatTotalsLine(totals.totals()));
  return lines;
}

/** The message merging these files fails with. */
async function mergeFailure(files: Readonly<Record<string, readonly string[]>>): Promise<string> {
  return mergeFailureOf(Object.entries(files));
}

/** The message merging these files, in this order (a name may come twice), fails with. */
async function mergeFailureOf(
  entries: readonly (readonly [string, readonly string[]])[],
): Promise<string> {
  try {
    await mergeSearchResults(
      entries.map(([name, lines]) => ({
        name,
        lines: {
          [Symbol.asyncIterator]: () => {
            const iterator = lines[Symbol.iterator]();
            return { next: () => Promise.resolve(iterator.next()) };
          },
        },
      })),
      () => undefined,
    );
  } catch (error: unknown) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the merge succeeded');
}

describe('mergeSearchResults with a header of another search', () => {
  it.each([
    ['version', { version: '0.1.0' }, "its version is 0.1.0, a.ndjson's is 0.2.0"],
    ['command', { command: 'swarm' }, "its command is swarm, a.ndjson's is sweep"],
    [
      'cases',
      { cases: { total: 14, scenarios: 1, seeds: '2..15' } },
      "its cases.seeds is 2..15, a.ndjson's is 1..14",
    ],
    [
      'input bytes',
      { inputs: [{ file: 'orders.yaml', sha256: HASH_B }] },
      "its SHA-256 of orders.yaml is 1f0c77e2b5a9…, a.ndjson's is 4e3358d9d633…",
    ],
    [
      'input file',
      { inputs: [{ file: 'billing.yaml', sha256: HASH_A }] },
      "its input 1 is billing.yaml, a.ndjson's is orders.yaml",
    ],
    [
      'number of inputs',
      {
        inputs: [
          { file: 'orders.yaml', sha256: HASH_A },
          { file: 'billing.yaml', sha256: HASH_B },
        ],
      },
      "it has 2 inputs, a.ndjson's has 1 (billing.yaml is only in it)",
    ],
  ] as const)('names the differing %s with both values', async (_, changes, problem) => {
    const message = await mergeFailure({
      'a.ndjson': shardLines(1, 2),
      'b.ndjson': shardLines(2, 2, header(changes)),
    });

    expect(message).toBe(`b.ndjson:1: a header of another search than a.ndjson: ${problem}`);
  });

  it('names every field that differs', async () => {
    const message = await mergeFailure({
      'a.ndjson': shardLines(1, 2),
      'b.ndjson': shardLines(
        2,
        2,
        header({ version: '0.1.0', cases: { total: 15, scenarios: 1, seeds: '1..15' } }),
      ),
    });

    expect(message).toBe(
      "b.ndjson:1: a header of another search than a.ndjson: its version is 0.1.0, a.ndjson's is 0.2.0; its cases.total is 15, a.ndjson's is 14; its cases.seeds is 1..15, a.ndjson's is 1..14",
    );
  });
});

/** The files of shards 1 to n, as `s<k>.ndjson`, but those left out. */
function shardFiles(n: number, leftOut: readonly number[] = []): Record<string, string[]> {
  const files: Record<string, string[]> = {};
  for (let k = 1; k <= n; k++) {
    if (!leftOut.includes(k)) files[`s${k}.ndjson`] = shardLines(k, n);
  }
  return files;
}

describe('mergeSearchResults with a shard missing', () => {
  it('names the missing shard and its first case', async () => {
    expect(await mergeFailure(shardFiles(7, [4]))).toBe(
      'merge: shard 4/7 is missing (its first case is case 3 of 14)',
    );
  });

  it('names every missing shard', async () => {
    expect(await mergeFailure(shardFiles(7, [4, 6]))).toBe(
      'merge: shards 4/7 and 6/7 are missing (the first of their cases is case 3 of 14)',
    );
    expect(await mergeFailure(shardFiles(20, [2, 3, 4, 5, 6, 7, 8, 9, 10]))).toBe(
      'merge: shards 2/20, 3/20, 4/20, 5/20, 6/20 and 4 more are missing (the first of their cases is case 1 of 14)',
    );
  });

  it('does not ask for shards that hold no case', async () => {
    // 20 shards of 14 cases: shards 15/20 to 20/20 hold none, and their files are not needed.
    const files = shardFiles(20, [15, 16, 17, 18, 19, 20]);

    await expect(mergeFailure(files)).rejects.toThrow('the merge succeeded');
  });

  // A case edited by hand, its shard's totals line left as the search wrote it, was merged
  // as it stood (user report: a `fail` made `pass` gave "1 passed, 399 failed").
  it("names the figure of a shard's totals line that its cases no longer add up to", async () => {
    const files = shardFiles(7);
    const edited = (files['s4.ndjson'] ?? []).map((line) =>
      line.includes('"index":10,') ? line.replace('"verdict":"pass"', '"verdict":"fail"') : line,
    );
    const sessions = (files['s2.ndjson'] ?? []).map((line) =>
      line.includes('"type":"totals"') ? line.replace('"sessions":2', '"sessions":3') : line,
    );

    expect(await mergeFailure({ ...files, 's4.ndjson': edited })).toBe(
      's4.ndjson:4: its totals line gives passed 2, its cases add up to 1: the file was changed after its search wrote it; run that search again',
    );
    expect(await mergeFailure({ ...files, 's2.ndjson': sessions })).toBe(
      's2.ndjson:4: its totals line gives sessions 3, its cases add up to 2: the file was changed after its search wrote it; run that search again',
    );
    expect(
      await mergeFailure({
        ...files,
        's2.ndjson': [...(files['s2.ndjson'] ?? []).slice(0, -1), TOTALS],
      }),
    ).toBe(
      's2.ndjson:4: its totals line gives cases nothing, its cases add up to 2: the file was changed after its search wrote it; run that search again',
    );
  });

  it('says a shard without its totals line was cut short', async () => {
    const files = shardFiles(7);

    expect(
      await mergeFailure({ ...files, 's4.ndjson': files['s4.ndjson']?.slice(0, 2) ?? [] }),
    ).toBe('s4.ndjson: the output ends before its totals line: cut short? run its search again');
  });

  it("names the shard's file when the file lacks one of its cases", async () => {
    const files = shardFiles(7);
    const cut = (files['s4.ndjson'] ?? []).filter((line) => !line.includes('"index":3,'));

    expect(await mergeFailure({ ...files, 's4.ndjson': cut })).toBe(
      'merge: s4.ndjson (shard 4/7) has no case 3 of 14 (its next case is 10)',
    );
    expect(
      await mergeFailure({
        ...files,
        's4.ndjson': [...(files['s4.ndjson']?.slice(0, 2) ?? []), TOTALS],
      }),
    ).toBe('merge: s4.ndjson (shard 4/7) has no case 10 of 14 (its last case is 3)');
    expect(
      await mergeFailure({
        ...files,
        's4.ndjson': [...(files['s4.ndjson']?.slice(0, 1) ?? []), TOTALS],
      }),
    ).toBe('merge: s4.ndjson (shard 4/7) has no case 3 of 14 (it has no case)');
  });

  // `merge s1.ndjson s1.ndjson` said "shard 2/2 is missing", not that shard 1/2 came twice
  // (user report).
  it('names a shard given twice beside the one missing, and the file when it is the same one', async () => {
    const one = shardLines(1, 2);

    expect(
      await mergeFailureOf([
        ['s1.ndjson', one],
        ['s1.ndjson', one],
      ]),
    ).toBe(
      'merge: shard 2/2 is missing (its first case is case 1 of 14); s1.ndjson is given twice (shard 1/2)',
    );
    expect(
      await mergeFailureOf([
        ['s1.ndjson', one],
        ['copy.ndjson', one],
      ]),
    ).toBe(
      'merge: shard 2/2 is missing (its first case is case 1 of 14); shard 1/2 is given twice, by s1.ndjson and copy.ndjson',
    );
  });

  it('names only the case when shards of different counts leave it out', async () => {
    // 1/2 and 2/4 leave out the cases of 4/4, or of 2/2: no one shard can be named.
    const files = { 'a.ndjson': shardLines(1, 2), 'b.ndjson': shardLines(2, 4) };

    expect(await mergeFailure(files)).toBe(
      'merge: case 3 of 14 is in no shard (the next one found is case 4)',
    );
  });
});

describe('mergeSearchResults with a malformed header', () => {
  it.each([
    ['inputs', { inputs: undefined }, 'inputs'],
    ['input', { inputs: [null] }, 'inputs'],
    ['input hash', { inputs: [{ file: 'orders.yaml' }] }, 'inputs'],
    ['cases', { cases: undefined }, 'cases'],
    ['version', { version: 2 }, 'version'],
  ])('names the field of a header with no valid %s', async (_, changes, field) => {
    const line = JSON.stringify({ ...JSON.parse(formatHeaderLine(header())), ...changes });

    expect(await mergeFailure({ 'a.ndjson': [line, caseLine(0)] })).toBe(
      `a.ndjson:1: expected the header of a sweep or swarm output (its ${field} is missing or malformed)`,
    );
  });
});

describe('mergeSearchResults with a malformed case line', () => {
  it.each([
    ['outcomes', { outcomes: undefined }],
    ['outcomes', { outcomes: { dispatched: 'many' } }],
    ['requests', { requests: undefined }],
    ['requests', { requests: { total: 1, succeededFirstTime: 1, succeededAfterRetry: 0 } }],
    ['sessions', { sessions: '1' }],
    ['verdict', { verdict: 'maybe' }],
    ['faultsFired', { faultsFired: undefined }],
    ['faultsFired', { faultsFired: { 'worker-crash': 'once' } }],
    ['index', { index: '3' }],
  ])('names its %s, where the totals would break', async (field, changes) => {
    const lines = shardLines(1, 1);
    lines[3] = JSON.stringify({ ...(JSON.parse(lines[3] ?? '') as object), ...changes });

    expect(await mergeFailure({ 'a.ndjson': lines })).toBe(
      `a.ndjson:4: expected a case line of a sweep or swarm output (its ${field} is missing or malformed)`,
    );
  });
});

// A shard written before the request figures were renamed said only "its requests is
// missing or malformed" (user report).
describe('mergeSearchResults given a shard of an older dispatchsim', () => {
  it('says the request figures were renamed and the search must run again', async () => {
    const lines = shardLines(1, 1);
    const old = { total: 1, firstTime: 1, afterRetry: 0, gaveUp: 0 };
    lines[3] = JSON.stringify({ ...(JSON.parse(lines[3] ?? '') as object), requests: old });

    expect(await mergeFailure({ 'a.ndjson': lines })).toBe(
      'a.ndjson:4: expected a case line of a sweep or swarm output (its requests is missing or malformed); it was written by an older dispatchsim (requests.firstTime, now succeededFirstTime): run the search again',
    );
  });
});

describe('mergeSearchResults given a shard without its header', () => {
  it('names the type of the line found first', async () => {
    expect(await mergeFailure({ 'a.ndjson': shardLines(1, 1).slice(1) })).toBe(
      'a.ndjson:1: expected the header line first (got type case)',
    );
  });
});

describe('mergeSearchResults given a search table', () => {
  it('says the shard was written as a table and how to write NDJSON', async () => {
    const table = [
      '  case  scenario   seed  verdict  sessions  4031  gave up  what failed',
      '     0  soak.yaml     1  pass          512    12        0',
    ];

    expect(await mergeFailure({ 's1.ndjson': table })).toBe(
      's1.ndjson:1: expected a JSON object of a sweep or swarm output (got the table of a sweep or swarm: run the shards with --format ndjson)',
    );
  });
});
