// swarm's --out-dir in a folder the process may not write into was found only when the first
// shrunk scenario was written, after the whole search (user report: exit 74 after 18.7 s, the
// shrink's work lost). The real io checks it before the search. As root, which may write
// almost anywhere, the CLI runs as the user nobody; otherwise in a folder made read-only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/live-serve.js';
import { fixture, repoRoot } from '../helpers/fake-cli-io.js';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'dispatchsim-out-dir-'));
  // Readable and enterable by anyone, writable by its owner only.
  await chmod(folder, 0o755);
});

afterEach(async () => {
  await chmod(folder, 0o755);
  await rm(folder, { recursive: true, force: true });
});

describe.runIf(process.platform !== 'win32')('swarm --out-dir in a folder it may not write', () => {
  it('exits 2 before the search, naming the folder and the reason', async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: npm run build first`);
    const locked = join(folder, 'locked');
    await mkdir(locked, { mode: 0o755 });
    if (!asRoot) await chmod(locked, 0o555);
    const outDir = join(locked, 'found');

    const ran = spawnSync(
      process.execPath,
      [
        cli,
        'swarm',
        join(repoRoot, fixture('healthy-baseline')),
        '--runs',
        '2',
        '--out-dir',
        outDir,
      ],
      { encoding: 'utf8', ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) },
    );

    expect(ran.stderr).toBe(
      `dispatchsim: --out-dir: cannot write into '${outDir}' (permission denied)\n`,
    );
    expect(ran.status).toBe(2);
    expect(ran.stdout).toBe('');
  });
});
