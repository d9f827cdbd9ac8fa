// `--out /dev/stdout` (or `/dev/fd/1`, or a shell's `>(…)`) with stdout a pipe (user report):
// /dev/stdout -> /proc/self/fd/1 -> 'pipe:[N]', a link the kernel follows but realpath cannot
// name, so the temporary file was made in /proc/self/fd and refused with ENOENT (exit 2). The
// README says a device or a pipe is written straight into, as a shell's `>` would. Standard
// output named so is standard output itself: the output alone goes there, not what the
// command says of it (user report: 55 summary lines among an NDJSON trace's). Runs the built
// CLI in a real shell: Node's own child stdio are socket pairs, not pipes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/live-serve.js';

function shell(args: string): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: npm run build first`);
  const command = `"${process.execPath}" "${cli}" ${args}`;
  const ran = spawnSync('bash', ['-o', 'pipefail', '-c', command], { encoding: 'utf8' });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

describe.runIf(process.platform === 'linux')('--out naming a pipe through /proc', () => {
  it.each(['/dev/stdout', '/dev/fd/1'])(
    'writes the trace alone into the pipe with --out %s',
    (out) => {
      const ran = shell(`run healthy-baseline --format ndjson --out ${out} | cat`);

      expect(ran.stderr).toBe('');
      expect(ran.status).toBe(0);
      const lines = ran.stdout.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(300);
      expect(lines.map((line) => (JSON.parse(line) as { seq: number }).seq).slice(0, 3)).toEqual([
        1, 2, 3,
      ]);
    },
  );

  // /dev/fd/63, another pipe: written into, the summary going to standard output as usual.
  it("writes the trace into a shell's process substitution", () => {
    const ran = spawnSync(
      'bash',
      [
        '-c',
        `T=$(mktemp) && "${process.execPath}" "${cli}" run healthy-baseline --format ndjson --out >(cat > "$T") > /dev/null && wait $! && grep -c '^{' "$T"; rm -f "$T"`,
      ],
      { encoding: 'utf8' },
    );

    expect(ran.stderr).toBe('');
    expect(Number(ran.stdout.trim())).toBeGreaterThan(300);
  });

  it('writes a sweep alone into the pipe with --out /dev/stdout', () => {
    const ran = shell(
      'sweep healthy-baseline --seeds 1..2 --threads 1 --format ndjson --out /dev/stdout | cat',
    );

    expect(ran.stderr).toBe('');
    const lines = ran.stdout.trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual([
      'header',
      'case',
      'case',
      'totals',
    ]);
  });
});
