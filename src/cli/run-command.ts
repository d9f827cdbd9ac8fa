// `dispatchsim run <scenario...>`: load every file (all issues first, exit 2), run each on
// virtual time, and write the chosen format to stdout or --out (issue 6; STYLE §5.3). Traces
// are streamed as the run goes, in bounded memory, with backpressure; --out goes to a
// temporary file renamed over the target only when complete; Ctrl-C stops the run cleanly
// (issue 10). A run that stops early (its horizon, a stall, a livelock) is reported like a
// finished one, up to the stop, and its error line ends stderr. The exit code comes from the
// verdicts: see exit-codes.ts.

import { CommandLineError } from '../errors/command-line-error.js';
import { isDispatchsimError, type DispatchsimError } from '../errors/dispatchsim-error.js';
import { OutputError } from '../errors/output-error.js';
import { RunInterruptedError } from '../errors/run-interrupted-error.js';
import { formatScenarioIssues } from '../errors/scenario-error.js';
import { formatTraceLine, type TraceRecord } from '../events/trace.js';
import type { HtmlReportWriter } from '../report/html/html-report.js';
import { formatJsonReport, type JsonReportInput } from '../report/json-report.js';
import { resultAtLevel } from '../report/level-filter.js';
import { runVerdict } from '../report/run-verdict.js';
import { formatSummary } from '../report/summary-report.js';
import { plainStyle, type TextStyle } from '../report/text-style.js';
import type { DeterminismCheck } from '../report/trace-comparison.js';
import type { Scenario, ScenarioInput } from '../scenario/scenario-schema.js';
import { resultOfStoppedRun } from '../sim/result-of-stopped-run.js';
import type { RunOptions, RunProgress } from '../sim/run-options.js';
import { formatDuration } from '../report/format-duration.js';
import { isStoppedRunResult, type RunResult, type StoppedRunResult } from '../sim/run-result.js';
import { createSimulation, type Simulation } from '../sim/simulation.js';
import type { CliIo, TextSink } from './cli-io.js';
import { exitCodes, worstExitCode, type ExitCode } from './exit-codes.js';
import { describeFileError, errorCode } from './file-errors.js';
import { startProgress, wantsProgress } from './progress-bar.js';
import { readScenarioFile } from './read-scenario-file.js';
import { sessionsFlagProblem } from './sessions-flag.js';
import { exactCountHints, horizonNote, warningsUnderSessions } from './sessions-hint.js';
import { parseRunFlags, streamedFormats, traceFormats, type RunFlags } from './run-flags.js';
import { ChunkedText } from './chunked-text.js';
import { openOutFile } from './out-file.js';

/** One run, finished or stopped early. */
interface CompletedRun {
  readonly file: string;
  /** The result, or what the run produced up to its stop. */
  readonly result: RunResult | StoppedRunResult;
  readonly wallMs: number;
  readonly determinism: DeterminismCheck | undefined;
  /** The error that stopped the run early, if it did. */
  readonly stop?: DispatchsimError | undefined;
}

/** Where the chosen format goes, and what the run loop must do between steps. */
interface Output {
  readonly sink: TextSink;
  readonly text: ChunkedText;
  /** Where, in words: `standard output` or the --out file as given. */
  readonly target: string;
}

/**
 * How the run is watched: interrupts and requests done, for the interrupt message. Requests,
 * as the progress bar counts them: a retried request is one, however many sessions it opens.
 */
class RunWatch {
  signal: string | undefined;
  done = 0;
  total = 0;
  /** How far the run got at its last progress report, if it made one. */
  progress: RunProgress | undefined;
  #steps = 0;

  /**
   * Between steps: waits for a full output, and every 4,096 steps yields to the event loop
   * so that Ctrl-C is noticed (the run loop otherwise runs on microtasks only).
   * @param output - the trace output, if any
   * @returns what the run loop waits for
   */
  onStep(output: Output | undefined): () => Promise<void> | undefined {
    return () => {
      if (this.signal !== undefined) return Promise.reject(new RunInterruptedError(this.signal));
      const full = output?.text.backpressure();
      if (full !== undefined) return full.catch((error: unknown) => rethrowAsOutput(error, output));
      if ((++this.#steps & 4095) !== 0) return undefined;
      return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        if (this.signal !== undefined) throw new RunInterruptedError(this.signal);
      });
    };
  }
}

