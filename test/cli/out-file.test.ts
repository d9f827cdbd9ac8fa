// --out is checked before anything runs, the same way by every command that writes one (user
// report, 2026-12-03): a folder was found only when the finished output was renamed over it
// (exit 74 after a 16 s run); `--out newdir/` wrote a file named `newdir`; `--out` naming the
// scenario being run overwrote it; merge's --out in a missing folder was an internal error;
// swarm's --out-dir naming a file was an internal error once every case had run.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { createFakeIo, fixture, repoRoot } from '../helpers/fake-cli-io.js';

const healthy = fixture('healthy-baseline');
const failing = fixture('failing-expectation');

function rejectingOpen(code: string) {
  return () => Promise.reject(Object.assign(new Error(code), { code }));
}

interface Row {
  readonly case: string;
  readonly argv: readonly string[];
  readonly openFails?: string;
  /** The error io.canCreateIn gives. */
  readonly createFails?: string;
  readonly line: string;
}

const rows: readonly Row[] = [
  {
    case: 'run: --out ending in a slash',
    argv: ['run', healthy, '--format', 'json', '--out', 'newdir/'],
    line: "dispatchsim: --out: 'newdir/' names a folder; give the name of a file to write",
  },
  {
    case: 'run: --out naming the scenario being run',
    argv: ['run', healthy, '--format', 'json', '--out', `./${healthy}`],
    line: `dispatchsim: --out: './${healthy}' is also read by this command; write to another file`,
  },
  {
    case: 'run: --out naming a folder',
    argv: ['run', healthy, '--format', 'ndjson', '--out', 'test'],
    openFails: 'EISDIR',
    line: "dispatchsim: --out: cannot write 'test' (a folder; give the name of a file to write)",
  },
  {
    case: 'sweep: --out ending in a slash',
    argv: ['sweep', healthy, '--seeds', '1..2', '--out', 'results/'],
    line: "dispatchsim: --out: 'results/' names a folder; give the name of a file to write",
  },
  {
    case: 'swarm: --out naming a folder',
    argv: ['swarm', healthy, '--runs', '2', '--out', 'test'],
    openFails: 'EISDIR',
    line: "dispatchsim: --out: cannot write 'test' (a folder; give the name of a file to write)",
  },
  {
    case: 'swarm: --out-dir naming a file',
    argv: ['swarm', healthy, '--runs', '2', '--out-dir', 'package.json'],
    line: "dispatchsim: --out-dir: cannot write into 'package.json' (a file, not a folder)",
  },
  {
    // The user report: found after an 18.7 s search and its first shrink (exit 74).
    case: 'swarm: --out-dir in a folder it may not write into',
    argv: ['swarm', healthy, '--runs', '2', '--out-dir', 'locked/found'],
    createFails: 'EACCES',
    line: "dispatchsim: --out-dir: cannot write into 'locked/found' (permission denied)",
  },
  {
    case: 'shrink: --out naming the scenario being shrunk',
    argv: ['shrink', failing, '--out', failing],
    line: `dispatchsim: --out: '${failing}' is also read by this command; write to another file`,
  },
  {
    // The user report: the folder was refused only once the shrink had ended (9.2 s).
    case: 'shrink: --out naming a folder',
    argv: ['shrink', failing, '--out', 'test'],
    openFails: 'EISDIR',
    line: "dispatchsim: --out: cannot write 'test' (a folder; give the name of a file to write)",
  },
  {
    case: 'merge: --out in a missing folder',
    argv: ['merge', 'a.ndjson', '--out', 'no/such/merged.ndjson'],
    openFails: 'ENOENT',
    line: "dispatchsim: --out: cannot write 'no/such/merged.ndjson' (the folder 'no/such' does not exist)",
  },
  {
    // The user report: /proc exists, yet creating a file there fails with ENOENT.
    case: 'run: --out in a folder that exists, where creating the file fails',
    argv: ['run', healthy, '--format', 'ndjson', '--out', 'test/new.ndjson'],
    openFails: 'ENOENT',
    line: "dispatchsim: --out: cannot write 'test/new.ndjson' (the folder 'test' exists, but creating a file in it failed: no such file (ENOENT))",
  },
  {
    case: 'merge: --out naming one of its shards',
    argv: ['merge', 'a.ndjson', 'b.ndjson', '--out', 'b.ndjson'],
    line: "dispatchsim: --out: 'b.ndjson' is also read by this command; write to another file",
  },
];

