// `dispatchsim run` output guarantees (issue 10): traces streamed in chunks as the run goes,
// --out renamed into place only when complete, a run that stops early keeps a well-formed
// trace, Ctrl-C stops cleanly with exit 130, a failed write is one line and exit 74.
import { resolve } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { TextSink } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { parseTrace } from '../../src/events/trace.js';
import { createFakeIo, fixture, repoRoot } from '../helpers/fake-cli-io.js';

const out = (name: string): string => resolve(repoRoot, name);

// An io whose every --out gets SIGTERM while it opens; what is committed lands in `written`.
function interruptedWhileOpening(files: Readonly<Record<string, string>> = {}) {
  const inner = createFakeIo();
  const open = inner.openFile.bind(inner);
  const io = createFakeIo({
    files,
    openFile: async (path) => {
      io.interrupt('SIGTERM');
      return open(path);
    },
  });
  return { io, written: inner.written };
}

describe('dispatchsim run output', () => {
  it('streams the trace to stdout in chunks while the run goes, not in one piece at the end', async () => {
    // Arrange
    const chunks: string[] = [];
    const io = createFakeIo({
      stdoutSink: (): TextSink => ({
        write: (text) => {
          chunks.push(text);
          return true;
        },
        drain: () => Promise.resolve(),
        commit: () => Promise.resolve(),
        discard: () => Promise.resolve(),
      }),
    });

    // Act
    const code = await runCli(['run', fixture('healthy-baseline'), '--format', 'ndjson'], io);

    // Assert
    expect(code).toBe(0);
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70 * 1024);
    const trace = parseTrace(chunks.join(''));
    expect(trace.map((line) => line.seq)).toEqual(trace.map((_, i) => i + 1));
  });

  it('waits for a full output to drain before the run goes on', async () => {
    // Arrange: a sink that is always full and counts how often the run waited for it.
    let drains = 0;
    let written = 0;
    const io = createFakeIo({
      stdoutSink: (): TextSink => ({
        write: (text) => {
          written += text.length;
          return false;
        },
        drain: () => {
          drains++;
          return Promise.resolve();
        },
        commit: () => Promise.resolve(),
        discard: () => Promise.resolve(),
      }),
    });

    // Act
    const code = await runCli(['run', fixture('healthy-baseline'), '--format', 'ndjson'], io);

    // Assert: one wait per 64 KB chunk written during the run, one at the end.
    expect(code).toBe(0);
    expect(drains).toBeGreaterThanOrEqual(Math.floor(written / (64 * 1024)));
  });

  it('renames --out into place only once the trace is complete', async () => {
    // Arrange
    const io = createFakeIo();
    const target = out('run.ndjson');
    let openDuringRun = false;
    const sink = io.openFile.bind(io);
    const watching = createFakeIo({
      openFile: async (path) => {
        const inner = await sink(path);
        return {
          ...inner,
          write: (text: string) => {
            openDuringRun ||= io.open.has(target) && !io.written.has(target);
            return inner.write(text);
          },
        };
      },
    });

    // Act
    const code = await runCli(
      ['run', fixture('healthy-baseline'), '--format', 'ndjson', '--out', 'run.ndjson'],
      watching,
    );

    // Assert
    expect(code).toBe(0);
    expect(openDuringRun).toBe(true);
    expect(io.written.get(target)?.split('\n').length).toBeGreaterThan(100);
    expect(io.open.size).toBe(0);
  });

  it('keeps a well-formed trace of a run that passed its horizon, and says where it went', async () => {
    // Arrange
    const io = createFakeIo();
    const target = out('horizon.json');

    // Act
    const code = await runCli(
      ['run', fixture('horizon'), '--format', 'perfetto', '--out', 'horizon.json'],
      io,
    );

    // Assert
    expect(code).toBe(1);
    expect(io.err()).toMatch(
      /The run passed its horizon of 100 ms.*; the trace up to that point was written to horizon\.json\n$/,
    );
    const trace = JSON.parse(io.written.get(target) ?? '') as { traceEvents: unknown[] };
    expect(trace.traceEvents.length).toBeGreaterThan(10);
  });

  it('closes the Event Viewer XML of a run that passed its horizon', async () => {
    // Arrange
    const io = createFakeIo();

    // Act
    const code = await runCli(['run', fixture('horizon'), '--format', 'evtx-xml'], io);

    // Assert
    expect(code).toBe(1);
    expect(XMLValidator.validate(io.out())).toBe(true);
    expect(io.out()).toMatch(/<\/Events>\n$/);
  });

  it('stops on Ctrl-C, writes no --out file, says how far it got and exits 130', async () => {
    // Arrange: the interrupt arrives while the trace is being written.
    let io = createFakeIo();
    const open = io.openFile.bind(io);
    io = createFakeIo({
      openFile: async (path) => {
        const inner = await open(path);
        let writes = 0;
        return {
          ...inner,
          write: (text: string) => {
            if (++writes === 2) io.interrupt('SIGINT');
            return inner.write(text);
          },
        };
      },
    });

    // Act
    const code = await runCli(
      [
        'run',
        fixture('healthy-baseline'),
        '--format',
        'ndjson',
        '--sessions',
        '20000',
        '--out',
        'interrupted.ndjson',
      ],
      io,
    );

    // Assert
    expect(code).toBe(130);
    expect(io.err()).toMatch(
      /^dispatchsim: interrupted after [\d,]+ of 20,000 requests(, .+ simulated, in [\d,]+ attempts)?; 'interrupted\.ndjson' was not written\n$/,
    );
    expect(io.written.size).toBe(0);
  });

  // The handler was registered only once --out was open: a signal in between (seen under load,
  // SIGTERM right as the temporary file appeared) ended the process and left that file behind.
  it.each([
    [['run', fixture('healthy-baseline'), '--format', 'ndjson', '--sessions', '2000'], 'requests'],
    [['sweep', fixture('healthy-baseline'), '--seeds', '1..20', '--threads', '1'], 'cases'],
    [['swarm', fixture('healthy-baseline'), '--runs', '20', '--threads', '1'], 'cases'],
  ])(
    '%j: a signal while --out opens stops the command, which writes no file',
    async (argv, what) => {
      // Arrange
      const { io, written } = interruptedWhileOpening();

      // Act
      const code = await runCli([...argv, '--out', 'signalled.out'], io);

      // Assert
      expect(code).toBe(130);
      expect(io.err()).toMatch(
        new RegExp(
          `^dispatchsim: interrupted after 0 of [\\d,]+ ${what}(, .+ simulated, in [\\d,]+ attempts)?; 'signalled\\.out' was not written\n$`,
        ),
      );
      expect(written.size).toBe(0);
    },
  );

  it('merge: a signal while --out opens stops it, and it writes no file', async () => {
    // Arrange: a shard written first, then merged by an io whose open is interrupted.
    const shard = createFakeIo();
    await runCli(
      [
        'sweep',
        fixture('healthy-baseline'),
        '--seeds',
        '1..3',
        '--threads',
        '1',
        '--format',
        'ndjson',
        '--out',
        's.ndjson',
      ],
      shard,
    );
    const text = [...shard.written.values()][0] ?? '';
    const { io, written } = interruptedWhileOpening({ [`${repoRoot}s.ndjson`]: text });

    // Act
    const code = await runCli(['merge', 's.ndjson', '--out', 'merged.ndjson'], io);

    // Assert
    expect(text).toMatch(/^\{"type":"header"/);
    expect(code).toBe(130);
    expect(io.err()).toBe(
      "dispatchsim: interrupted after 0 lines; 'merged.ndjson' was not written\n",
    );
    expect(written.size).toBe(0);
  });

  // Clients retrying every 1 ms without end ran for minutes with nothing said, then
  // `interrupted after 0 of 10 requests` (user report): the line says how far virtual time got
  // and how many attempts were made.
  it('says how far virtual time got and how many attempts were made when Ctrl-C stops the run', async () => {
    // Arrange: the interrupt comes once 20 chunks of the trace were written.
    let chunks = 0;
    const io: ReturnType<typeof createFakeIo> = createFakeIo({
      stdoutSink: () => ({
        write: () => {
          if (++chunks === 20) io.interrupt('SIGINT');
          return true;
        },
        drain: () => Promise.resolve(),
        commit: () => Promise.resolve(),
        discard: () => Promise.resolve(),
      }),
    });

    // Act
    const code = await runCli(['run', fixture('endless-retry'), '--format', 'ndjson'], io);

    // Assert
    expect(code).toBe(130);
    const said =
      /^dispatchsim: interrupted after 0 of 10 requests, (.+) simulated, in ([\d,]+) attempts\n$/.exec(
        io.err(),
      );
    expect(said, io.err()).not.toBeNull();
    expect(Number(said?.[2]?.replaceAll(',', ''))).toBeGreaterThan(100);
  });

  it.each(['evtx-xml', 'perfetto', 'ndjson'])(
    'ends the %s trace on standard output as a whole document when Ctrl-C stops the run',
    async (format) => {
      // Arrange: the interrupt arrives once the trace has begun to reach standard output
      // (user report: `> trace.xml` kept a truncated document, the last chunk never written).
      let out = '';
      const io: ReturnType<typeof createFakeIo> = createFakeIo({
        stdoutSink: () => ({
          write: (text: string) => {
            if (out === '') io.interrupt('SIGINT');
            out += text;
            return true;
          },
          drain: () => Promise.resolve(),
          commit: () => Promise.resolve(),
          discard: () => Promise.resolve(),
        }),
      });

      // Act
      const code = await runCli(
        ['run', fixture('healthy-baseline'), '--format', format, '--sessions', '20000'],
        io,
      );

      // Assert
      expect(code).toBe(130);
      expect(io.err()).toMatch(
        /^dispatchsim: interrupted after [\d,]+ of 20,000 requests(, .+ simulated, in [\d,]+ attempts)?\n$/,
      );
      if (format === 'evtx-xml') {
        expect(XMLValidator.validate(out)).toBe(true);
        expect(out).toMatch(/<\/Events>\n$/);
      } else if (format === 'perfetto') {
        expect(() => JSON.parse(out) as unknown).not.toThrow();
      } else {
        expect(out).toMatch(/\n$/);
        expect(() => parseTrace(out)).not.toThrow();
      }
    },
  );

  it('reports a failed write to --out as one line, exits 74 and leaves no file', async () => {
    // Arrange: the disk fills up during the run.
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    let discarded = false;
    const io = createFakeIo({
      openFile: () =>
        Promise.resolve({
          write: () => false,
          drain: () => Promise.reject(full),
          commit: () => Promise.reject(full),
          discard: () => {
            discarded = true;
            return Promise.resolve();
          },
        }),
    });

    // Act
    const code = await runCli(
      ['run', fixture('healthy-baseline'), '--format', 'perfetto', '--out', 'full.json'],
      io,
    );

    // Assert
    expect(code).toBe(74);
    expect(io.err()).toBe(
      'dispatchsim: cannot write to full.json (ENOSPC: no space left on the device)\n',
    );
    expect(discarded).toBe(true);
  });

  it('builds no event below --level: only events at or above it reach the trace', async () => {
    // Arrange
    const io = createFakeIo();

    // Act
    const code = await runCli(
      ['run', fixture('dup-handle-failure'), '--format', 'ndjson', '--level', 'Error'],
      io,
    );

    // Assert
    expect(code).toBe(0);
    const levels = new Set(parseTrace(io.out()).map((line) => line['level']));
    expect([...levels].sort()).toEqual(['Error']);
  });

  it('restores the cursor and line wrap of a terminal when Ctrl-C stops a run with a progress bar', async () => {
    // Arrange: a person at a terminal; Ctrl-C as soon as the bar is drawn.
    let err = '';
    const io: ReturnType<typeof createFakeIo> = createFakeIo({
      isTTY: true,
      stderrIsTTY: true,
      stderr: (text) => {
        err += text;
        io.interrupt('SIGINT');
      },
    });

    // Act
    const code = await runCli(['run', fixture('healthy-baseline'), '--sessions', '30000'], io);

    // Assert
    expect(code).toBe(130);
    expect(err).toContain('\x1b[?25l');
    expect(err.lastIndexOf('\x1b[?25h')).toBeGreaterThan(err.lastIndexOf('\x1b[?25l'));
    expect(err.lastIndexOf('\x1b[?7h')).toBeGreaterThan(err.lastIndexOf('\x1b[?7l'));
    expect(err).toMatch(
      /dispatchsim: interrupted after [\d,]+ of 30,000 requests(, .+ simulated, in [\d,]+ attempts)?\n$/,
    );
  });
});