function rethrowAsOutput(error: unknown, output: Output | undefined): never {
  if (isDispatchsimError(error)) throw error;
  const code = errorCode(error);
  throw new OutputError({
    target: output?.target ?? 'standard output',
    errno: code,
    reason: describeFileError(code),
  });
}

function wantsDeterminism(scenario: Scenario, flags: RunFlags): boolean {
  return (
    flags.checkDeterminism ||
    scenario.expect.some((e) => 'invariant' in e && e.invariant === 'deterministic')
  );
}

// The `deterministic` invariant can only be checked by a second run (check-expectations.ts).
function withDeterminism(result: RunResult, check: DeterminismCheck): RunResult {
  return {
    ...result,
    expectations: result.expectations.map((e) =>
      'invariant' in e.expectation && e.expectation.invariant === 'deterministic'
        ? {
            ...e,
            met: check.identical,
            observed: check.identical
              ? `identical ${check.lines}-line traces`
              : `traces differ at line ${check.difference?.line ?? '?'}`,
          }
        : e,
    ),
  };
}

/** Feeds a run's records and outcomes to an HTML report, whatever their level. */
function attachHtmlReport(sim: Simulation, html: HtmlReportWriter): void {
  sim.events.on('event', html.record);
  sim.events.on('eventLog', html.record);
  sim.onOutcome(html.outcome);
}

/** Feeds every NDJSON line of a run to `push`. */
function onTraceLines(sim: Simulation, push: (line: string) => void): void {
  const onRecord = (record: TraceRecord): void => push(formatTraceLine(record));
  sim.events.on('event', onRecord);
  sim.events.on('eventLog', onRecord);
}

// --sessions is the one run option a scenario can refuse (beyond the instants of an `at`
// arrival list): named as the flag, with the scenario, as bad input.
function simulationOf(scenario: Scenario, options: RunOptions, label: string): Simulation {
  try {
    return createSimulation(scenario, options);
  } catch (error: unknown) {
    const problem = sessionsFlagProblem(error, label, options.sessions);
    if (problem === undefined) throw error;
    throw new CommandLineError([problem]);
  }
}

// One run of a scenario, with a progress bar when it is long and someone is watching.
async function simulate(
  io: CliIo,
  scenario: Scenario,
  options: RunOptions,
  label: string,
  watch: RunWatch,
  subscribe: (sim: Simulation) => void,
): Promise<RunResult> {
  const sessions = options.sessions ?? scenario.workload.sessions;
  const sim = simulationOf(
    scenario,
    {
      ...options,
      // Called only while the run runs, after the bar below exists.
      onProgress: (done, total, reached) => {
        watch.done = done;
        watch.progress = reached;
        progress?.update(done, total);
      },
    },
    label,
  );
  // The bar starts once the simulation is built: a refused option leaves no terminal state.
  const progress = wantsProgress(io, sessions)
    ? await startProgress(io, label, sessions)
    : undefined;
  watch.total = sessions;
  watch.done = 0;
  watch.progress = undefined;
  subscribe(sim);
  try {
    return await sim.run();
  } finally {
    // Stopping the bar shows the cursor and turns line wrap back on, also after Ctrl-C.
    progress?.stop();
  }
}

