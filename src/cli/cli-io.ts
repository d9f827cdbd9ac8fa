// CliIo: everything the command line touches outside itself, injected so that tests run
// `runCli` in-process with a fake (STYLE §5.7). `node-io.ts` builds the real one from
// `process` and the file system.

/**
 * Where output goes piece by piece (a trace of any length), with backpressure: nothing is
 * built whole in memory, and a slow reader slows the run down instead of filling the heap.
 */
export interface TextSink {
  /**
   * @param text - the next piece
   * @returns false when the sink is full (or failed): wait for {@link TextSink.drain}
   */
  write(text: string): boolean;
  /** Resolves when the sink takes more; rejects with the error when writing failed. */
  drain(): Promise<void>;
  /**
   * Flushes and closes. A file sink then moves its temporary file over the target, so the
   * target only ever holds a whole document. Rejects when writing failed.
   */
  commit(): Promise<void>;
  /** Closes without keeping anything: a file sink removes its temporary file. Never rejects. */
  discard(): Promise<void>;
}

/** The outside world of the CLI. */
export interface CliIo {
  /** Writes text to standard output (the text carries its own newlines). */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error. */
  readonly stderr: (text: string) => void;
  /** Standard output is a terminal: colour is allowed (unless NO_COLOR). */
  readonly isTTY: boolean;
  /** Standard error is a terminal (for the progress bar). @default isTTY */
  readonly stderrIsTTY?: boolean;
  /** Terminal width, for wrapping and the progress bar. @default 100 */
  readonly columns?: number | undefined;
  /** Environment variables (NO_COLOR, CI, DISPATCHSIM_DEBUG). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads a UTF-8 file; rejects with a Node-style error (`code: 'ENOENT'`, …). */
  readonly readFile: (path: string) => Promise<string>;
  /**
   * Opens a file for output: a temporary file beside `path`, moved over it on commit.
   * Rejects with a Node-style error (`ENOENT` for a missing folder, `EACCES`, …) before
   * anything runs.
   */
  readonly openFile: (path: string) => Promise<TextSink>;
  /** Standard output as a sink, for traces. */
  readonly stdoutSink: () => TextSink;
  /** Creates a folder and its parents (nothing when it exists). */
  readonly makeDir: (path: string) => Promise<void>;
  /** Reads a file line by line (large files); the real io streams it. @default streamed from disk */
  readonly readLines?: (path: string) => AsyncIterable<string>;
  /** Lists the names in a folder. */
  readonly readDir: (path: string) => Promise<readonly string[]>;
  /**
   * Resolves when files can be created in the folder, or, when it does not exist yet, when it
   * can be made there: swarm's --out-dir is checked before the search (permissions), though
   * written only after it. Rejects with a Node-style error (`EACCES`, `EROFS`, `ENOTDIR`).
   * @default checks nothing
   */
  readonly canCreateIn?: (folder: string) => Promise<void>;
  /**
   * The absolute path with every symlink followed (the path itself when it names nothing):
   * what `--out` would write, compared with the inputs. @default the path as resolved
   */
  readonly realPath?: (path: string) => Promise<string>;
  /** The working directory relative paths are resolved against. */
  readonly cwd: string;
  /** Wall-clock time in ms, only to report how long a run took. */
  readonly now: () => number;
  /**
   * Calls `handler` on Ctrl-C (SIGINT), SIGTERM, SIGHUP (the terminal or ssh connection
   * closed) or SIGQUIT instead of ending the process at once.
   * @returns a function that stops listening
   */
  readonly onInterrupt: (handler: (signal: string) => void) => () => void;
  /**
   * Calls `handler` once standard input ends (its writer closed it), reading and dropping
   * whatever comes before: `serve --stop-on-stdin-close`, for a parent process that has no
   * signal to send (Windows). @default never
   * @returns a function that stops listening
   */
  readonly onStdinEnd?: (handler: () => void) => () => void;
}
