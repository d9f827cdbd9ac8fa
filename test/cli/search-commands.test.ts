// `dispatchsim sweep`, `swarm`, `shrink` and `merge` in-process (issue 13): their output, the
// shrunk file a swarm writes and that it replays, the merge of shards, and bad input.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { createFakeIo, fixture, repoRoot, type FakeIo } from '../helpers/fake-cli-io.js';
import { shrinkableFailingScenario } from '../helpers/shrinkable-failing-scenario.js';

const at = (name: string): string => resolve(repoRoot, name);

describe('dispatchsim sweep', () => {
  it('writes a header, one line per case in case order and the totals, and exits 0 when all pass', async () => {
    const io = createFakeIo();
    const code = await runCli(
      [
        'sweep',
        fixture('healthy-baseline'),
        '--seeds',
        '1..4',
        '--format',
        'ndjson',
        '--threads',
        '1',
      ],
      io,
    );
    expect(code).toBe(0);
    const lines = io
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['type'])).toEqual([
      'header',
      'case',
      'case',
      'case',
      'case',
      'totals',
    ]);
    expect(lines.slice(1, 5).map((l) => [l['index'], l['seed'], l['verdict']])).toEqual([
      [0, 1, 'pass'],
      [1, 2, 'pass'],
      [2, 3, 'pass'],
      [3, 4, 'pass'],
    ]);
    expect(lines[0]).toMatchObject({
      command: 'sweep',
      cases: { total: 4, seeds: '1..4' },
      shard: '1/1',
    });
  });

  it('shows the worst cases first in its table and exits 1 when a case fails', async () => {
    const io = createFakeIo();
    const code = await runCli(
      [
        'sweep',
        fixture('failing-expectation'),
        fixture('healthy-baseline'),
        '--seeds',
        '1..2',
        '--threads',
        '1',
      ],
      io,
    );
    expect(code).toBe(1);
    const rows = io.out().split('\n').slice(1, 5);
    expect(rows[0]).toMatch(/fail/);
    expect(rows[3]).toMatch(/pass/);
    expect(io.out()).toMatch(/4 cases: 2 passed, 2 failed, 0 errors/);
    // What failed, with the figure seen: the expectation alone read as what was seen (user
    // report: `count = 6` where 300,000 were).
    expect(rows[0]).toMatch(/ {2}event 4031 DispatchSessionFailed count >= 1, saw 0$/);
  });

  it('says when the table leaves cases out, and counts one case as one', async () => {
    const run = async (seeds: string) => {
      const io = createFakeIo();
      const argv = ['sweep', fixture('healthy-baseline'), '--seeds', seeds, '--threads', '1'];
      expect(await runCli(argv, io)).toBe(0);
      return io.out();
    };
    const many = await run('1..25');
    const one = await run('7');
    expect(many).toContain(
      '\n(the 20 worst of 25 cases; --format ndjson lists every case)\n\n25 cases: 25 passed',
    );
    expect(many.split('\n').filter((line) => / pass /.test(line))).toHaveLength(20);
    expect(one).not.toContain('worst of');
    expect(one).toContain('\n1 case: 1 passed, 0 failed, 0 errors;');
  });

  it.each([
    [
      ['--seeds', '5..1'],
      "dispatchsim: --seeds: expected A..B with integers 0 <= A <= B <= 4294967295, or one seed, got '5..1' (string)",
    ],
    [
      ['--seeds', '1..3', '--shard', '4/3'],
      "dispatchsim: --shard: expected k/n with 1 <= k <= n, or auto/n with JOB_COMPLETION_INDEX set (0-based), got '4/3' (string)",
    ],
    [
      ['--seeds', '1..3', '--shard', 'auto/3'],
      "dispatchsim: --shard: expected k/n with 1 <= k <= n, or auto/n with JOB_COMPLETION_INDEX set (0-based), got 'auto/3' (string); JOB_COMPLETION_INDEX is not set (0-2 for auto/3)",
    ],
    [
      ['--seeds', '1..3', '--format', 'xml'],
      "dispatchsim: --format: expected one of table, ndjson, got 'xml' (string)",
    ],
  ])('rejects %j with one line and exit 2', async (flags, line) => {
    const io = createFakeIo();
    const code = await runCli(['sweep', fixture('healthy-baseline'), ...flags], io);
    expect(code).toBe(2);
    expect(io.err()).toBe(`${line}\n`);
  });

  it.each([
    ['', "'', not decimal digits (0-2 for auto/3)"],
    [' ', "' ', not decimal digits (0-2 for auto/3)"],
    ['0x1', "'0x1', not decimal digits (0-2 for auto/3)"],
    ['1e0', "'1e0', not decimal digits (0-2 for auto/3)"],
    ['-1', "'-1', not decimal digits (0-2 for auto/3)"],
    ['3', '3, outside 0-2 for auto/3'],
    ['9', '9, outside 0-2 for auto/3'],
  ])(
    "rejects --shard auto/3 when JOB_COMPLETION_INDEX is '%s', showing the value",
    async (value, shown) => {
      const io = createFakeIo({ env: { JOB_COMPLETION_INDEX: value } });
      const code = await runCli(
        ['sweep', fixture('healthy-baseline'), '--seeds', '1..3', '--shard', 'auto/3'],
        io,
      );
      expect(io.err()).toBe(
        `dispatchsim: --shard: expected k/n with 1 <= k <= n, or auto/n with JOB_COMPLETION_INDEX set (0-based), got 'auto/3' (string); JOB_COMPLETION_INDEX is ${shown}\n`,
      );
      expect(code).toBe(2);
    },
  );

  it('takes its shard from JOB_COMPLETION_INDEX with --shard auto/n', async () => {
    const io = createFakeIo({ env: { JOB_COMPLETION_INDEX: '1' } });
    const code = await runCli(
      [
        'sweep',
        fixture('healthy-baseline'),
        '--seeds',
        '1..6',
        '--shard',
        'auto/3',
        '--format',
        'ndjson',
        '--threads',
        '1',
      ],
      io,
    );
    expect(code).toBe(0);
    const cases = io
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l['type'] === 'case');
    expect(cases.map((c) => c['index'])).toEqual([1, 4]);
  });
});