async function runScenario(
  io: CliIo,
  file: string,
  scenario: Scenario,
  flags: RunFlags,
  output: Output | undefined,
  watch: RunWatch,
): Promise<CompletedRun> {
  const checkDeterminism = wantsDeterminism(scenario, flags);
  const options: RunOptions = {
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.sessions === undefined ? {} : { sessions: flags.sessions }),
    recordOutcomes: false,
    onStep: watch.onStep(output),
  };
  const seed = flags.seed ?? scenario.seed ?? 1;
  // Each output's modules are loaded only when it is chosen: a summary or JSON run does not
  // pay for the trace writers, the HTML report or the digests (start-up, issue 12).
  const comparisons = checkDeterminism ? await import('../report/trace-comparison.js') : undefined;
  const digest = comparisons === undefined ? undefined : new comparisons.TraceDigest();
  const traceOutput =
    output !== undefined && traceFormats.includes(flags.format)
      ? await import('./trace-output.js')
      : undefined;
  const trace =
    traceOutput !== undefined && output !== undefined
      ? traceOutput.createTraceWriter({
          format: flags.format as 'ndjson' | 'perfetto' | 'evtx-xml',
          level: flags.level,
          scenario: scenario.name,
          seed,
          apps: scenario.apps.map((app) => app.name),
          write: output.text.write,
        })
      : undefined;
  const html =
    output !== undefined && flags.format === 'html'
      ? (await import('../report/html/html-report.js')).createHtmlReportWriter({
          scenario: scenario.name,
          seed,
          apps: scenario.apps.map((app) => app.name),
          faults: scenario.faults,
          write: output.text.write,
        })
      : undefined;
  const started = io.now();
  let result: RunResult | StoppedRunResult;
  let stop: DispatchsimError | undefined;
  try {
    result = await simulate(io, scenario, options, scenario.name, watch, (sim) => {
      if (trace !== undefined && traceOutput !== undefined) {
        traceOutput.attachTraceWriter(
          sim,
          trace,
          flags.format as 'ndjson' | 'perfetto' | 'evtx-xml',
          flags.level,
        );
      }
      if (html !== undefined) attachHtmlReport(sim, html);
      if (digest !== undefined) onTraceLines(sim, digest.push);
    });
  } catch (error: unknown) {
    // A report of a run that stopped early says so and shows what the run produced.
    html?.end();
    // A run that stopped early is reported up to the stop; its error line comes last.
    const stopped = resultOfStoppedRun(error);
    if (stopped === undefined || !isRunEnding(error)) throw error;
    result = stopped;
    stop = error;
  } finally {
    // A run that stopped early still gets a well-formed document: what was written so far.
    trace?.end();
  }
  const wallMs = io.now() - started;
  if (isStoppedRunResult(result)) return { file, result, wallMs, determinism: undefined, stop };
  let determinism: DeterminismCheck | undefined;
  if (digest !== undefined && comparisons !== undefined) {
    // The same seed as the first run, whether it came from --seed or from the file. The
    // second run is compared chunk by chunk; a third one, only when they differ, gives the
    // first run's lines of the differing chunk.
    const again = { ...options, seed: result.seed, onStep: watch.onStep(undefined) };
    const comparison = new comparisons.TraceComparison(digest.finish(), result.seed);
    const label = `${scenario.name} (determinism check)`;
    await simulate(io, scenario, again, label, watch, (sim) => onTraceLines(sim, comparison.push));
    const chunk = comparison.differingChunk();
    let firstLines: readonly string[] = [];
    if (chunk !== undefined) {
      const collector = comparisons.collectChunk(chunk);
      await simulate(io, scenario, again, label, watch, (sim) => onTraceLines(sim, collector.push));
      firstLines = collector.lines;
    }
    determinism = comparison.finish(firstLines);
    result = withDeterminism(result, determinism);
  }
  html?.finish(result, determinism);
  return { file, result, wallMs, determinism };
}

function formatReport(
  runs: readonly CompletedRun[],
  flags: RunFlags,
  style: TextStyle,
  format: 'summary' | 'json',
): string {
  if (format === 'json') {
    return formatJsonReport(runs.map((run): JsonReportInput => reportInput(run, flags)));
  }
  return runs
    .map((run) =>
      formatSummary(
        {
          file: run.file,
          result: resultAtLevel(run.result, flags.level),
          wallMs: run.wallMs,
          sessionsOverride: flags.sessions,
          determinism: run.determinism,
          level: flags.level,
        },
        { style },
      ),
    )
    .join('\n');
}

function reportInput(run: CompletedRun, flags: RunFlags): JsonReportInput {
  return {
    file: run.file,
    result: resultAtLevel(run.result, flags.level),
    sessionsOverride: flags.sessions,
    determinism: run.determinism,
    level: flags.level,
  };
}

const outputNames: Readonly<Record<RunFlags['format'], string>> = {
  summary: 'the summary',
  json: 'the JSON report',
  ndjson: 'the NDJSON trace',
  perfetto: 'the Perfetto trace',
  'evtx-xml': 'the Event Viewer XML',
  html: 'the HTML report',
};

