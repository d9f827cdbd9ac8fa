// `--out /dev/stdout` (or `/dev/fd/1`, or a shell's `>(…)`) with stdout a pipe (user report):
// /dev/stdout -> /proc/self/fd/1 -> 'pipe:[N]', a link the kernel follows but realpath cannot
// name, so the temporary file was made in /proc/self/fd and refused with ENOENT (exit 2). The
// README says a device or a pipe is written straight into, as a shell's `>` would. Runs the
// built CLI in a real shell pipeline: Node's own child stdio are socket pairs, not pipes.
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
    // The trace, then the summary a run with --out prints to stdout: the same pipe here.
    const trace = ran.stdout.split('\n').filter((line) => line.startsWith('{'));
    expect(trace.length).toBeGreaterThan(300);
    expect(trace.map((line) => (JSON.parse(line) as { seq: number }).seq).slice(0, 3)).toEqual([
      1, 2, 3,
    ]);
    expect(ran.stdout).toContain('books balance');
  });
});
