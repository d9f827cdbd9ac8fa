// `dispatchsim run <scenario...>`: load every file (all issues first, exit 2), run each on
// virtual time, and write the chosen format to stdout or --out (issue 6; STYLE §5.3). The
// exit code comes from the verdicts: see exit-codes.ts.

import { resolve } from 'node:path';
import { CommandLineError } from '../errors/command-line-error.js';
import { isDispatchsimError } from '../errors/dispatchsim-error.js';
import { formatScenarioIssue } from '../errors/scenario-error.js';
import type { SessionOutcome } from '../events/session-outcome.js';
import { formatTrace, formatTraceLine, type TraceRecord } from '../events/trace.js';
import { formatEvtxXml } from '../report/evtx-xml.js';
import { formatJsonReport, type JsonReportInput } from '../report/json-report.js';
import { filterByLevel } from '../report/level-filter.js';
import { formatPerfettoTrace } from '../report/perfetto-trace.js';
import { runVerdict } from '../report/run-verdict.js';
import { formatSummary } from '../report/summary-report.js';
import { plainStyle, type TextStyle } from '../report/text-style.js';
import { TraceComparison, type DeterminismCheck } from '../report/trace-comparison.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import type { RunOptions } from '../sim/run-options.js';
import type { RunResult } from '../sim/run-result.js';
import { createSimulation } from '../sim/simulation.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, worstExitCode, type ExitCode } from './exit-codes.js';
import { startProgress, wantsProgress } from './progress-bar.js';
import { describeFileError, errorCode, readScenarioFile } from './read-scenario-file.js';
import { parseRunFlags, traceFormats, type RunFlags } from './run-flags.js';

/** One finished run. */
interface CompletedRun {
  readonly file: string;
  readonly result: RunResult;
  readonly wallMs: number;
  readonly records: readonly TraceRecord[];
  readonly outcomes: readonly SessionOutcome[];
  readonly determinism: DeterminismCheck | undefined;
}

/** What one simulation run gave. */
interface Simulated {
  readonly result: RunResult;
  readonly outcomes: readonly SessionOutcome[];
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

// One run of a scenario, with a progress bar when it is long and someone is watching.
async function simulate(
  io: CliIo,
  scenario: Scenario,
  options: RunOptions,
  label: string,
  onRecord: ((record: TraceRecord) => void) | undefined,
): Promise<Simulated> {
  const sessions = options.sessions ?? scenario.workload.sessions;
  const progress = wantsProgress(io, sessions) ? startProgress(io, label, sessions) : undefined;
  const sim = createSimulation(
    scenario,
    progress === undefined ? options : { ...options, onProgress: progress.update },
  );
  if (onRecord !== undefined) {
    sim.events.on('event', onRecord);
    sim.events.on('eventLog', onRecord);
  }
  try {
    const result = await sim.run();
    return { result, outcomes: sim.outcomes() };
  } finally {
    progress?.stop();
  }
}

async function runScenario(
  io: CliIo,
  file: string,
  scenario: Scenario,
  flags: RunFlags,
): Promise<CompletedRun> {
  const needsTrace = traceFormats.includes(flags.format);
  const checkDeterminism = wantsDeterminism(scenario, flags);
  const options: RunOptions = {
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.sessions === undefined ? {} : { sessions: flags.sessions }),
    // Only the Perfetto trace draws sessions; the others need no per-session record.
    recordOutcomes: flags.format === 'perfetto',
  };
  const records: TraceRecord[] = [];
  const started = io.now();
  const first = await simulate(
    io,
    scenario,
    options,
    scenario.name,
    needsTrace || checkDeterminism ? (record) => records.push(record) : undefined,
  );
  const wallMs = io.now() - started;
  let result = first.result;
  let determinism: DeterminismCheck | undefined;
  if (checkDeterminism) {
    // The same seed as the first run, whether it came from --seed or from the file.
    const comparison = new TraceComparison(records.map(formatTraceLine), result.seed);
    await simulate(
      io,
      scenario,
      { ...options, seed: result.seed, recordOutcomes: false },
      `${scenario.name} (determinism check)`,
      (record) => comparison.push(formatTraceLine(record)),
    );
    determinism = comparison.finish();
    result = withDeterminism(result, determinism);
  }
  return {
    file,
    result,
    wallMs,
    records: needsTrace ? records : [],
    outcomes: first.outcomes,
    determinism,
  };
}

