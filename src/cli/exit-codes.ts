// The exit codes of the dispatchsim command (issue 6, issue 10; STYLE rule 25).
//
// - 0   every expectation of every scenario was met (or there were none), or the command
//       (validate, list, explain, events) did what was asked.
// - 1   a scenario ran and did not pass: an expectation was not met (the summary says which),
//       `--check-determinism` found a different trace for the same seed, or the run itself
//       could not finish: it passed its horizon (`sim.horizon-exceeded`), stalled with
//       sessions open (`sim.stalled`) or livelocked (`sim.livelock`). The input was valid, so
//       this is not 2: the run is what failed; its message gives the virtual time, steps and
//       open sessions, the summary what happened up to the stop, and a trace is kept up to
//       that point.
// - 2   bad input: an unknown command or flag, a bad flag value, no scenario given, a file
//       that is missing, unreadable or not a valid scenario, an --out folder that does not
//       exist or cannot be written, an unknown event. One line per problem on stderr, never
//       a stack trace; nothing runs.
// - 70  an internal error, i.e. a bug in dispatchsim (EX_SOFTWARE of sysexits.h): one line
//       `dispatchsim: internal error: …` on stderr; DISPATCHSIM_DEBUG=1 adds the stack.
// - 74  the output could not be written (EX_IOERR): standard output or --out failed during
//       or after the run (EPIPE, ENOSPC, EACCES, …). One line; an --out file is not left
//       half-written.
// - 130 interrupted (Ctrl-C, SIGTERM, SIGHUP or SIGQUIT; 128 + SIGINT, as shells report
//       Ctrl-C): the run stopped, the terminal was restored, and one line says how far the
//       run got. No file is left half-written: a run's --out is not written; what a search or
//       a shrink had finished (a swarm's cases and finished shrinks, a shrink's smallest
//       failing scenario so far) is written whole, and the line says where.
// With several scenarios, the most serious code wins (130 over 70 over 74 over 2 over 1 over 0).

/** The exit codes, by meaning. */
export const exitCodes = {
  ok: 0,
  notPassed: 1,
  badInput: 2,
  internalError: 70,
  outputFailed: 74,
  interrupted: 130,
} as const;

/** One of the exit codes. */
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

const severity: Readonly<Record<ExitCode, number>> = { 0: 0, 1: 1, 2: 2, 74: 3, 70: 4, 130: 5 };

/**
 * @param codes - exit codes of several steps
 * @returns the most serious one (0 when there are none)
 */
export function worstExitCode(...codes: readonly ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>(
    (worst, code) => (severity[code] > severity[worst] ? code : worst),
    0,
  );
}