const outputHints: Readonly<Partial<Record<RunFlags['format'], string>>> = {
  perfetto: '; open it at https://ui.perfetto.dev or chrome://tracing',
  html: '; open it in any browser',
};

// The --out file is opened before anything runs (out-file.ts).
async function openOutput(
  io: CliIo,
  flags: RunFlags,
  files: readonly string[],
): Promise<Output | undefined> {
  if (flags.out === undefined) {
    if (!streamedFormats.includes(flags.format)) return undefined;
    const sink = io.stdoutSink();
    return { sink, text: new ChunkedText(sink), target: 'standard output' };
  }
  const sink = await openOutFile(io, flags.out, files);
  return { sink, text: new ChunkedText(sink), target: flags.out };
}

function isRunEnding(error: unknown): error is DispatchsimError {
  return (
    isDispatchsimError(error) &&
    (error.code === 'sim.horizon-exceeded' ||
      error.code === 'sim.stalled' ||
      error.code === 'sim.livelock')
  );
}

/** A scenario file loaded to run. */
interface Loaded {
  readonly file: string;
  readonly input: ScenarioInput;
  readonly scenario: Scenario;
  /** The line of its warning of arrivals past the horizon that --sessions replaces. */
  readonly horizonLine: number | undefined;
}

/**
 * Runs `dispatchsim run`.
 * @param io - the outside world
 * @param files - the scenario files, as given
 * @param rawFlags - the flags as commander parsed them
 * @param style - colours for stdout
 * @returns the exit code
 * @throws CommandLineError (`cli.bad-flag`, `cli.io`) for bad flags or an unwritable --out
 */
export async function runCommand(
  io: CliIo,
  files: readonly string[],
  rawFlags: Readonly<Record<string, unknown>>,
  style: TextStyle,
): Promise<ExitCode> {
  const flags = parseRunFlags(rawFlags, files, io.isTTY);
  const loaded: Loaded[] = [];
  let invalid = false;
  for (const file of files) {
    const parsed = await readScenarioFile(io, file);
    // Under --sessions, the warning of arrivals past the horizon is horizonNote's (runAll).
    const { warnings: issues, horizonLine } = parsed.ok
      ? warningsUnderSessions(parsed.warnings, parsed.scenario, flags.sessions)
      : { warnings: parsed.issues, horizonLine: undefined };
    for (const line of formatScenarioIssues(issues)) io.stderr(`${line}\n`);
    if (parsed.ok) {
      loaded.push({ file, input: parsed.input, scenario: parsed.scenario, horizonLine });
    } else invalid = true;
  }
  if (invalid) return exitCodes.badInput;

  const watch = new RunWatch();
  // Listening before --out is opened: a signal between the two ended the process and left the
  // temporary file beside the target. One that comes while it opens stops the first step.
  const stopListening = io.onInterrupt((signal) => {
    watch.signal = signal;
  });
  let output: Output | undefined;
  try {
    output = await openOutput(io, flags, files);
  } catch (error: unknown) {
    stopListening();
    throw error;
  }
  try {
    return await runAll(io, loaded, flags, style, output, watch);
  } catch (error: unknown) {
    if (error instanceof RunInterruptedError && flags.out === undefined && output !== undefined) {
      // Standard output keeps what the run wrote, ended as a whole document (the writers end
      // a run that stopped early, as after a passed horizon): its last chunk was never sent.
      await output.text.flush().catch(() => undefined);
    } else {
      await output?.sink.discard();
    }
    if (error instanceof RunInterruptedError) {
      // How far virtual time got, and the attempts: clients retrying without end finish no
      // request, and `0 of 10 requests` said nothing of the minutes spent (user report).
      const reached = watch.progress;
      io.stderr(
        `dispatchsim: interrupted after ${watch.done.toLocaleString('en-US')} of ${watch.total.toLocaleString('en-US')} requests` +
          `${reached === undefined || reached.attempts === 0 ? '' : `, ${formatDuration(reached.atMs)} simulated, in ${reached.attempts.toLocaleString('en-US')} attempts`}` +
          `${flags.out === undefined ? '' : `; '${flags.out}' was not written`}\n`,
      );
      return exitCodes.interrupted;
    }
    if (error instanceof OutputError) {
      io.stderr(`dispatchsim: ${error.message}\n`);
      return exitCodes.outputFailed;
    }
    throw error;
  } finally {
    stopListening();
  }
}