// --no-shrink writes nothing into --out-dir, so a folder it may not write is no problem (user
// report: refused over the default swarm-failures/, which it never creates).
describe('swarm --no-shrink', () => {
  it('runs whatever --out-dir would be, as it writes nothing there', async () => {
    const io = createFakeIo({ canCreateIn: rejectingOpen('EACCES') });

    const code = await runCli(
      ['swarm', healthy, '--runs', '2', '--no-shrink', '--threads', '1'],
      io,
    );

    // It ran its cases (1: some random plan broke the fixture), not refused with 2.
    expect(io.err()).not.toContain('--out-dir');
    expect(code).toBe(1);
  });
});

// The user report: `--out dirlink/p4.yaml`, through a symlink to the folder, wrote the
// summary over the scenario p4.yaml; a symlink to the scenario did the same.
describe('--out through a symlink', () => {
  const folder = `${repoRoot}linked/`;
  const scenario = `${folder}s.yaml`;
  // What realpath says: dirlink/ is the folder, link.yaml is s.yaml.
  const realPath = (path: string): Promise<string> =>
    Promise.resolve(path.replace(`${folder}dirlink/`, folder).replace('link.yaml', 's.yaml'));

  it.each(['linked/dirlink/s.yaml', 'linked/link.yaml'])(
    'refuses %s, which is the scenario run',
    async (out) => {
      const io = createFakeIo({
        files: {
          [scenario]: 'name: s\napps:\n  - { name: a, baseAddress: net.tcp://localhost/a/ }\n',
        },
        realPath,
      });

      const code = await runCli(['run', 'linked/s.yaml', '--out', out], io);

      expect(io.err()).toBe(
        `dispatchsim: --out: '${out}' is linked/s.yaml, which this command reads; write to another file\n`,
      );
      expect(code).toBe(2);
      expect(io.written.size).toBe(0);
    },
  );
});

describe('--out', () => {
  it.each(rows)(
    'exits 2 before anything runs for $case',
    async ({ argv, openFails, createFails, line }) => {
      // Arrange
      let ran = false;
      let read = false;
      const io = createFakeIo({
        ...(openFails === undefined ? {} : { openFile: rejectingOpen(openFails) }),
        ...(createFails === undefined ? {} : { canCreateIn: rejectingOpen(createFails) }),
        now: () => {
          ran = true;
          return 0;
        },
        readLines: () => {
          read = true;
          throw new Error('a shard was read');
        },
      });

      // Act
      const code = await runCli(argv, io);

      // Assert
      expect(io.err()).toBe(`${line}\n`);
      expect(code).toBe(2);
      expect(ran).toBe(false);
      expect(read).toBe(false);
      expect(io.written.size).toBe(0);
      expect(io.open.size).toBe(0);
    },
  );

  // The user report: serve started, and on SIGTERM its trace had replaced the scenario. The
  // scenario is read from memory at a path with no folder on disk, so that a serve that got
  // past the check could not write over a real file.
  it.each([
    [
      'naming the scenario being served',
      './mem/serve.yaml',
      "'./mem/serve.yaml' is also read by this command; write to another file",
    ],
    ['ending in a slash', 'traces/', "'traces/' names a folder; give the name of a file to write"],
  ])('serve: --trace %s exits 2 before it listens', async (_case, trace, problem) => {
    // Arrange
    const io = createFakeIo({
      files: {
        [`${repoRoot}mem/serve.yaml`]:
          'name: s\napps:\n  - { name: a, baseAddress: net.tcp://localhost/a/ }\n',
      },
    });

    // Act
    const code = await runCli(['serve', 'mem/serve.yaml', '--trace', trace], io);

    // Assert
    expect(io.err()).toBe(`dispatchsim: --trace: ${problem}\n`);
    expect(io.out()).toBe('');
    expect(code).toBe(2);
  });

  it('still writes a file whose name merely resembles an input', async () => {
    // Arrange
    const io = createFakeIo();

    // Act
    const code = await runCli(['run', healthy, '--format', 'json', '--out', `${healthy}.json`], io);

    // Assert
    expect(code).toBe(0);
    expect([...io.written.keys()]).toEqual([`${repoRoot}${healthy}.json`]);
  });
});
