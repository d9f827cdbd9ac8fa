// `--out /dev/stdout` (or `/dev/fd/1`, or a shell's `>(…)`) with stdout a pipe (user report):
// /dev/stdout -> /proc/self/fd/1 -> 'pipe:[N]', a link the kernel follows but realpath cannot
// name, so the temporary file was made in /proc/self/fd and refused with ENOENT (exit 2). The
// README says a device or a pipe is written straight into, as a shell's `>` would. Runs the
// built CLI in a real shell pipeline: Node's own child stdio are socket pairs, not pipes.
// Standard output named so is standard output: the trace alone goes there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/live-serve.js';

function pipeline(out: string): { status: number | null; stdout: string; stderr: string } {
  const command = `"${process.execPath}" "${cli}" run healthy-baseline --format ndjson --out ${out} | cat`;
  const ran = spawnSync('bash', ['-o', 'pipefail', '-c', command], { encoding: 'utf8' });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

describe.runIf(process.platform === 'linux')('--out naming a piped stdout through /proc', () => {
  it.each(['/dev/stdout', '/dev/fd/1'])('writes the trace into the pipe with --out %s', (out) => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: npm run build first`);

    const ran = pipeline(out);

    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    // Only the trace: --out naming standard output is standard output, so the summary does not
    // follow it into the pipe (user report: 55 summary lines among the trace's).
    const lines = ran.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(300);
    expect(lines.map((line) => (JSON.parse(line) as { seq: number }).seq).slice(0, 3)).toEqual([
      1, 2, 3,
    ]);
  });
});