async function runAll(
  io: CliIo,
  loaded: readonly Loaded[],
  flags: RunFlags,
  style: TextStyle,
  output: Output | undefined,
  watch: RunWatch,
): Promise<ExitCode> {
  const runs: CompletedRun[] = [];
  const codes: ExitCode[] = [];
  const isStreamed = streamedFormats.includes(flags.format);
  for (const { file, input, scenario, horizonLine } of loaded) {
    // Given once --out is open: bad input stays one line per problem.
    const note = horizonNote(file, input, flags.sessions, horizonLine);
    if (note !== undefined) io.stderr(`${note}\n`);
    const run = await runScenario(
      io,
      file,
      scenario,
      flags,
      isStreamed ? output : undefined,
      watch,
    );
    runs.push(run);
    if (isStoppedRunResult(run.result)) continue;
    const { expectations } = run.result;
    const notes = exactCountHints(file, scenario.workload.sessions, flags.sessions, expectations);
    for (const note of notes) io.stderr(`${note}\n`);
  }
  for (const run of runs) {
    const result = run.result;
    if (isStoppedRunResult(result) || !runVerdict(result, run.determinism).passed) {
      codes.push(exitCodes.notPassed);
    }
  }
  if (runs.length === 0) return worstExitCode(...codes);

  await writeReports(io, runs, flags, style, output);
  // Each run that stopped early ends stderr with its error line, after its report, as before
  // there was one (scripts look for it there).
  for (const run of runs) {
    if (run.stop === undefined) continue;
    // The trace (or report) so far is a well-formed document (the writer was ended): kept.
    let kept = '';
    if (isStreamed && output !== undefined) {
      const what = flags.format === 'html' ? 'the report' : 'the trace';
      kept = `; ${what} up to that point was written to ${output.target}`;
    }
    io.stderr(`dispatchsim: ${run.file}: ${run.stop.message}${kept}\n`);
  }
  return worstExitCode(...codes);
}

// The chosen format, and the summary where it goes beside it (see runAll).
async function writeReports(
  io: CliIo,
  runs: readonly CompletedRun[],
  flags: RunFlags,
  style: TextStyle,
  output: Output | undefined,
): Promise<void> {
  if (streamedFormats.includes(flags.format) && output !== undefined) {
    await commit(output);
    if (flags.out === undefined) {
      reportFailures(io, runs);
      return;
    }
  } else if (output !== undefined) {
    // summary or json to --out: written whole (they are small), then moved into place.
    output.text.write(formatReport(runs, flags, plainStyle, flags.format as 'summary' | 'json'));
    await commit(output);
  } else {
    io.stdout(formatReport(runs, flags, style, flags.format as 'summary' | 'json'));
    if (flags.format !== 'summary') reportFailures(io, runs);
    return;
  }
  if (flags.format !== 'summary') io.stdout(formatReport(runs, flags, style, 'summary') + '\n');
  io.stdout(
    `Wrote ${outputNames[flags.format]} to ${flags.out ?? 'standard output'}${outputHints[flags.format] ?? ''}\n`,
  );
}

async function commit(output: Output): Promise<void> {
  try {
    await output.text.flush();
    await output.sink.commit();
  } catch (error: unknown) {
    rethrowAsOutput(error, output);
  }
}

// When stdout carries data rather than the summary, failures still get one line each on stderr
// (a run that stopped early gets its error line after these).
function reportFailures(io: CliIo, runs: readonly CompletedRun[]): void {
  for (const run of runs) {
    if (isStoppedRunResult(run.result)) continue;
    const verdict = runVerdict(run.result, run.determinism);
    for (const e of verdict.notMet) {
      io.stderr(
        `dispatchsim: ${run.file}: expectation not met: ${e.description} (saw ${e.observed})\n`,
      );
    }
    if (verdict.nondeterministic) {
      io.stderr(
        `dispatchsim: ${run.file}: the same seed gave a different trace (first difference at line ${run.determinism?.difference?.line ?? '?'})\n`,
      );
    }
  }
}
