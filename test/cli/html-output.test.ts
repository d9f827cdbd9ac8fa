// `dispatchsim run --format html` (issue 16): the report goes to --out through the same
// temporary file and rename as the traces, or to stdout; it is one run of one scenario and
// takes no --level; a run that passes its horizon keeps a report that says it stopped.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { createFakeIo, fixture, repoRoot } from '../helpers/fake-cli-io.js';

const out = (name: string): string => resolve(repoRoot, name);

describe('dispatchsim run --format html', () => {
  it('writes the report to --out, then prints the summary and where the report went', async () => {
    // Arrange
    const io = createFakeIo();

    // Act
    const code = await runCli(
      ['run', 'dup-handle-failure', '--format', 'html', '--out', 'report.html'],
      io,
    );

    // Assert
    expect(code).toBe(0);
    const html = io.written.get(out('report.html')) ?? '';
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<p id="verdict" class="verdict passed">');
    expect(html).toMatch(/<\/html>\n$/);
    expect(io.out()).toContain('PASS');
    expect(io.out()).toMatch(/Wrote the HTML report to report\.html; open it in any browser\n$/);
  });

  it('streams the report to stdout when there is no --out', async () => {
    // Arrange
    const io = createFakeIo();

    // Act
    const code = await runCli(['run', 'worker-recycle-race', '--format', 'html'], io);

    // Assert
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
  });

  it.each(['html', 'perfetto'])(
    'refuses --format %s to a terminal without --out, instead of filling it with the file',
    async (format) => {
      // A learner's first `--format html` printed ~100 KB of markup and no summary.
      const io = createFakeIo({ isTTY: true });

      const code = await runCli(['run', 'worker-recycle-race', '--format', format], io);

      expect(code).toBe(2);
      expect(io.out()).toBe('');
      expect(io.err()).toBe(
        `dispatchsim: --format ${format}: writes a file for ${format === 'html' ? 'a browser' : 'ui.perfetto.dev'}, and standard output is a terminal; give --out FILE, or redirect: > run.${format === 'html' ? 'html' : 'json'}\n`,
      );
    },
  );

  it.for([
    {
      name: 'two scenario files',
      args: ['run', 'dup-handle-failure', 'worker-recycle-race', '--format', 'html'],
      message:
        'dispatchsim: --format html: expected one scenario file (a report is one run), got 2\n',
    },
    {
      name: '--level',
      args: ['run', 'dup-handle-failure', '--format', 'html', '--level', 'error'],
      message: /^dispatchsim: --level: filters [^\n]*, got --format html\n$/,
    },
  ])('refuses $name with exit 2 and one line', async ({ args, message }) => {
    // Arrange
    const io = createFakeIo();

    // Act
    const code = await runCli(args, io);

    // Assert
    expect(code).toBe(2);
    expect(io.err()).toMatch(message);
  });

  it('keeps a report of a run that passed its horizon, saying it stopped', async () => {
    // Arrange
    const io = createFakeIo();

    // Act
    const code = await runCli(
      ['run', fixture('horizon'), '--format', 'html', '--out', 'horizon.html'],
      io,
    );

    // Assert
    expect(code).toBe(1);
    expect(io.err()).toMatch(/; the report up to that point was written to horizon\.html\n$/);
    const html = io.written.get(out('horizon.html')) ?? '';
    expect(html).toContain('<p id="verdict" class="verdict stopped">STOPPED: the run ended early');
    expect(html).toMatch(/<\/html>\n$/);
  });
});