function formatOutput(runs: readonly CompletedRun[], flags: RunFlags, style: TextStyle): string {
  switch (flags.format) {
    case 'summary':
      return runs.map((run) => formatSummary(summaryInput(run, flags), { style })).join('\n');
    case 'json':
      return formatJsonReport(runs.map((run): JsonReportInput => reportInput(run, flags)));
    case 'ndjson':
      return runs.map((run) => formatTrace(filterByLevel(run.records, flags.level))).join('');
    case 'perfetto':
      return runs
        .map((run) =>
          formatPerfettoTrace(
            {
              scenario: run.result.scenario,
              seed: run.result.seed,
              records: run.records,
              outcomes: run.outcomes,
            },
            { level: flags.level },
          ),
        )
        .join('');
    case 'evtx-xml':
      return runs.map((run) => formatEvtxXml(run.records, { level: flags.level })).join('');
  }
}

function summaryInput(run: CompletedRun, flags: RunFlags) {
  return {
    file: run.file,
    result: run.result,
    wallMs: run.wallMs,
    sessionsOverride: flags.sessions,
    determinism: run.determinism,
  };
}

function reportInput(run: CompletedRun, flags: RunFlags): JsonReportInput {
  return {
    file: run.file,
    result: run.result,
    sessionsOverride: flags.sessions,
    determinism: run.determinism,
  };
}

const outputNames: Readonly<Record<RunFlags['format'], string>> = {
  summary: 'the summary',
  json: 'the JSON report',
  ndjson: 'the NDJSON trace',
  perfetto: 'the Perfetto trace',
  'evtx-xml': 'the Event Viewer XML',
};

const outputHints: Readonly<Partial<Record<RunFlags['format'], string>>> = {
  perfetto: '; open it at https://ui.perfetto.dev or chrome://tracing',
};

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
  const flags = parseRunFlags(rawFlags, files);
  const loaded: { file: string; scenario: Scenario }[] = [];
  let invalid = false;
  for (const file of files) {
    const parsed = await readScenarioFile(io, file);
    const issues = parsed.ok ? parsed.warnings : parsed.issues;
    for (const issue of issues) io.stderr(`${formatScenarioIssue(issue)}\n`);
    if (parsed.ok) loaded.push({ file, scenario: parsed.scenario });
    else invalid = true;
  }
  if (invalid) return exitCodes.badInput;

  const runs: CompletedRun[] = [];
  const codes: ExitCode[] = [];
  for (const { file, scenario } of loaded) {
    try {
      runs.push(await runScenario(io, file, scenario, flags));
    } catch (error: unknown) {
      if (
        isDispatchsimError(error) &&
        (error.code === 'sim.horizon-exceeded' || error.code === 'sim.stalled')
      ) {
        io.stderr(`dispatchsim: ${file}: ${error.message}\n`);
        codes.push(exitCodes.notPassed);
        continue;
      }
      throw error;
    }
  }
  for (const run of runs) {
    if (!runVerdict(run.result, run.determinism).passed) codes.push(exitCodes.notPassed);
  }
  if (runs.length === 0) return worstExitCode(...codes);

  if (flags.out === undefined) {
    io.stdout(formatOutput(runs, flags, style));
    if (flags.format !== 'summary') reportFailures(io, runs);
    return worstExitCode(...codes);
  }
  const target = resolve(io.cwd, flags.out);
  try {
    await io.writeFile(target, formatOutput(runs, flags, plainStyle));
  } catch (error: unknown) {
    throw new CommandLineError(
      [`--out: cannot write '${flags.out}' (${describeFileError(errorCode(error))})`],
      'cli.io',
    );
  }
  if (flags.format !== 'summary') {
    io.stdout(formatOutput(runs, { ...flags, format: 'summary' }, style) + '\n');
  }
  io.stdout(
    `Wrote ${outputNames[flags.format]} to ${flags.out}${outputHints[flags.format] ?? ''}\n`,
  );
  return worstExitCode(...codes);
}

// When stdout carries data rather than the summary, failures still get one line each on stderr.
function reportFailures(io: CliIo, runs: readonly CompletedRun[]): void {
  for (const run of runs) {
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
