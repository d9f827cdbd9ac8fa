// The real io's --out files (user report, 2026-12-03): a file was written beside the target
// and renamed over it, whatever the target was. A symlink became a regular file (its target
// untouched), a FIFO or a device node was replaced by a regular file (as root, `--out
// /dev/full` replaced the system's /dev/full), and a folder was found only at the end of
// the run, by the rename. A run killed outright (SIGKILL, the machine dying) left its
// temporary file beside the target for good (user report: a 119 MB `.t.ndjson.7692.tmp`); the
// next run to the same target removes those of processes that no longer exist, and nothing
// else.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, createReadStream, openSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeIo } from '../../src/cli/node-io.js';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'dispatchsim-node-io-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function releaseReader(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // No reader is waiting any more.
  }
}

async function writeThrough(path: string, text: string): Promise<void> {
  const sink = await createNodeIo().openFile(path);
  sink.write(text);
  await sink.commit();
}

describe('createNodeIo().openFile', () => {
  it('replaces a regular file only on commit, leaving no temporary file', async () => {
    // Arrange
    const target = join(folder, 'trace.ndjson');
    await writeFile(target, 'old\n');
    const sink = await createNodeIo().openFile(target);

    // Act
    sink.write('new\n');
    const before = await readFile(target, 'utf8');
    await sink.commit();

    // Assert
    expect(before).toBe('old\n');
    expect(await readFile(target, 'utf8')).toBe('new\n');
    expect(await readdir(folder)).toEqual(['trace.ndjson']);
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    // Arrange
    await writeFile(join(folder, 'real.ndjson'), 'old\n');
    const link = join(folder, 'link.ndjson');
    await symlink('real.ndjson', link);

    // Act
    await writeThrough(link, 'new\n');

    // Assert
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(folder, 'real.ndjson'), 'utf8')).toBe('new\n');
    expect((await readdir(folder)).sort()).toEqual(['link.ndjson', 'real.ndjson']);
  });

  it('creates the target of a dangling symlink and keeps the link', async () => {
    // Arrange
    const link = join(folder, 'link.ndjson');
    await symlink('later.ndjson', link);

    // Act
    await writeThrough(link, 'new\n');

    // Assert
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(folder, 'later.ndjson'), 'utf8')).toBe('new\n');
  });

  it('writes straight into a FIFO and leaves it a FIFO', async () => {
    // Arrange
    const fifo = join(folder, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const chunks: Buffer[] = [];
    const reader = createReadStream(fifo);
    const read = new Promise<string>((resolve, reject) => {
      reader.on('data', (chunk) => chunks.push(chunk as Buffer));
      reader.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      reader.on('error', reject);
    });

    // Act
    try {
      await writeThrough(fifo, 'through the pipe\n');
    } finally {
      // Should the write not reach the FIFO, the reader's open would block a thread for good.
      releaseReader(fifo);
    }

    // Assert
    expect(await read).toBe('through the pipe\n');
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(await readdir(folder)).toEqual(['pipe']);
  });

  it('rejects a folder at once, before anything is written', async () => {
    // Act
    const opening = createNodeIo().openFile(folder);

    // Assert
    await expect(opening).rejects.toMatchObject({ code: 'EISDIR' });
    expect(await readdir(folder)).toEqual([]);
  });

  it('removes its temporary file when discarded, and keeps the old file', async () => {
    // Arrange
    const target = join(folder, 'report.html');
    await writeFile(target, 'old');
    const sink = await createNodeIo().openFile(target);
    sink.write('half');

    // Act
    await sink.discard();

    // Assert
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(folder)).toEqual(['report.html']);
  });
});

// A pid no process has: that of a child that has exited (and been reaped).
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (pid === undefined) throw new Error('no child process');
  return pid;
}

// Opens the target and commits it, capturing what the real io writes to stderr.
async function openAndCommit(target: string): Promise<string> {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const sink = await createNodeIo().openFile(target);
    sink.write('new\n');
    await sink.commit();
    return stderr.mock.calls.map(([text]) => String(text)).join('');
  } finally {
    stderr.mockRestore();
  }
}

describe('createNodeIo().openFile and the temporary files of killed runs', () => {
  it('removes the temporary file a process that no longer exists left, and says so', async () => {
    // Arrange
    const pid = deadPid();
    const stale = join(folder, `.t.ndjson.${pid}.tmp`);
    await writeFile(stale, 'x'.repeat(2500));

    // Act
    const said = await openAndCommit(join(folder, 't.ndjson'));

    // Assert
    expect(await readdir(folder)).toEqual(['t.ndjson']);
    expect(said).toBe(
      `dispatchsim: note: removed ${stale} (2.5 kB), the unfinished output of a run (pid ${pid}) that no longer exists\n`,
    );
  });

  it('keeps the temporary files of processes that still run', async () => {
    // Arrange: another run to the same target (this process's parent), and pid 1.
    const live = [`.t.ndjson.${process.ppid}.tmp`, '.t.ndjson.1.tmp'];
    for (const name of live) await writeFile(join(folder, name), 'being written');

    // Act
    const said = await openAndCommit(join(folder, 't.ndjson'));

    // Assert
    expect((await readdir(folder)).sort()).toEqual([...live, 't.ndjson'].sort());
    expect(said).toBe('');
  });

  it('keeps every file that is not exactly a temporary file of the target', async () => {
    // Arrange
    const pid = deadPid();
    const others = [
      `.other.ndjson.${pid}.tmp`,
      `.t.ndjson.5.${pid}.tmp`,
      `t.ndjson.${pid}.tmp`,
      `.t.ndjson.${pid}.tmp.bak`,
      `.t.ndjson.${pid}x.tmp`,
      '.t.ndjson.0.tmp',
      '.t.ndjson.-1.tmp',
      '.t.ndjson..tmp',
    ];
    for (const name of others) await writeFile(join(folder, name), 'keep');
    await mkdir(join(folder, `.t.ndjson.${deadPid()}.tmp`));

    // Act
    const said = await openAndCommit(join(folder, 't.ndjson'));

    // Assert
    expect(await readdir(folder)).toHaveLength(others.length + 2);
    expect(said).toBe('');
  });
});

// What `--out` is compared with the inputs by (user report: `--out dirlink/s.yaml`, through
// a symlink to the folder, wrote over the scenario s.yaml).
describe('createNodeIo().realPath', () => {
  it('follows a symlinked folder and a symlinked file to the file they reach', async () => {
    const scenario = join(folder, 's.yaml');
    await writeFile(scenario, 'name: s\n');
    await symlink(folder, join(folder, 'dirlink'));
    await symlink(scenario, join(folder, 'link.yaml'));
    const realPath = createNodeIo().realPath;

    const real = await realPath?.(scenario);

    expect(await realPath?.(join(folder, 'dirlink', 's.yaml'))).toBe(real);
    expect(await realPath?.(join(folder, 'link.yaml'))).toBe(real);
  });

  it('gives a path that names nothing as it is', async () => {
    const missing = join(folder, 'no', 'such.yaml');

    expect(await createNodeIo().realPath?.(missing)).toBe(missing);
  });
});
