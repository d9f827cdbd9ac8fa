// A fake CliIo for running the command line in-process (issue 6): output is captured, files
// written are kept in memory, and the wall clock advances 21 ms per reading, so no test
// depends on real time (STYLE rule 39). Files not given in memory are read from the repository
// (the fixtures under test/cli/fixtures/).
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CliIo, TextSink } from '../../src/cli/cli-io.js';

/** The repository root: the working directory of the fake. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface FakeIo extends CliIo {
  /** Everything written to stdout so far. */
  readonly out: () => string;
  /** Everything written to stderr so far. */
  readonly err: () => string;
  /** Files written (committed), by absolute path. */
  readonly written: ReadonlyMap<string, string>;
  /** Files opened and not yet committed or discarded, by absolute path: their text so far. */
  readonly open: ReadonlyMap<string, string>;
  /** Sends a signal to the interrupt handlers, as Ctrl-C would. */
  readonly interrupt: (signal?: string) => void;
}

export interface FakeIoOptions extends Partial<CliIo> {
  /** Files read from memory instead of disk, by absolute path. */
  readonly files?: Readonly<Record<string, string>>;
  /** Folder listings served from memory, by absolute path. */
  readonly dirs?: Readonly<Record<string, readonly string[]>>;
}

export function createFakeIo(options: FakeIoOptions = {}): FakeIo {
  const { files = {}, dirs = {}, ...overrides } = options;
  let stdout = '';
  let stderr = '';
  let clock = 1000;
  const written = new Map<string, string>();
  const open = new Map<string, string>();
  const handlers = new Set<(signal: string) => void>();
  return {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: false,
    env: {},
    cwd: repoRoot,
    now: () => (clock += 21),
    readFile: async (path) => written.get(path) ?? files[path] ?? (await readFile(path, 'utf8')),
    openFile: (path) => {
      open.set(path, '');
      const sink: TextSink = {
        write: (text) => {
          open.set(path, (open.get(path) ?? '') + text);
          return true;
        },
        drain: () => Promise.resolve(),
        commit: () => {
          written.set(path, open.get(path) ?? '');
          open.delete(path);
          return Promise.resolve();
        },
        discard: () => {
          open.delete(path);
          return Promise.resolve();
        },
      };
      return Promise.resolve(sink);
    },
    stdoutSink: () => ({
      write: (text) => {
        stdout += text;
        return true;
      },
      drain: () => Promise.resolve(),
      commit: () => Promise.resolve(),
      discard: () => Promise.resolve(),
    }),
    makeDir: () => Promise.resolve(),
    readLines: async function* (path) {
      const text = written.get(path) ?? files[path] ?? (await readFile(path, 'utf8'));
      yield* text.split('\n');
    },
    onInterrupt: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    readDir: async (path) => dirs[path] ?? (await readdir(path)),
    ...overrides,
    out: () => stdout,
    err: () => stderr,
    written,
    open,
    interrupt: (signal = 'SIGINT') => {
      for (const handler of handlers) handler(signal);
    },
  };
}

/** A fixture's path as a user would type it from the repository root. */
export const fixture = (name: string): string => `test/cli/fixtures/${name}.yaml`;
