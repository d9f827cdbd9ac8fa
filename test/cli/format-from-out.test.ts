// Without --format, the format is the one --out's extension names (user report: `swarm
// --out cases.ndjson` wrote a text table into cases.ndjson, then said to run the swarm again
// with --format ndjson; `run --out trace.ndjson` wrote the summary). An explicit --format
// always wins, and another extension keeps the default.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { parseTrace } from '../../src/events/trace.js';
import { createFakeIo, fixture, repoRoot } from '../helpers/fake-cli-io.js';

const at = (name: string): string => resolve(repoRoot, name);

describe('dispatchsim run --out without --format', () => {
  it.for([
    { out: 'trace.ndjson', format: 'ndjson', wrote: 'the NDJSON trace', starts: '{"seq":1,' },
    { out: 'TRACE.NDJSON', format: 'ndjson', wrote: 'the NDJSON trace', starts: '{"seq":1,' },
    { out: 'report.json', format: 'json', wrote: 'the JSON report', starts: '{\n  "file": ' },
    { out: 'report.html', format: 'html', wrote: 'the HTML report', starts: '<!DOCTYPE html>' },
    { out: 'report.htm', format: 'html', wrote: 'the HTML report', starts: '<!DOCTYPE html>' },
    { out: 'events.xml', format: 'evtx-xml', wrote: 'the Event Viewer XML', starts: '<?xml ' },
    { out: 'run.txt', format: 'summary', wrote: 'the summary', starts: 'healthy-baseline' },
    { out: 'run', format: 'summary', wrote: 'the summary', starts: 'healthy-baseline' },
    { out: 'run.trace', format: 'summary', wrote: 'the summary', starts: 'healthy-baseline' },
  ])(
    'writes $format to $out, as --format $format would',
    async ({ out, format, wrote, starts }) => {
      // Arrange
      const inferred = createFakeIo();
      const given = createFakeIo();
      const file = fixture('healthy-baseline');

      // Act
      const code = await runCli(['run', file, '--out', out], inferred);
      await runCli(['run', file, '--out', out, '--format', format], given);

      // Assert: the same bytes, the same lines on stdout, nothing more on stderr.
      expect(code).toBe(0);
      const text = inferred.written.get(at(out)) ?? '';
      expect(text.startsWith(starts)).toBe(true);
      expect(text).toBe(given.written.get(at(out)));
      expect(inferred.out()).toBe(given.out());
      expect(inferred.out()).toMatch(
        new RegExp(`(^|\\n)Wrote ${wrote} to ${out.replace('.', '\\.')}[\\n;]`),
      );
      expect(inferred.err()).toBe('');
    },
  );

  it('writes the NDJSON trace that parses, one event per line, to a .ndjson file', async () => {
    const io = createFakeIo();

    const code = await runCli(['run', fixture('healthy-baseline'), '--out', 'trace.ndjson'], io);

    expect(code).toBe(0);
    const trace = parseTrace(io.written.get(at('trace.ndjson')) ?? '');
    expect(trace.length).toBeGreaterThan(200);
    expect(io.out()).toMatch(/^healthy-baseline/);
  });

  it.for([
    { format: 'summary', out: 'trace.ndjson', starts: 'healthy-baseline' },
    { format: 'json', out: 'trace.ndjson', starts: '{\n  "file": ' },
    // The README's own example: Perfetto opens Chrome Trace Event JSON, named .json.
    { format: 'perfetto', out: 'run.json', starts: '{"traceEvents":[' },
    { format: 'ndjson', out: 'report.html', starts: '{"seq":1,' },
  ])(
    'writes what --format $format says to $out, whatever its extension, and says nothing more',
    async ({ format, out, starts }) => {
      const io = createFakeIo();

      const code = await runCli(
        ['run', fixture('healthy-baseline'), '--format', format, '--out', out],
        io,
      );

      expect(code).toBe(0);
      expect((io.written.get(at(out)) ?? '').startsWith(starts)).toBe(true);
      expect(io.err()).toBe('');
    },
  );

  it('refuses a trace extension with several scenario files, naming --out and the way out', async () => {
    const io = createFakeIo();

    const code = await runCli(
      ['run', fixture('healthy-baseline'), fixture('no-route-warning'), '--out', 'both.ndjson'],
      io,
    );

    expect(code).toBe(2);
    expect(io.err()).toBe(
      'dispatchsim: --out both.ndjson (--format ndjson, from its extension): expected one scenario file (a trace is one run), got 2; --format summary or json writes several\n',
    );
    expect(io.written.size).toBe(0);
  });

  it('refuses --level with a .html file, naming --out', async () => {
    const io = createFakeIo();

    const code = await runCli(
      ['run', fixture('healthy-baseline'), '--level', 'Warning', '--out', 'r.html'],
      io,
    );

    expect(code).toBe(2);
    expect(io.err()).toBe(
      'dispatchsim: --level: filters the summary, json and trace formats (ndjson, perfetto, evtx-xml), got --out r.html (--format html, from its extension)\n',
    );
  });
});