describe('search progress', () => {
  it('shows cases done, failures and the rate on a terminal, and nothing under CI', async () => {
    const tty = createFakeIo({ isTTY: true, stderrIsTTY: true });
    const ci = createFakeIo({ isTTY: true, stderrIsTTY: true, env: { CI: 'true' } });
    const args = ['sweep', fixture('failing-expectation'), '--seeds', '1..30', '--threads', '1'];

    await runCli(args, tty);
    await runCli(args, ci);

    expect(tty.err()).toMatch(/sweep \[.*\] \d+\/30 cases \| \d+ failing \| [\d.]+ cases\/s/);
    expect(ci.err()).toBe('');
  });

  // A 190 s shrink showed its opening line and nothing else (user report).
  it("shows a swarm's shrink runs on a terminal", async () => {
    const tty = createFakeIo({ isTTY: true, stderrIsTTY: true });
    const args = ['swarm', fixture('weak-retry'), '--runs', '30', '--seed', '3', '--threads', '1'];

    const code = await runCli([...args, '--shrink-budget', '20', '--out-dir', 'found'], tty);

    expect(code).toBe(1);
    const upTo = /shrinking up to 10 of (\d+)|shrinking (\d+) distinct/.exec(tty.err());
    expect(upTo).not.toBeNull();
    expect(tty.err()).toMatch(/shrinking \[.*\] [1-9]\d* runs, of at most \d+/);
  });
});

