// replayCommand: the command line that runs the same scenario with the same seed again, so a
// failing run can be replayed (STYLE rule 30).

/** What a replay needs besides the file. */
export interface ReplayOptions {
  readonly seed: number;
  /** The `--sessions` override, when the run had one. */
  readonly sessions?: number | undefined;
}

/**
 * Quotes an argument for a POSIX shell (PowerShell reads single quotes the same way) when it
 * holds anything but plain path characters.
 * @param argument - a command-line argument
 * @returns the argument, quoted if needed
 */
export function shellQuote(argument: string): string {
  if (/^[\w./\\:@%+=,-]+$/.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}

/**
 * @param file - the scenario file as the user named it
 * @param options - the seed and overrides of the run
 * @returns e.g. `dispatchsim run scenarios/dup-handle-failure.yaml --seed 7`
 */
export function replayCommand(file: string, options: ReplayOptions): string {
  const sessions = options.sessions === undefined ? '' : ` --sessions ${options.sessions}`;
  return `dispatchsim run ${shellQuote(file)} --seed ${options.seed}${sessions}`;
}