describe('dispatchsim sweep and swarm --out without --format', () => {
  const sweep = ['sweep', fixture('failing-expectation'), '--seeds', '1..2', '--threads', '1'];

  it.for([
    { out: 'sw.ndjson', first: /^\{"type":"header"/ },
    { out: 'sw.NDJSON', first: /^\{"type":"header"/ },
    { out: 'sw.txt', first: /^\s*case\s+scenario\s+seed\s+verdict\b/ },
    { out: 'sw.json', first: /^\s*case\s+scenario\s+seed\s+verdict\b/ },
  ])('writes a sweep to $out as its extension says', async ({ out, first }) => {
    const io = createFakeIo();

    const code = await runCli([...sweep, '--out', out], io);

    expect(code).toBe(1);
    expect((io.written.get(at(out)) ?? '').split('\n')[0]).toMatch(first);
    // A .json name gets the table, and a note saying so (search-commands.test.ts).
    expect(io.err()).toEqual(
      out.endsWith('.json') ? expect.stringContaining('gets the table') : '',
    );
  });

  it('writes the table when told --format table, even to a .ndjson file', async () => {
    const io = createFakeIo();

    await runCli([...sweep, '--format', 'table', '--out', 'sw.ndjson'], io);

    expect(io.written.get(at('sw.ndjson'))).toMatch(/^\s*case\s+scenario\s+seed\s+verdict\b/);
    expect(io.out()).not.toMatch(/shrink it/);
  });

  it('names the file it wrote in its shrink hints when --out is .ndjson (the user report)', async () => {
    // Arrange: the how-to's swarm, with more distinct failures than it shrinks.
    const io = createFakeIo();
    const args = ['--runs', '60', '--seed', '3', '--threads', '1', '--sessions', '30'];

    // Act
    const code = await runCli(
      [
        'swarm',
        fixture('weak-retry'),
        ...args,
        ...['--shrink-budget', '5', '--out', 'cases.ndjson', '--out-dir', 'shrunk'],
      ],
      io,
    );

    // Assert
    expect(code).toBe(1);
    const lines = (io.written.get(at('cases.ndjson')) ?? '').trim().split('\n');
    expect(lines[0]).toMatch(/^\{"type":"header",.*"command":"swarm"/);
    expect(lines).toHaveLength(1 + 60 + 1);
    expect(io.out()).toMatch(
      /^First failing case: \d+ \(.*weak-retry\.yaml, seed \d+\): .+; shrink it: dispatchsim shrink cases\.ndjson --case \d+$/m,
    );
    expect(io.out()).toMatch(/^not shrunk: \d+ more distinct failures? \(.*\); to shrink one:$/m);
    expect(io.out()).toMatch(/^ {2}dispatchsim shrink cases\.ndjson --case \d+ {2}# /m);
    expect(io.out()).not.toMatch(/--format/);
    // A budget of 5 ends every shrink early: the summary and the file say so (user report:
    // only `shrink` did).
    expect(io.out()).toMatch(
      /^shrunk: .+ \(case \d+; stopped at --shrink-budget 5, not fully shrunk\) to /m,
    );
    const [file] = /shrunk\/weak-retry-1\.yaml/.exec(io.out()) ?? [''];
    expect(io.written.get(at(file))).toMatch(
      /; stopped at --shrink-budget 5, not fully shrunk: shrink this file again to go further\./,
    );
  });

  it.for([
    { given: [], how: '--out swarm.ndjson' },
    { given: ['--out', 'cases.txt'], how: '--out swarm.ndjson' },
    { given: ['--format', 'table'], how: '--format ndjson --out swarm.ndjson' },
    {
      given: ['--format', 'table', '--out', 'x.ndjson'],
      how: '--format ndjson --out swarm.ndjson',
    },
  ])(
    'asks for an NDJSON file in its note of failures not shrunk with $given: $how',
    async ({ given, how }) => {
      const io = createFakeIo();
      const args = ['--runs', '60', '--seed', '3', '--threads', '1', '--sessions', '30'];

      await runCli(['swarm', fixture('weak-retry'), ...args, '--shrink-budget', '5', ...given], io);

      // --no-shrink: the swarm run again would shrink all it shrank again (user report: 190 s).
      expect(io.out()).toContain(`; run the swarm again with --no-shrink ${how}, then:\n`);
      expect(io.out()).toMatch(/^ {2}dispatchsim shrink swarm\.ndjson --case \d+ {2}# /m);
    },
  );
});
