// Sweeps and swarms in shards and on threads (issue 13): the output's bytes depend neither on
// the number of worker threads nor on how the cases were split into shards and merged.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createThreadedRunner } from '../../src/io/threaded-runner.js';
import { mergeSearchResults } from '../../src/report/merge-search-results.js';
import {
  formatCaseLine,
  formatHeaderLine,
  formatTotalsLine,
  type SearchHeader,
} from '../../src/report/search-output.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import type { CaseRunner } from '../../src/search/run-in-order.js';
import { formatShard, type Shard } from '../../src/search/shard.js';
import { sweep } from '../../src/search/sweep.js';
import { loadBundledInput } from '../helpers/run-bundled.js';

// The worker threads run the built code: `npm test` builds first.
const workerFile = fileURLToPath(new URL('../../dist/io/case-worker.js', import.meta.url));
const threads4 = createThreadedRunner({ threads: 4, workerFile });
afterAll(() => threads4.close());

const scenarios = (): { file: string; scenario: ScenarioInput }[] => [
  { file: 'worker-recycle-race', scenario: loadBundledInput('worker-recycle-race') },
  { file: 'dup-handle-failure', scenario: loadBundledInput('dup-handle-failure') },
];

// One sweep's NDJSON output (one shard of it), as the CLI writes it.
async function sweepOutput(shard: Shard, runner?: CaseRunner, concurrency = 1): Promise<string[]> {
  const header: SearchHeader = {
    type: 'header',
    tool: 'dispatchsim',
    version: 'test',
    command: 'sweep',
    inputs: [],
    cases: { total: 2 * 30, scenarios: 2, seeds: '1..30' },
    shard: formatShard(shard),
  };
  const lines = [formatHeaderLine(header)];
  const report = await sweep(scenarios(), {
    seeds: { from: 1, to: 30 },
    shard,
    concurrency,
    ...(runner === undefined ? {} : { runner }),
    onResult: (result) => {
      lines.push(formatCaseLine(result));
    },
  });
  lines.push(formatTotalsLine(report.totals));
  return lines;
}

async function merge(shards: readonly string[][]): Promise<string> {
  const out: string[] = [];
  await mergeSearchResults(
    shards.map((lines, i) => ({
      name: `shard${i + 1}.ndjson`,
      lines: {
        [Symbol.asyncIterator]: () => {
          let i = 0;
          return {
            next: () =>
              Promise.resolve(
                i < lines.length
                  ? { done: false as const, value: lines[i++] ?? '' }
                  : { done: true as const, value: undefined },
              ),
          };
        },
      },
    })),
    (line) => {
      out.push(line);
    },
  );
  return out.join('\n');
}

describe('sweep output', () => {
  it('is byte-identical on 1 thread and on 4 worker threads', async () => {
    const one = await sweepOutput({ index: 1, count: 1 });
    const four = await sweepOutput({ index: 1, count: 1 }, threads4.run, 4);
    expect(four.join('\n')).toBe(one.join('\n'));
    expect(one).toHaveLength(62);
  });

  it('merges 1 shard and 7 shards into the same bytes', async () => {
    const whole = await merge([await sweepOutput({ index: 1, count: 1 })]);
    const sevenths = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7].map((index) => sweepOutput({ index, count: 7 })),
    );
    // Shards in any order, one of them run twice (a retried CI job).
    const merged = await merge([...sevenths].reverse().concat([sevenths[2] ?? []]));
    expect(merged).toBe(whole);
    expect(whole.split('\n')[0]).toContain('"shard":"1/1"');
  });

  it('refuses shards of another search, a missing case, and a repeat that differs', async () => {
    const [a, b] = await Promise.all([
      sweepOutput({ index: 1, count: 2 }),
      sweepOutput({ index: 2, count: 2 }),
    ]);
    const other = [...b];
    other[0] = (other[0] ?? '').replace('"1..30"', '"1..31"');
    await expect(merge([a, other])).rejects.toThrow(
      "shard2.ndjson:1: a header of another search than shard1.ndjson: its cases.seeds is 1..31, shard1.ndjson's is 1..30",
    );
    await expect(merge([a])).rejects.toThrow(
      'merge: shard 2/2 is missing (its first case is case 1 of 60)',
    );
    const changed = [...b];
    changed[1] = (changed[1] ?? '').replace('"verdict":"pass"', '"verdict":"fail"');
    await expect(merge([a, b, changed])).rejects.toThrow(
      'shard3.ndjson:2: case 1 differs from shard2.ndjson:2 (the same case must give the same bytes)',
    );
  });
});