// With --out, sweep, swarm and merge printed nothing at all, even when a case failed and the
// exit code was 1, where `run --out` says what it wrote (user report).
describe('a search or merge written to --out', () => {
  it('says on stdout what it wrote, and how the cases went', async () => {
    const io = createFakeIo();
    const flags = ['--seeds', '1..2', '--threads', '1'];

    const table = await runCli(
      ['sweep', fixture('failing-expectation'), ...flags, '--out', 'sw.txt'],
      io,
    );
    const tableSaid = io.out();
    const ndjson = await runCli(
      [
        'sweep',
        fixture('failing-expectation'),
        ...flags,
        '--format',
        'ndjson',
        '--out',
        'sw.ndjson',
      ],
      io,
    );
    const ndjsonSaid = io.out().slice(tableSaid.length);
    const merged = await runCli(['merge', 'sw.ndjson', '--out', 'merged.ndjson'], io);
    const mergeSaid = io.out().slice(tableSaid.length + ndjsonSaid.length);

    expect([table, ndjson, merged]).toEqual([1, 1, 1]);
    // A failing CI shard's log names its first failing case, and how to shrink it.
    expect(tableSaid).toMatch(
      /^Wrote the sweep \(2 cases: 0 passed, 2 failed, 0 errors\) to sw\.txt\nFirst failing case: 0 \(.*failing-expectation\.yaml, seed 1\): .+\n$/,
    );
    expect(ndjsonSaid).toMatch(
      /^Wrote the sweep \(2 cases: 0 passed, 2 failed, 0 errors\) to sw\.ndjson\nFirst failing case: 0 \(.*failing-expectation\.yaml, seed 1\): .+; shrink it: dispatchsim shrink sw\.ndjson --case 0\n$/,
    );
    expect(mergeSaid).toBe(
      'Wrote the merged search (2 cases: 0 passed, 2 failed, 0 errors) to merged.ndjson\n',
    );
  });

  it('keeps stdout for the output itself without --out', async () => {
    const io = createFakeIo();

    await runCli(
      [
        'sweep',
        fixture('failing-expectation'),
        '--seeds',
        '1..2',
        '--threads',
        '1',
        '--format',
        'ndjson',
      ],
      io,
    );

    expect(io.out()).not.toMatch(/Wrote/);
    expect(io.out().split('\n')[0]).toMatch(/^\{"type":"header"/);
  });
});

// `run --sessions` says when an exact count of the file no longer fits; a sweep whose every
// case failed on one said nothing (user report).
describe('a search with --sessions', () => {
  it('notes once per file that its exact counts were written for the file’s own size', async () => {
    const io = createFakeIo();

    const code = await runCli(
      [
        'sweep',
        fixture('healthy-baseline'),
        '--seeds',
        '1..3',
        '--threads',
        '1',
        '--sessions',
        '50',
      ],
      io,
    );

    expect(code).toBe(1);
    expect(io.err()).toBe(
      `dispatchsim: note: ${fixture('healthy-baseline')}: 1 expectation of its expect: is an exact count for the 200 sessions the file runs; --sessions 50 changes what it counts, and cases may fail on it\n`,
    );
  });

  // The user report: `gaveUp = 0` was noted, though no number of sessions changes it.
  it('says nothing when the only exact counts of the file are of 0', async () => {
    // Arrange
    const zeroOnly = [
      'name: zero-only',
      'apps:',
      '  - { name: orders, baseAddress: net.tcp://localhost/orders/ }',
      'workload: { sessions: 20, arrivals: { fixed: { intervalMs: 10 } } }',
      'expect:',
      '  - { requests: gaveUp, count: 0 }',
      '  - { event: 4031, count: { equals: 0 } }',
      '',
    ].join('\n');
    const io = createFakeIo({ files: { [at('zero-only.yaml')]: zeroOnly } });

    // Act
    const code = await runCli(
      ['sweep', 'zero-only.yaml', '--seeds', '1..2', '--threads', '1', '--sessions', '50'],
      io,
    );

    // Assert
    expect(code).toBe(0);
    expect(io.err()).toBe('');
  });

  it('says nothing when --sessions is the file’s own size, or absent', async () => {
    const io = createFakeIo();

    await runCli(
      [
        'sweep',
        fixture('healthy-baseline'),
        '--seeds',
        '1..2',
        '--threads',
        '1',
        '--sessions',
        '200',
      ],
      io,
    );
    await runCli(['sweep', fixture('healthy-baseline'), '--seeds', '1..2', '--threads', '1'], io);

    expect(io.err()).toBe('');
  });
});

describe('dispatchsim merge', () => {
  it('merges shard files into the output of the whole sweep', async () => {
    const io = createFakeIo();
    const flags = ['--seeds', '1..5', '--format', 'ndjson', '--threads', '1'];
    await runCli(['sweep', fixture('healthy-baseline'), ...flags, '--out', 'whole.ndjson'], io);
    for (const k of [1, 2, 3]) {
      await runCli(
        [
          'sweep',
          fixture('healthy-baseline'),
          ...flags,
          '--shard',
          `${k}/3`,
          '--out',
          `s${k}.ndjson`,
        ],
        io,
      );
    }
    const code = await runCli(
      ['merge', 's3.ndjson', 's1.ndjson', 's2.ndjson', '--out', 'merged.ndjson'],
      io,
    );
    const wholeMerged = await runCli(['merge', 'whole.ndjson', '--out', 'merged-whole.ndjson'], io);
    expect([code, wholeMerged]).toEqual([0, 0]);
    expect(io.written.get(at('merged.ndjson'))).toBe(io.written.get(at('merged-whole.ndjson')));
    // The same bytes as one machine running every case, header included (it said
    // "shard":"all" after a merge, "1/1" from one machine).
    expect(io.written.get(at('merged.ndjson'))).toBe(io.written.get(at('whole.ndjson')));
  });

  it('exits 1 when a merged case failed, as the whole search does', async () => {
    const io = createFakeIo();
    const flags = ['--seeds', '1..4', '--format', 'ndjson', '--threads', '1'];
    const whole = await runCli(
      ['sweep', fixture('failing-expectation'), ...flags, '--out', 'whole.ndjson'],
      io,
    );
    for (const k of [1, 2]) {
      await runCli(
        [
          'sweep',
          fixture('failing-expectation'),
          ...flags,
          '--shard',
          `${k}/2`,
          '--out',
          `f${k}.ndjson`,
        ],
        io,
      );
    }

    const code = await runCli(['merge', 'f1.ndjson', 'f2.ndjson', '--out', 'merged.ndjson'], io);

    expect(whole).toBe(1);
    expect(code).toBe(1);
    expect(io.written.get(at('merged.ndjson'))).toBe(io.written.get(at('whole.ndjson')));
  });

  it('merges shards that name the same file differently (sub/a.yaml, ./sub/a.yaml, sub//a.yaml)', async () => {
    const text = [
      'name: paths',
      'apps: [{ name: orders, baseAddress: net.tcp://localhost/orders/ }]',
      'workload: { sessions: 5 }',
      'expect: [{ invariant: balanced }]',
    ].join('\n');
    const io = createFakeIo({ files: { [at('sub/a.yaml')]: text } });
    const flags = ['--seeds', '1..3', '--format', 'ndjson', '--threads', '1'];
    await runCli(['sweep', 'sub/a.yaml', ...flags, '--out', 'whole.ndjson'], io);
    await runCli(['sweep', './sub/a.yaml', ...flags, '--shard', '1/2', '--out', 'p1.ndjson'], io);
    await runCli(['sweep', 'sub//a.yaml', ...flags, '--shard', '2/2', '--out', 'p2.ndjson'], io);

    const code = await runCli(['merge', 'p1.ndjson', 'p2.ndjson', '--out', 'merged.ndjson'], io);

    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.written.get(at('merged.ndjson'))).toBe(io.written.get(at('whole.ndjson')));
    expect(io.written.get(at('merged.ndjson'))).toContain('"file":"sub/a.yaml"');
  });

  it('exits 2 naming the missing shard and its first case', async () => {
    const io = createFakeIo();
    const flags = ['--seeds', '1..4', '--format', 'ndjson', '--threads', '1'];
    await runCli(
      ['sweep', fixture('healthy-baseline'), ...flags, '--shard', '1/2', '--out', 'a.ndjson'],
      io,
    );
    const code = await runCli(['merge', 'a.ndjson'], io);
    expect(code).toBe(2);
    expect(io.err()).toBe(
      'dispatchsim: merge: shard 2/2 is missing (its first case is case 1 of 4)\n',
    );
  });

  // A shard cut short was found at its end, after the merge had written the other shards'
  // cases to standard output: 265 lines, then exit 2 (user report). Each shard's last line is
  // read first.
  it('exits 2 before writing anything when a shard ends before its totals line', async () => {
    const io = createFakeIo();
    // Enough cases that the first shard passes the 64 KB a chunk of output holds.
    const flags = ['--seeds', '1..400', '--format', 'ndjson', '--threads', '1'];
    for (const shard of ['1/2', '2/2']) {
      await runCli(
        [
          'sweep',
          fixture('healthy-baseline'),
          ...flags,
          '--shard',
          shard,
          '--out',
          `s${shard[0]}.ndjson`,
        ],
        io,
      );
    }
    const whole = io.written.get(at('s2.ndjson')) ?? '';
    (io.written as Map<string, string>).set(
      at('s2.ndjson'),
      whole.split('\n').slice(0, -2).join('\n') + '\n',
    );
    const before = io.out();

    const code = await runCli(['merge', 's1.ndjson', 's2.ndjson'], io);

    expect(code).toBe(2);
    expect(io.out()).toBe(before);
    expect(io.err()).toBe(
      'dispatchsim: s2.ndjson: the output ends before its totals line: cut short? run its search again\n',
    );
  });

  it('exits 2 naming each header field that differs when a shard is of another search', async () => {
    const io = createFakeIo();
    const flags = ['--format', 'ndjson', '--threads', '1'];
    await runCli(
      [
        'sweep',
        fixture('healthy-baseline'),
        '--seeds',
        '1..4',
        ...flags,
        '--shard',
        '1/2',
        '--out',
        'a.ndjson',
      ],
      io,
    );
    await runCli(
      [
        'sweep',
        fixture('healthy-baseline'),
        '--seeds',
        '1..5',
        ...flags,
        '--shard',
        '2/2',
        '--out',
        'b.ndjson',
      ],
      io,
    );

    const code = await runCli(['merge', 'a.ndjson', 'b.ndjson'], io);

    expect(io.err()).toBe(
      "dispatchsim: b.ndjson:1: a header of another search than a.ndjson: its cases.total is 5, a.ndjson's is 4; its cases.seeds is 1..5, a.ndjson's is 1..4\n",
    );
    expect(code).toBe(2);
  });

  it('merges shards whose --kinds name the same kinds in another order', async () => {
    const io = createFakeIo();
    const swarm = (kinds: string, shard: string, out: string) =>
      runCli(
        [
          'swarm',
          fixture('healthy-baseline'),
          '--runs',
          '4',
          '--kinds',
          kinds,
          '--shard',
          shard,
          '--no-shrink',
          '--format',
          'ndjson',
          '--threads',
          '1',
          '--out',
          out,
        ],
        io,
      );
    await swarm('worker-crash,app-pool-recycle', '1/2', 'k1.ndjson');
    await swarm('app-pool-recycle,worker-crash,worker-crash', '2/2', 'k2.ndjson');
    const whole = await swarm('app-pool-recycle,worker-crash', '1/1', 'whole.ndjson');

    const code = await runCli(['merge', 'k1.ndjson', 'k2.ndjson', '--out', 'merged.ndjson'], io);

    expect(io.err()).toBe('');
    expect(code).toBe(whole);
    expect(io.written.get(at('merged.ndjson'))).toBe(io.written.get(at('whole.ndjson')));
  });

  it('exits 2 naming the shard it cannot read', async () => {
    const io = createFakeIo();
    const flags = ['--seeds', '1..4', '--format', 'ndjson', '--threads', '1'];
    await runCli(
      ['sweep', fixture('healthy-baseline'), ...flags, '--shard', '1/2', '--out', 'a.ndjson'],
      io,
    );
    const code = await runCli(['merge', 'a.ndjson', 'no-such-shard.ndjson'], io);
    expect(code).toBe(2);
    expect(io.err()).toBe(
      "dispatchsim: merge: cannot read 'no-such-shard.ndjson' (no such file)\n",
    );
  });
});

