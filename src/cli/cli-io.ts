// CliIo: everything the command line touches outside itself, injected so that tests run
// `runCli` in-process with a fake (STYLE §5.7). `main.ts` builds the real one from `process`.

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
  /** Writes a UTF-8 file, replacing it. */
  readonly writeFile: (path: string, text: string) => Promise<void>;
  /** Lists the names in a folder. */
  readonly readDir: (path: string) => Promise<readonly string[]>;
  /** The working directory relative paths are resolved against. */
  readonly cwd: string;
  /** Wall-clock time in ms, only to report how long a run took. */
  readonly now: () => number;
}