describe('dispatchsim swarm and shrink', () => {
  it('keeps a shrunk file another search wrote, and writes the same file again for the same search', async () => {
    // A user lost the how-to's shrunk file to a later swarm, which wrote over weak-retry-1.yaml.
    const kept = '# shrunk by another search\nname: other\n';
    const io = createFakeIo({ files: { [at('found/weak-retry-1.yaml')]: kept } });
    const swarm = () =>
      runCli(
        [
          'swarm',
          fixture('weak-retry'),
          ...['--runs', '30', '--seed', '3', '--threads', '1', '--out-dir', 'found'],
        ],
        io,
      );

    const first = await swarm();
    const written = io.written.get(at('found/weak-retry-2.yaml'));
    // One file per distinct failure shrunk: numbers 2 on, one each.
    const shrunk = [...io.out().matchAll(/^shrunk: .*: found\/weak-retry-(\d+)\.yaml$/gm)].map(
      (match) => Number(match[1]),
    );
    const files = (n: number) => io.written.has(at(`found/weak-retry-${n}.yaml`));
    const once = [...shrunk, shrunk.length + 2].map(files);
    const again = await swarm();

    expect([first, again]).toEqual([1, 1]);
    expect(shrunk.length).toBeGreaterThan(1);
    expect(shrunk).toEqual(shrunk.map((_, i) => i + 2));
    expect(io.written.has(at('found/weak-retry-1.yaml'))).toBe(false);
    expect(written).toMatch(/^# Replay: dispatchsim run found\/weak-retry-2\.yaml$/m);
    expect(io.written.get(at('found/weak-retry-2.yaml'))).toBe(written);
    expect(once).toEqual([...shrunk.map(() => true), false]);
    expect(io.written.has(at(`found/weak-retry-${shrunk.length + 2}.yaml`))).toBe(false);
  });

  it('says in its table and its totals line how many cases fired no fault', async () => {
    // The how-to's swarm: 109 of its 200 cases fired nothing, and nothing said so.
    const swarm = async (...flags: string[]) => {
      const io = createFakeIo();
      const args = ['--runs', '30', '--seed', '3', '--threads', '1', '--no-shrink'];
      await runCli(['swarm', fixture('weak-retry'), ...args, ...flags], io);
      return io.out();
    };
    const ndjson = await swarm('--format', 'ndjson');
    const table = await swarm();

    const quiet = ndjson.split('\n').filter((line) => line.includes('"faultsFired":{}')).length;
    expect(quiet).toBeGreaterThan(0);
    expect(ndjson).toContain(`"errors":0,"noFaultFired":${quiet},`);
    expect(table).toContain(`\n${quiet} of 30 cases fired no fault`);
  });

  it('shrinks a failure per set of fault kinds that fired, and says how to shrink those it left', async () => {
    // The how-to's promise with every kind: one message, many causes (app-pool-stop,
    // service-stop, queue-paused, …), and only the first of them was shrunk.
    const io = createFakeIo();
    const args = ['--runs', '60', '--seed', '3', '--threads', '1', '--sessions', '30'];
    const argv = ['swarm', fixture('weak-retry'), ...args, '--out-dir', 'many'];

    const code = await runCli([...argv, '--format', 'ndjson', '--out', 'many.ndjson'], io);

    expect(code).toBe(1);
    const shrunk = io.out().match(/^shrunk: /gm) ?? [];
    expect(shrunk.length).toBeGreaterThan(1);
    const distinct =
      /^dispatchsim: shrinking up to 10 of (\d+) distinct failures \(by what failed and the fault kinds that fired; up to 400 runs each\)…$/m.exec(
        io.err(),
      );
    expect(Number(distinct?.[1])).toBeGreaterThan(10);
    expect(io.out()).toMatch(/^not shrunk: \d+ more distinct failures? \(/m);
    expect(io.out()).toMatch(/^ {2}dispatchsim shrink many\.ndjson --case \d+ {2}# /m);
  });

  it('finds the weak policy giving up, writes the shrunk scenario, and that file replays the failure', async () => {
    const io = createFakeIo();
    const code = await runCli(
      [
        'swarm',
        fixture('weak-retry'),
        '--runs',
        '30',
        '--seed',
        '3',
        '--threads',
        '1',
        '--out-dir',
        'found',
      ],
      io,
    );
    expect(code).toBe(1);
    expect(io.out()).toMatch(
      /shrunk: requests gaveUp <= 0 \(case \d+\) to [12] rule\(s\) and \d+ session\(s\): found\/weak-retry-1\.yaml/,
    );
    const shrunk = io.written.get(at('found/weak-retry-1.yaml')) ?? '';
    expect(shrunk).toMatch(/^# Replay: dispatchsim run found\/weak-retry-1\.yaml$/m);

    const replayIo = createFakeIo({ files: { [at('found/weak-retry-1.yaml')]: shrunk } });
    const replay = await runCli(['run', 'found/weak-retry-1.yaml', '--format', 'json'], replayIo);
    expect(replay).toBe(1);
    expect(replayIo.err()).toMatch(/expectation not met: requests gaveUp <= 0/);
  });

  it.each([
    ['--out found.ndjson', ['--out', 'found.ndjson']],
    ['standard output', []],
  ])(
    'writes every finished case, without a shrunk scenario, when interrupted while shrinking (NDJSON to %s)',
    async (_, out) => {
      // Arrange: Ctrl-C once the swarm says it starts shrinking (user report: the 2 finished
      // cases were thrown away). The same swarm with --no-shrink is what must be written.
      const args = [
        'swarm',
        fixture('weak-retry'),
        ...['--runs', '6', '--seed', '3', '--kinds', 'app-pool-stop', '--threads', '1'],
        ...['--format', 'ndjson', '--out-dir', 'found', ...out],
      ];
      const unshrunkIo = createFakeIo();
      await runCli(
        [...args.filter((a) => a !== '--out-dir' && a !== 'found'), '--no-shrink'],
        unshrunkIo,
      );
      const unshrunk = unshrunkIo.written.get(at('found.ndjson')) ?? unshrunkIo.out();
      let err = '';
      const io: FakeIo = createFakeIo({
        stderr: (text) => {
          err += text;
          if (text.includes('shrinking')) io.interrupt('SIGINT');
        },
      });

      // Act
      const code = await runCli(args, io);

      // Assert
      expect(code).toBe(130);
      const firstFailing = unshrunk
        .split('\n')
        .filter((line) => line.startsWith('{"type":"case"'))
        .map((line) => JSON.parse(line) as { index: number; verdict: string })
        .find((c) => c.verdict !== 'pass')?.index;
      expect(err).toMatch(
        out.length === 0
          ? new RegExp(
              `^dispatchsim: shrinking 1 distinct failure \\(up to 400 runs each\\)…\ndispatchsim: interrupted while shrinking: wrote the 6 cases without a shrunk scenario to standard output; to shrink one later, run the swarm again with --no-shrink --out swarm\\.ndjson, then: dispatchsim shrink swarm\\.ndjson --case ${firstFailing}\n$`,
            )
          : new RegExp(
              `^dispatchsim: shrinking 1 distinct failure \\(up to 400 runs each\\)…\ndispatchsim: interrupted while shrinking: wrote the 6 cases without a shrunk scenario to found\\.ndjson; shrink one later: dispatchsim shrink found\\.ndjson --case ${firstFailing}\n$`,
            ),
      );
      expect(io.written.get(at('found.ndjson')) ?? io.out()).toBe(unshrunk);
      expect([...io.written.keys()].filter((path) => path.endsWith('.yaml'))).toEqual([]);
      expect(io.open.size).toBe(0);
    },
  );

  it('shrinks a failing file found elsewhere to the rule that matters', async () => {
    const file = at('failing.yaml');
    const text = shrinkableFailingScenario;
    const io = createFakeIo({ files: { [file]: text } });

    const code = await runCli(['shrink', 'failing.yaml', '--out', 'small.yaml'], io);

    expect(code).toBe(0);
    expect(io.err()).toMatch(/fails with seed 4: requests gaveUp <= 0; shrinking/);
    expect(io.err()).toMatch(/shrunk to 1 fault rule\(s\) and 1 session\(s\)/);
    const small = io.written.get(at('small.yaml')) ?? '';
    expect(small).toMatch(/kind: app-pool-stop/);
    expect(small).not.toMatch(/no-route|queue-paused/);
    expect(small).toMatch(/^seed: 4$/m);
  });

  it('shrinks a swarm case that fails only with the rules the swarm added to one that keeps one of them', async () => {
    // worker-recycle-race's promise of one 4031 needs its own recycle rule: a case whose
    // added rules break it fails the same way without any rule, and shrank to no rule at all
    // and 1 session, a failure no fault caused.
    const io = createFakeIo();
    const args = ['worker-recycle-race', '--runs', '30', '--threads', '1', '--no-shrink'];
    const swarmed = await runCli(
      ['swarm', ...args, '--format', 'ndjson', '--out', 'all.ndjson'],
      io,
    );
    expect(swarmed).toBe(1);
    const found = io.written.get(at('all.ndjson')) ?? '';
    interface Case {
      readonly type: string;
      readonly index: number;
      readonly seed: number;
      readonly failure?: string;
      readonly plan: readonly { readonly kind: string }[];
    }
    const failing = found
      .split('\n')
      .filter((line) => line.startsWith('{"type":"case",'))
      .map((line) => JSON.parse(line) as Case)
      .find((c) => c.failure === 'event 4031 DispatchSessionFailed count = 1');
    expect(failing).toBeDefined();
    const { index, seed, plan } = failing as Case;
    const shrinkIo = createFakeIo({ files: { [at('all.ndjson')]: found } });

    const code = await runCli(
      ['shrink', 'all.ndjson', '--case', String(index), '--out', 's.yaml'],
      shrinkIo,
    );

    expect(code).toBe(0);
    expect(shrinkIo.err()).toContain(
      `all.ndjson case ${index} fails with seed ${seed}: event 4031 DispatchSessionFailed count = 1`,
    );
    const shrunk = shrinkIo.written.get(at('s.yaml')) ?? '';
    const kinds = [...shrunk.matchAll(/^ {2}- kind: (\S+)$/gm)].map((m) => m[1]);
    expect(kinds).toContain('app-pool-recycle');
    expect(kinds.some((kind) => plan.some((rule) => rule.kind === kind))).toBe(true);
    const replayIo = createFakeIo({ files: { [at('s.yaml')]: shrunk } });
    expect(await runCli(['run', 's.yaml', '--format', 'json'], replayIo)).toBe(1);
    expect(replayIo.err()).toMatch(/expectation not met: event 4031 DispatchSessionFailed/);
  });

  it('shrinks the failures of a swarm on a scenario with rules of its own to files that keep a rule it added', async () => {
    const io = createFakeIo();

    const code = await runCli(
      ['swarm', 'worker-recycle-race', '--runs', '20', '--threads', '1'],
      io,
    );

    expect(code).toBe(1);
    const files = [...io.written.keys()].filter((path) => path.endsWith('.yaml'));
    // Failures with several sets of fault kinds fired: one file for each shrunk.
    expect(files.length).toBeGreaterThan(1);
    expect(files).toHaveLength((io.out().match(/^shrunk: /gm) ?? []).length);
    // Not the scenario's own recycle rule alone: an added rule is kept (it may be a recycle
    // too).
    for (const file of files) {
      const kinds = [...(io.written.get(file) ?? '').matchAll(/^ {2}- kind: (\S+)$/gm)].map(
        (match) => match[1],
      );
      expect(kinds.length > 1 || kinds[0] !== 'app-pool-recycle', file).toBe(true);
    }
  });

  it('refuses --out in a folder that does not exist before shrinking, not after', async () => {
    // Opening a file in a missing folder fails with ENOENT, as on disk.
    const io = createFakeIo({
      openFile: () => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })),
    });
    const code = await runCli(['shrink', fixture('weak-retry'), '--out', 'no-such-dir/s.yaml'], io);
    expect(code).toBe(2);
    expect(io.err()).toBe(
      "dispatchsim: --out: cannot write 'no-such-dir/s.yaml' (the folder 'no-such-dir' does not exist)\n",
    );
  });

  it('says there is nothing to shrink when no case of a search output failed, with exit 0 as for a passing file', async () => {
    const io = createFakeIo();
    const swept = await runCli(
      ['sweep', fixture('healthy-baseline'), '--seeds', '1..2', '--threads', '1'].concat([
        '--format',
        'ndjson',
        '--out',
        'passing.ndjson',
      ]),
      io,
    );
    expect(swept).toBe(0);
    const found = io.written.get(at('passing.ndjson')) ?? '';
    const shrinkIo = createFakeIo({ files: { [at('passing.ndjson')]: found } });

    const code = await runCli(['shrink', 'passing.ndjson'], shrinkIo);

    expect(shrinkIo.err()).toBe('dispatchsim: passing.ndjson: no case failed; nothing to shrink\n');
    expect(code).toBe(0);
  });

  it('says there is nothing to shrink when the file passes', async () => {
    const io = createFakeIo();
    const code = await runCli(['shrink', fixture('weak-retry')], io);
    expect(code).toBe(0);
    expect(io.err()).toBe(
      'dispatchsim: test/cli/fixtures/weak-retry.yaml passes with seed 1: nothing to shrink\n',
    );
  });

  it('shrinks the first failing case of a swarm NDJSON output, rebuilt from its scenario file and plan', async () => {
    const io = createFakeIo();
    const swarmed = await runCli(
      [
        'swarm',
        fixture('weak-retry'),
        '--runs',
        '20',
        '--seed',
        '3',
        '--threads',
        '1',
        '--format',
        'ndjson',
        '--out',
        'found.ndjson',
        '--no-shrink',
        '--kinds',
        'app-pool-stop,worker-callback-failure',
      ],
      io,
    );
    expect(swarmed).toBe(1);
    const lines = (io.written.get(at('found.ndjson')) ?? '').trim().split('\n');
    const failing = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l['verdict'] === 'fail');
    expect(failing).toBeDefined();

    const shrinkIo = createFakeIo({ files: { [at('found.ndjson')]: lines.join('\n') } });
    const code = await runCli(['shrink', 'found.ndjson', '--budget', '100'], shrinkIo);

    expect(code).toBe(0);
    expect(shrinkIo.err()).toContain(
      `dispatchsim: found.ndjson case ${String(failing?.['index'])} fails with seed ${String(failing?.['seed'])}: requests gaveUp <= 0; shrinking`,
    );
    expect(shrinkIo.out()).toMatch(/^faults:$/m);
    expect(shrinkIo.out()).toMatch(/kind: (app-pool-stop|worker-callback-failure)/);
  });

  it('finds the scenario of a case beside the NDJSON output when run from another folder', async () => {
    // The swarm ran in test/cli/fixtures, naming its scenario 'weak-retry.yaml'; shrink runs
    // from the repository root. It said "needs weak-retry.yaml, which is missing or invalid".
    const fixtures = `${repoRoot}test/cli/fixtures/`;
    const swarmIo = createFakeIo({ cwd: fixtures });
    const swarmArgs = ['--runs', '20', '--seed', '3', '--threads', '1', '--format', 'ndjson'];
    await runCli(
      [
        'swarm',
        'weak-retry.yaml',
        ...swarmArgs,
        '--out',
        'found.ndjson',
        '--no-shrink',
        '--kinds',
        'app-pool-stop,worker-callback-failure',
      ],
      swarmIo,
    );
    const found = swarmIo.written.get(`${fixtures}found.ndjson`) ?? '';
    const shrinkIo = createFakeIo({ files: { [`${fixtures}found.ndjson`]: found } });

    const code = await runCli(
      ['shrink', 'test/cli/fixtures/found.ndjson', '--budget', '20'],
      shrinkIo,
    );

    expect(shrinkIo.err()).toMatch(/fails with seed \d+: requests gaveUp <= 0; shrinking/);
    expect(code).toBe(0);
  });

  it('says whether the scenario of a case is missing or no longer valid', async () => {
    const io = createFakeIo();
    await runCli(
      [
        'swarm',
        fixture('weak-retry'),
        ...['--runs', '20', '--seed', '3', '--threads', '1', '--format', 'ndjson'],
        ...['--out', 'found.ndjson', '--no-shrink'],
        ...['--kinds', 'app-pool-stop,worker-callback-failure'],
      ],
      io,
    );
    const found = (io.written.get(at('found.ndjson')) ?? '').replaceAll(
      fixture('weak-retry'),
      'gone.yaml',
    );
    const missingIo = createFakeIo({ files: { [at('found.ndjson')]: found } });

    const code = await runCli(['shrink', 'found.ndjson'], missingIo);

    expect(code).toBe(2);
    expect(missingIo.err()).toMatch(
      /^dispatchsim: found\.ndjson: case \d+ needs gone\.yaml, which is neither here nor beside found\.ndjson \(no such file\)\n$/,
    );
  });

  // The user report: every kind was listed, but not which of those given is none.
  it.for([
    { kinds: 'worker-crash,meteor-strike', said: "'meteor-strike' is not a fault kind" },
    {
      kinds: 'worker-crsh,app-pool-stop',
      said: "'worker-crsh' is not a fault kind; did you mean worker-crash?",
    },
    {
      kinds: 'meteor-strike,worker-crsh',
      said: "'meteor-strike' and 'worker-crsh' (did you mean worker-crash?) are not fault kinds",
    },
    { kinds: 'worker-crash,', said: 'a kind between commas is empty' },
  ])('refuses --kinds $kinds, naming what is no fault kind', async ({ kinds, said }) => {
    // Arrange
    const io = createFakeIo();

    // Act
    const code = await runCli(
      ['swarm', fixture('weak-retry'), '--runs', '2', '--kinds', kinds],
      io,
    );

    // Assert
    expect(code).toBe(2);
    const [problem, ...rest] = io.err().split('\n');
    expect(problem).toMatch(
      /^dispatchsim: --kinds: expected fault kinds separated by commas \(preamble-timeout, .*\), got '[^']*' \(string\); /,
    );
    expect(problem?.split(`, got '${kinds}' (string); `)[1]).toBe(said);
    expect(rest).toEqual(['']);
  });

  it('refuses --shrink-budget and --out-dir with --no-shrink, which would ignore them', async () => {
    const io = createFakeIo();
    const code = await runCli(
      [
        'swarm',
        fixture('weak-retry'),
        '--runs',
        '2',
        '--threads',
        '1',
        '--no-shrink',
        '--shrink-budget',
        '50',
      ],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toBe(
      "dispatchsim: --shrink-budget: expected no --shrink-budget with --no-shrink (nothing is shrunk), got '50' (string)\n",
    );
    const both = createFakeIo();
    await runCli(
      [
        'swarm',
        fixture('weak-retry'),
        '--runs',
        '2',
        '--threads',
        '1',
        '--no-shrink',
        '--out-dir',
        'x',
        '--shrink-budget',
        '5',
      ],
      both,
    );
    expect(both.err()).toMatch(
      /--shrink-budget: .*\n.*--out-dir: expected no --out-dir with --no-shrink/,
    );
  });

  it('refuses --kinds none of which applies to the scenario with exit 2, not an internal error', async () => {
    // A self-hosted scenario has no application pool to recycle.
    const io = createFakeIo();
    const code = await runCli(
      ['swarm', 'self-hosted-last-worker', '--runs', '2', '--kinds', 'app-pool-recycle'],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toBe(
      "dispatchsim: --kinds: expected at least one fault kind that applies to self-hosted-last-worker (app-pool-stop and app-pool-recycle need an application pool, and it has none), got 'app-pool-recycle'\n",
    );
  });
});

// The user report: a 300,000-session soak file swept at 200 sessions. --sessions overrides
// every scenario's workload.sessions, as `run --sessions` does, and everything a search
// writes replays with it.
describe('dispatchsim sweep and swarm --sessions', () => {
  // Fails only at fewer than 20 sessions: a case replayed without the override passes.
  const soak = at('soak.yaml');
  const soakText = [
    'name: soak',
    'seed: 1',
    'apps: [{ name: orders, baseAddress: net.tcp://localhost/orders/ }]',
    'workload: { sessions: 20, arrivals: { fixed: { intervalMs: 10 } } }',
    'expect: [{ outcome: dispatched, count: { min: 20 } }]',
  ].join('\n');
  const ndjson = (text: string): Record<string, unknown>[] =>
    text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('runs every case with that many sessions and records it in the header', async () => {
    const io = createFakeIo({ files: { [soak]: soakText } });
    const args = ['sweep', 'soak.yaml', '--seeds', '1..2', '--format', 'ndjson', '--threads', '1'];

    const code = await runCli([...args, '--sessions', '5'], io);
    const without = createFakeIo({ files: { [soak]: soakText } });
    const plainCode = await runCli(args, without);

    expect([code, plainCode]).toEqual([1, 0]);
    const lines = ndjson(io.out());
    expect(lines[0]?.['cases']).toEqual({ total: 2, scenarios: 1, seeds: '1..2', sessions: 5 });
    expect(lines.slice(1, 3).map((l) => [l['sessions'], l['failure']])).toEqual([
      [5, 'outcome dispatched count >= 20'],
      [5, 'outcome dispatched count >= 20'],
    ]);
    // Without the flag the header is as before: no sessions key.
    expect(ndjson(without.out())[0]?.['cases']).toEqual({ total: 2, scenarios: 1, seeds: '1..2' });
  });

  it('gives the replay of the worst case in its table with the flag, and no replay without it', async () => {
    const io = createFakeIo({ files: { [soak]: soakText } });
    const args = ['sweep', 'soak.yaml', '--seeds', '1..2', '--threads', '1'];

    await runCli([...args, '--sessions', '5'], io);
    const without = createFakeIo({ files: { [soak]: soakText } });
    await runCli(args, without);

    expect(io.out()).toMatch(
      /\nreplay case 0: dispatchsim run soak\.yaml --seed 1 --sessions 5 \(every case ran with --sessions 5\)\n$/,
    );
    expect(without.out()).not.toMatch(/replay/);
  });

  it('shrinks a case of a sweep run with --sessions as it ran, from the header', async () => {
    const io = createFakeIo({ files: { [soak]: soakText } });
    await runCli(
      ['sweep', 'soak.yaml', '--seeds', '3', '--sessions', '5', '--format', 'ndjson'].concat([
        '--threads',
        '1',
        '--out',
        's.ndjson',
      ]),
      io,
    );
    const output = io.written.get(at('s.ndjson')) ?? '';
    const shrinkIo = createFakeIo({ files: { [soak]: soakText, [at('s.ndjson')]: output } });

    const code = await runCli(['shrink', 's.ndjson', '--out', 'small.yaml'], shrinkIo);

    expect(shrinkIo.err()).toContain(
      'dispatchsim: s.ndjson case 0 fails with seed 3: outcome dispatched count >= 20; shrinking',
    );
    expect(code).toBe(0);
    const small = shrinkIo.written.get(at('small.yaml')) ?? '';
    const replayIo = createFakeIo({ files: { [at('small.yaml')]: small } });
    expect(await runCli(['run', 'small.yaml', '--format', 'json'], replayIo)).toBe(1);
    expect(replayIo.err()).toMatch(/expectation not met: outcome dispatched count >= 20/);
  });

  it('records it in a swarm header and writes shrunk files with their sessions, which replay', async () => {
    const io = createFakeIo({ files: { [soak]: soakText } });
    const code = await runCli(
      ['swarm', 'soak.yaml', '--runs', '3', '--seed', '2', '--sessions', '5'].concat([
        '--threads',
        '1',
        '--format',
        'ndjson',
        '--out',
        'w.ndjson',
        '--out-dir',
        'found',
      ]),
      io,
    );

    expect(code).toBe(1);
    const header = ndjson(io.written.get(at('w.ndjson')) ?? '')[0];
    expect(header?.['cases']).toMatchObject({ runs: 3, seed: 2, sessions: 5 });
    expect(io.out()).toMatch(
      /shrunk: outcome dispatched count >= 20 \(case 0\) to \d+ rule\(s\) and [1-5] session\(s\): found\/soak-1\.yaml\n {2}replay: dispatchsim run found\/soak-1\.yaml\n/,
    );
    const shrunk = io.written.get(at('found/soak-1.yaml')) ?? '';
    expect(shrunk).toMatch(/^# Replay: dispatchsim run found\/soak-1\.yaml$/m);
    const replayIo = createFakeIo({ files: { [at('found/soak-1.yaml')]: shrunk } });
    expect(await runCli(['run', 'found/soak-1.yaml', '--format', 'json'], replayIo)).toBe(1);
    expect(replayIo.err()).toMatch(/expectation not met: outcome dispatched count >= 20/);
  });

  it('merges no shards run with different --sessions, naming the difference', async () => {
    const io = createFakeIo({ files: { [soak]: soakText } });
    const flags = ['--seeds', '1..4', '--format', 'ndjson', '--threads', '1'];
    const shard = (k: number, out: string, ...more: string[]) =>
      runCli(['sweep', 'soak.yaml', ...flags, '--shard', `${k}/2`, '--out', out, ...more], io);
    await shard(1, 'a.ndjson', '--sessions', '5');
    await shard(2, 'b.ndjson');
    await shard(2, 'c.ndjson', '--sessions', '6');
    await shard(2, 'd.ndjson', '--sessions', '5');
    const whole = await runCli(['sweep', 'soak.yaml', ...flags, '--sessions', '5'], io);

    const forgotten = await runCli(['merge', 'a.ndjson', 'b.ndjson'], io);
    const other = await runCli(['merge', 'a.ndjson', 'c.ndjson'], io);
    const same = await runCli(['merge', 'a.ndjson', 'd.ndjson', '--out', 'm.ndjson'], io);

    expect([forgotten, other, same]).toEqual([2, 2, whole]);
    expect(io.err()).toBe(
      [
        "dispatchsim: b.ndjson:1: a header of another search than a.ndjson: its cases.sessions is (none), a.ndjson's is 5",
        "dispatchsim: c.ndjson:1: a header of another search than a.ndjson: its cases.sessions is 6, a.ndjson's is 5",
        '',
      ].join('\n'),
    );
  });
});

// A scenario with no expectations passes every case, which proves nothing (user report: a
// swarm of 50 such cases said "50 passed" and exited 0 without a word).
describe('a search of a scenario with no expectations', () => {
  it.for(['sweep', 'swarm'])('%s says every case passes without them', async (command) => {
    const file = at('no-expect.yaml');
    const io = createFakeIo({
      files: {
        [file]:
          'name: no-expect\napps:\n  - { name: orders, baseAddress: "net.tcp://localhost/orders/" }\nworkload: { sessions: 3 }\n',
      },
    });
    const range = command === 'sweep' ? ['--seeds', '1..2'] : ['--runs', '2'];

    const code = await runCli([command, 'no-expect.yaml', ...range, '--threads', '1'], io);

    expect(code).toBe(0);
    expect(io.err()).toContain(
      'dispatchsim: note: no-expect.yaml has no expectations (expect:), so every case that runs to its end passes (one that stops, at its horizon or stuck, is an error): a search finds failures only against them\n',
    );
  });
});

// Cases stopped at their horizon leave requests without a result: the totals say how many,
// as run's summary does (user report: "requests 287 (286 first time, 0 after a retry, 0
// gave up)" did not add up).
describe('a search whose cases stop at their horizon', () => {
  it('counts the requests without a result in its totals', async () => {
    const file = at('horizon.yaml');
    const io = createFakeIo({
      files: {
        [file]: [
          'name: horizon',
          'horizonMs: 1000',
          'apps: [{ name: orders, baseAddress: "net.tcp://localhost/orders/", dispatchMs: 5000 }]',
          'workload: { sessions: 5, arrivals: { fixed: { intervalMs: 100 } } }',
          'expect: [{ invariant: balanced }]',
        ].join('\n'),
      },
    });

    const code = await runCli(['sweep', 'horizon.yaml', '--seeds', '1..2', '--threads', '1'], io);

    expect(code).toBe(1);
    expect(io.out()).toMatch(
      /^2 cases: 0 passed, 0 failed, 2 errors; 10 sessions; requests 10 \(0 first time, 0 after a retry, 0 gave up, 10 without a result\)$/m,
    );
  });
});

// One file given twice ran its cases twice, listed under one name (user report).
describe('sweep given one file twice', () => {
  it('exits 2 naming both spellings', async () => {
    const io = createFakeIo();
    const file = fixture('healthy-baseline');
    const again = `${file.replace(/healthy-baseline\.yaml$/, '')}./healthy-baseline.yaml`;

    const code = await runCli(['sweep', file, again, '--seeds', '1..2', '--threads', '1'], io);

    expect(code).toBe(2);
    expect(io.err()).toBe(
      `dispatchsim: sweep: ${again}: the same file as ${file}, given before: give each scenario once\n`,
    );
  });
});

// `merge s1.ndjson s1.ndjson` merged one shard with itself where another was meant, and said
// nothing when the shard was whole (user report).
describe('merge given one file twice', () => {
  it('exits 2 naming both spellings', async () => {
    const io = createFakeIo();
    const flags = ['--seeds', '1..2', '--format', 'ndjson', '--threads', '1'];
    await runCli(['sweep', fixture('healthy-baseline'), ...flags, '--out', 'a.ndjson'], io);

    const code = await runCli(['merge', 'a.ndjson', './a.ndjson'], io);

    expect(code).toBe(2);
    expect(io.err()).toBe(
      'dispatchsim: merge: ./a.ndjson: the same file as a.ndjson, given before: give each shard once\n',
    );
  });
});

// `merge a.ndjson out`, with `out` a folder, said `cannot read a shard (a directory)`: which
// one was left to guess (user report).
describe('merge given a folder', () => {
  it('names it', async () => {
    const io = createFakeIo();
    const flags = ['--seeds', '1..2', '--format', 'ndjson', '--threads', '1'];
    await runCli(['sweep', fixture('healthy-baseline'), ...flags, '--out', 'a.ndjson'], io);

    const code = await runCli(['merge', 'a.ndjson', 'test'], io);

    expect(code).toBe(2);
    expect(io.err()).toBe("dispatchsim: merge: cannot read 'test' (a directory)\n");
  });
});

// A shard without its totals line was cut short: its last cases may be missing, and the merge
// said nothing (user report: `head -n -1` of a shard merged as if whole).
describe('merge given a shard cut short', () => {
  it('exits 2 naming the shard', async () => {
    const io = createFakeIo();
    const flags = ['--seeds', '1..4', '--format', 'ndjson', '--threads', '1'];
    await runCli(
      ['sweep', fixture('healthy-baseline'), ...flags, '--shard', '1/2', '--out', 'p1.ndjson'],
      io,
    );
    await runCli(
      ['sweep', fixture('healthy-baseline'), ...flags, '--shard', '2/2', '--out', 'p2.ndjson'],
      io,
    );
    const lines = (io.written.get(at('p2.ndjson')) ?? '').trimEnd().split('\n');
    const cut = createFakeIo({
      files: {
        [at('p1.ndjson')]: io.written.get(at('p1.ndjson')) ?? '',
        [at('p2.ndjson')]: `${lines.slice(0, -1).join('\n')}\n`,
      },
    });

    const code = await runCli(['merge', 'p1.ndjson', 'p2.ndjson'], cut);

    expect(code).toBe(2);
    expect(cut.err()).toBe(
      `dispatchsim: p2.ndjson: the output ends before its totals line: cut short? run its search again\n`,
    );
  });
});

// --threads beyond the cores costs a heap each and gains nothing (user report: 256 threads on
// 2 cores, 5.35 GB and 27 times slower, without a word).
describe('a search with more threads than cores', () => {
  it.for(['sweep', 'swarm'])('%s says what they cost', async (command) => {
    const io = createFakeIo();
    const threads = availableParallelism() + 1;
    const range = command === 'sweep' ? ['--seeds', '1..1'] : ['--runs', '1', '--no-shrink'];

    await runCli(
      [command, fixture('healthy-baseline'), ...range, '--threads', String(threads)],
      io,
    );

    expect(io.err()).toContain(
      `dispatchsim: note: --threads ${threads} is more than the ${threads - 1} core${threads === 2 ? '' : 's'} here: each thread holds its own heap (20-35 MB), and the cases run no sooner\n`,
    );
  });

  it('says nothing at the cores', async () => {
    const io = createFakeIo();

    await runCli(['sweep', fixture('healthy-baseline'), '--seeds', '1..1', '--threads', '1'], io);

    expect(io.err()).not.toContain('--threads');
  });
});

// `sweep … --out cases.json` wrote the table, which `merge cases.json` then refused (user
// report): a .json name gets a note.
describe('a search whose --out is named .json', () => {
  it.for(['sweep', 'swarm'])('%s says the file gets the table', async (command) => {
    const io = createFakeIo();
    const range = command === 'sweep' ? ['--seeds', '1..1'] : ['--runs', '1', '--no-shrink'];

    await runCli(
      [command, fixture('healthy-baseline'), ...range, '--threads', '1', '--out', 'cases.json'],
      io,
    );

    expect(io.err()).toContain(
      `dispatchsim: note: --out cases.json gets the table: a ${command} writes a table or NDJSON (a .ndjson name, or --format ndjson, for one JSON object per case)\n`,
    );
    expect(io.written.get(at('cases.json'))).toMatch(/^ {2}case {2}scenario/);
  });
});

// With --out, the swarm's standard output said what it wrote but not how many cases fired no
// fault, which its table says (user report).
describe('a swarm written to --out', () => {
  it('says how many cases fired no fault', async () => {
    const io = createFakeIo();
    const args = ['--runs', '30', '--seed', '3', '--threads', '1', '--no-shrink'];

    await runCli(['swarm', fixture('weak-retry'), ...args, '--out', 'sw.ndjson'], io);

    const quiet = (io.written.get(at('sw.ndjson')) ?? '')
      .split('\n')
      .filter((line) => line.includes('"faultsFired":{}')).length;
    expect(quiet).toBeGreaterThan(0);
    expect(io.out()).toContain(
      `\n${quiet} of 30 cases fired no fault (faultsFired: {} in sw.ndjson)\n`,
    );
  });
});
