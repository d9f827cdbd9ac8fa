// `dispatchsim sweep` and `dispatchsim swarm` (issue 13): run many cases, on worker threads,
// write one NDJSON line per case in case order (or a table of the worst cases), and for a
// swarm shrink each distinct failure to a replayable scenario file. `--shard k/n` runs one
// shard of the cases; `dispatchsim merge` puts shards back together.

import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CommandLineError } from '../errors/command-line-error.js';
import { isDispatchsimError } from '../errors/dispatchsim-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { OutputError } from '../errors/output-error.js';
import { RunInterruptedError } from '../errors/run-interrupted-error.js';
import { formatScenarioIssues } from '../errors/scenario-error.js';
import { createThreadedRunner } from '../io/threaded-runner.js';
import {
  WorstCases,
  formatCaseLine,
  formatHeaderLine,
  formatSearchTable,
  formatTotalsLine,
  noFaultLine,
  type SearchHeader,
  describeCaseCounts,
} from '../report/search-output.js';
import { plainStyle, type TextStyle } from '../report/text-style.js';
import { rewriteScenarioText } from '../scenario/rewrite-scenario-text.js';
import type { ScenarioInput, Scenario } from '../scenario/scenario-schema.js';
import { runCase } from '../search/run-case.js';
import { overrideSessions } from '../search/sessions-override.js';
import type { CaseRunner } from '../search/run-in-order.js';
import type { CaseResult } from '../search/search-case.js';
import { TotalsBuilder, type SearchTotals } from '../search/search-totals.js';
import { WHOLE, formatShard } from '../search/shard.js';
import {
  MAX_SHRUNK,
  distinctFailureKey,
  swarm,
  type ShrunkFailure,
  type UnshrunkFailure,
} from '../search/swarm.js';
import { sweep } from '../search/sweep.js';
import type { CliIo, TextSink } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { describeFileError, errorCode } from './file-errors.js';
import { packageVersion } from './package-version.js';
import { readScenarioSource } from './read-scenario-file.js';
import { parseSwarmFlags, parseSweepFlags } from './search-flags.js';
import { sessionsFlagProblem } from './sessions-flag.js';
import { exactCountNote, horizonNote, warningsUnderSessions } from './sessions-hint.js';
import {
  startSearchProgress,
  startShrinkProgress,
  type ShrinkProgress,
} from './search-progress.js';
import { ChunkedText } from './chunked-text.js';
import { openOutFile } from './out-file.js';
import type { FormatSource } from './format-from-out.js';
import type { SearchFormat } from './output-formats.js';
import { RERUN_NDJSON, describeUnshrunk, rerunForNdjson } from './unshrunk-note.js';
import { refuseRepeatedFiles } from './repeated-files.js';

interface Source {
  readonly file: string;
  readonly sha256: string;
  readonly input: ScenarioInput;
  readonly scenario: Scenario;
  /** The line of its warning of arrivals past the horizon that --sessions replaces. */
  readonly horizonLine: number | undefined;
  /** The file's text and the data read from it (before --sessions), for shrunk files. */
  readonly written: { readonly text: string; readonly data: ScenarioInput };
}

// The path a search records for a scenario file (in its header and case lines): as typed,
// normalised, with `/` between folders, so that shards run on machines that name the same
// file differently (`./a.yaml`, `a.yaml`; `a\b.yaml` on Windows) merge. An absolute path
// stays absolute: shards merge only if every machine gives the same one.
function recordedPath(file: string): string {
  return normalize(file).split(sep).join('/');
}

// Each thread holds its own heap, and beyond the cores runs no case sooner (user report:
// --threads 256 on 2 cores took 43.8 s and 5.35 GB where 2 took 1.6 s and 184 MB).
function noteThreadsBeyondCores(io: CliIo, threads: number): void {
  const cores = availableParallelism();
  if (threads <= cores) return;
  io.stderr(
    `dispatchsim: note: --threads ${threads} is more than the ${cores} core${cores === 1 ? '' : 's'} here: each thread holds its own heap (20-35 MB), and the cases run no sooner\n`,
  );
}

// A search writes a table or NDJSON: a .json name gets the table, which `merge` cannot read
// (user report: `sweep … --out cases.json`, then `merge cases.json` failed).
function noteTableInJsonFile(
  io: CliIo,
  command: 'sweep' | 'swarm',
  flags: { readonly out?: string | undefined; readonly formatSource: FormatSource },
): void {
  const { out } = flags;
  if (out === undefined || flags.formatSource !== 'default') return;
  if (extname(out).toLowerCase() !== '.json') return;
  io.stderr(
    `dispatchsim: note: --out ${out} gets the table: a ${command} writes a table or NDJSON (a .ndjson name, or --format ndjson, for one JSON object per case)\n`,
  );
}

async function loadSources(
  io: CliIo,
  files: readonly string[],
  sessions: number | undefined,
): Promise<Source[] | undefined> {
  const sources: Source[] = [];
  let invalid = false;
  for (const file of files) {
    const { text, parsed } = await readScenarioSource(io, file);
    // Under --sessions, the warning of arrivals past the horizon is horizonNote's (withSessions).
    const { warnings: issues, horizonLine } = parsed.ok
      ? warningsUnderSessions(parsed.warnings, parsed.scenario, sessions)
      : { warnings: parsed.issues, horizonLine: undefined };
    for (const line of formatScenarioIssues(issues)) io.stderr(`${line}\n`);
    if (!parsed.ok || text === undefined) {
      invalid = true;
      continue;
    }
    // Every case of a scenario without expectations passes, which proves nothing (user
    // report: "50 passed" and exit 0 without a word).
    if (parsed.scenario.expect.length === 0) {
      io.stderr(
        `dispatchsim: note: ${file} has no expectations (expect:), so every case that runs to its end passes (one that stops, at its horizon or stuck, is an error): a search finds failures only against them\n`,
      );
    }
    const sha256 = createHash('sha256').update(text).digest('hex');
    sources.push({
      file: recordedPath(file),
      sha256,
      input: parsed.input,
      scenario: parsed.scenario,
      horizonLine,
      written: { text, data: parsed.input },
    });
  }
  return invalid ? undefined : sources;
}

// --sessions overrides every scenario's workload.sessions, as run's does. It is written into
// the scenario as given, which is what crosses to the worker threads, what a swarm's plans are
// drawn for and what its shrunk files are written from, so they replay with no flag.
function withSessions(
  io: CliIo,
  sources: readonly Source[],
  sessions: number | undefined,
): Source[] {
  if (sessions === undefined) return [...sources];
  const problems: string[] = [];
  const overridden = sources.map((source) => {
    try {
      return { ...source, ...overrideSessions(source, source.file, sessions) };
    } catch (error: unknown) {
      const problem = sessionsFlagProblem(error, source.file, sessions);
      if (problem === undefined) throw error;
      problems.push(problem);
      return source;
    }
  });
  if (problems.length > 0) throw new CommandLineError(problems);
  for (const source of sources) {
    const note = exactCountNote(source.file, source.scenario, sessions);
    if (note !== undefined) io.stderr(`${note}\n`);
    const horizon = horizonNote(source.file, source.input, sessions, source.horizonLine);
    if (horizon !== undefined) io.stderr(`${horizon}\n`);
  }
  return overridden;
}

// The header's record of --sessions: none without it, so that output stays as it was.
const sessionsCase = (sessions: number | undefined): { sessions?: number } =>
  sessions === undefined ? {} : { sessions };

/** Where the NDJSON or the table goes. */
interface SearchOutput {
  readonly sink: TextSink;
  readonly text: ChunkedText;
  readonly target: string;
  readonly file: boolean;
}

async function openSearchOutput(
  io: CliIo,
  out: string | undefined,
  files: readonly string[],
): Promise<SearchOutput> {
  if (out === undefined) {
    const sink = io.stdoutSink();
    return { sink, text: new ChunkedText(sink), target: 'standard output', file: false };
  }
  const sink = await openOutFile(io, out, files);
  return { sink, text: new ChunkedText(sink), target: out, file: true };
}

function asOutputError(error: unknown, target: string): unknown {
  if (isDispatchsimError(error) || !(error instanceof Error) || !('code' in error)) return error;
  const code = errorCode(error);
  return new OutputError({ target, errno: code, reason: describeFileError(code) });
}

/** The parts of a search both commands share: output, runner, progress, interrupts. */
interface SearchRun {
  readonly header: SearchHeader;
  readonly format: SearchFormat;
  readonly threads: number;
  readonly label: string;
  readonly total: number;
  /** The `--sessions` every case runs with, if any. */
  readonly sessions: number | undefined;
  readonly search: (
    onResult: (result: CaseResult) => Promise<void>,
    runner: CaseRunner,
    concurrency: number,
  ) => Promise<{ totals: SearchTotals }>;
  /** A line for standard error once every case has its result (what comes next), if any. */
  readonly afterCases?: () => string | undefined;
  /** The most runs a swarm's shrinks may make, once every case has its result. */
  readonly shrinkRunsUpTo?: () => number;
}

// `First failing case: 3 (orders.yaml, seed 688711): requests gaveUp <= 0; shrink it: …`, the
// hint only for NDJSON, which shrink reads.
function describeFirstFailing(
  result: CaseResult,
  format: SearchRun['format'],
  target: string,
): string {
  const what = result.failure ?? result.error ?? result.verdict;
  const shrink =
    format === 'ndjson' ? `; shrink it: dispatchsim shrink ${target} --case ${result.index}` : '';
  return `First failing case: ${result.index} (${result.file}, seed ${result.seed}): ${what}${shrink}`;
}

/** A swarm stopped while it shrinks, every case done and written: what the line says. */
interface StoppedShrink {
  /** Cases written. */
  readonly cases: number;
  /** Shrunk scenarios written: those finished before the signal, and those of `soFar`. */
  readonly kept: number;
  /** Of `kept`, the smallest so far of a shrink the signal stopped: not fully shrunk. */
  readonly soFar: number;
  /** How many were to be shrunk: `up to N` when some may turn out explained. */
  readonly planned: string;
  /** The --out-dir they are in. */
  readonly outDir: string;
  /** The first case of a distinct failure not shrunk, if any. */
  readonly next: number | undefined;
}

// `interrupted while shrinking: kept 3 of up to 6 shrunk scenarios in sf8/ (1 of them smallest
// so far, not fully shrunk); wrote the 40 cases to sf8.ndjson; shrink one later: dispatchsim
// shrink sf8.ndjson --case 12`. Without an NDJSON file to point at (a table, or NDJSON on
// stdout), the hint says how to get one (user report), with no --format ndjson unless the
// table was asked for by name (a later report: --out swarm.ndjson alone is NDJSON).
function describeStoppedShrink(
  format: SearchRun['format'],
  formatSource: FormatSource,
  output: SearchOutput,
  stopped: StoppedShrink,
): string {
  const s = (n: number): string => (n === 1 ? '' : 's');
  const cases = `the ${stopped.cases} case${s(stopped.cases)}`;
  const folder = /[\\/]$/.test(stopped.outDir) ? stopped.outDir : `${stopped.outDir}/`;
  const soFar =
    stopped.soFar === 0
      ? ''
      : ` (${stopped.soFar < stopped.kept ? `${stopped.soFar} of them ` : stopped.kept > 1 ? 'all ' : ''}smallest so far, not fully shrunk)`;
  const wrote =
    stopped.kept === 0
      ? `wrote ${cases} without a shrunk scenario to ${output.target}`
      : `kept ${stopped.kept} of ${stopped.planned} shrunk scenario${stopped.planned === '1' ? '' : 's'} in ${folder}${soFar}; wrote ${cases} to ${output.target}`;
  const { next } = stopped;
  const later =
    next === undefined
      ? ''
      : format === 'ndjson' && output.file
        ? `; shrink one later: dispatchsim shrink ${output.target} --case ${next}`
        : `; to shrink one later, run the swarm again with --no-shrink ${rerunForNdjson(format, formatSource)}, then: dispatchsim shrink ${RERUN_NDJSON} --case ${next}`;
  return `interrupted while shrinking: ${wrote}${later}`;
}

// One macrotask turn. A simulation runs on virtual time, on promises alone, so cases run on
// this thread would otherwise never let the event loop reach a signal (Ctrl-C).
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function runSearchCommand(
  io: CliIo,
  run: SearchRun,
  openOutput: () => Promise<SearchOutput>,
  style: TextStyle,
): Promise<{
  code: ExitCode;
  totals: SearchTotals | undefined;
  output: SearchOutput;
  /** Set when stopped while shrinking, the cases written: the caller says so. */
  stoppedAfter?: { readonly cases: number };
}> {
  let signal: string | undefined;
  // The worker threads, once started: a signal stops the cases they run at once (user report:
  // a case whose clients retried without end kept Ctrl-C waiting for minutes).
  let stopThreads: (() => void) | undefined;
  // Listening before --out is opened: a signal between the two ended the process and left the
  // temporary file beside the target. One that comes while it opens stops the first case.
  const stopListening = io.onInterrupt((s) => {
    signal = s;
    stopThreads?.();
  });
  let output: SearchOutput;
  try {
    output = await openOutput();
  } catch (error: unknown) {
    stopListening();
    throw error;
  }
  // No more threads than cases: each thread starts a V8 isolate (256 of them for 2 cases
  // took 40 s).
  const threads = Math.min(run.threads, run.total);
  const threaded = threads > 1 ? createThreadedRunner({ threads }) : undefined;
  let closing: Promise<void> | undefined;
  const closeThreads = (): Promise<void> => (closing ??= threaded?.close() ?? Promise.resolve());
  if (threaded !== undefined) stopThreads = () => void closeThreads();
  // On this thread, a case lets a signal in every 4,096 steps of its run, and stops there.
  let steps = 0;
  const onRunStep = (): Promise<void> | undefined => {
    if ((++steps & 4095) !== 0) return undefined;
    return nextTurn().then(() => {
      if (signal !== undefined) throw new RunInterruptedError(signal);
    });
  };
  const runOne: CaseRunner = threaded?.run ?? ((searchCase) => runCase(searchCase, { onRunStep }));
  // Every case, the swarm's shrink runs included, first lets a signal in, and none starts
  // after one; one running when a signal comes is stopped (its thread ended, or its run
  // stopped at its next 4,096th step).
  let shrinkBar: ShrinkProgress | undefined;
  const runner: CaseRunner = async (searchCase) => {
    await nextTurn();
    if (signal !== undefined) throw new RunInterruptedError(signal);
    // Once every case is done, what runs is a swarm's shrinks.
    if (done === run.total) shrinkBar?.tick();
    try {
      return await runOne(searchCase);
    } catch (error: unknown) {
      if (signal !== undefined) throw new RunInterruptedError(signal);
      throw error;
    }
  };
  let bar = startSearchProgress(io, run.label, run.total);
  const stopBar = (): void => {
    bar?.stop();
    bar = undefined;
    shrinkBar?.stop();
    shrinkBar = undefined;
  };
  const worst = new WorstCases(20);
  let done = 0;
  let failures = 0;
  // The failing case of the lowest index, whatever order threads finish in: what a CI log
  // names when the output went to a file.
  let firstFailing: CaseResult | undefined;
  // The sums of the cases handed on: what the output ends with when a swarm is stopped while
  // it shrinks, every case being done.
  const seen = new TotalsBuilder();
  const endOutput = async (totals: SearchTotals): Promise<void> => {
    output.text.write(
      run.format === 'ndjson'
        ? `${formatTotalsLine(totals)}\n`
        : `${formatSearchTable(worst.list(), totals, output.file ? plainStyle : style, run.sessions, run.header.command)}\n`,
    );
    await output.text.flush();
    await output.sink.commit();
  };
  try {
    if (run.format === 'ndjson') output.text.write(`${formatHeaderLine(run.header)}\n`);
    const { totals } = await run.search(
      async (result) => {
        if (signal !== undefined) throw new RunInterruptedError(signal);
        done++;
        seen.add(result);
        if (result.verdict !== 'pass') {
          failures++;
          if (firstFailing === undefined || result.index < firstFailing.index)
            firstFailing = result;
        }
        bar?.update(done, failures);
        const next = done === run.total ? run.afterCases?.() : undefined;
        if (next !== undefined) {
          stopBar();
          io.stderr(`dispatchsim: ${next}\n`);
          const upTo = run.shrinkRunsUpTo?.();
          if (upTo !== undefined) shrinkBar = startShrinkProgress(io, upTo);
        }
        if (run.format === 'ndjson') {
          output.text.write(`${formatCaseLine(result)}\n`);
          await output.text.backpressure();
        } else {
          worst.add(result);
        }
      },
      runner,
      threaded?.threads ?? 1,
    );
    stopBar();
    await endOutput(totals);
    // As `run --out` does: the output went to a file, so stdout says where, and how it went.
    if (output.file) {
      io.stdout(`Wrote the ${run.label} (${describeCaseCounts(totals)}) to ${output.target}\n`);
      // As the table says it (user report: only the table did).
      const where = run.format === 'ndjson' ? output.target : undefined;
      for (const line of noFaultLine(totals, run.header.command, where)) io.stdout(`${line}\n`);
      if (firstFailing !== undefined) {
        io.stdout(`${describeFirstFailing(firstFailing, run.format, output.target)}\n`);
      }
    }
    const code = totals.failed + totals.errors > 0 ? exitCodes.notPassed : exitCodes.ok;
    return { code, totals, output };
  } catch (error: unknown) {
    stopBar();
    // Stopped once every case was done (a swarm's shrink, the only work after the cases):
    // the cases are kept, written as --no-shrink would have, and can be shrunk later; the
    // caller keeps the shrinks that finished and says so.
    let failure = error;
    if (error instanceof RunInterruptedError && done === run.total) {
      try {
        await endOutput(seen.totals());
        return {
          code: exitCodes.interrupted,
          totals: undefined,
          output,
          stoppedAfter: { cases: done },
        };
      } catch (writing: unknown) {
        failure = writing;
      }
    }
    await output.sink.discard();
    if (failure instanceof RunInterruptedError) {
      io.stderr(
        `dispatchsim: interrupted after ${done} of ${run.total} cases${output.file ? `; '${output.target}' was not written` : ''}\n`,
      );
      return { code: exitCodes.interrupted, totals: undefined, output };
    }
    const mapped = asOutputError(failure, output.target);
    if (mapped instanceof OutputError) {
      io.stderr(`dispatchsim: ${mapped.message}\n`);
      return { code: exitCodes.outputFailed, totals: undefined, output };
    }
    throw mapped;
  } finally {
    stopListening();
    await closeThreads();
  }
}

/**
 * Runs `dispatchsim sweep`.
 * @param io - the outside world
 * @param files - the scenario files
 * @param rawFlags - the flags as commander parsed them
 * @param style - colours for stdout
 * @returns the exit code: 0 when every case passed, 1 when one failed
 * @throws CommandLineError for bad flags or an unwritable --out
 */
export async function sweepCommand(
  io: CliIo,
  files: readonly string[],
  rawFlags: Readonly<Record<string, unknown>>,
  style: TextStyle,
): Promise<ExitCode> {
  const flags = parseSweepFlags(rawFlags, io.env);
  noteThreadsBeyondCores(io, flags.threads);
  noteTableInJsonFile(io, 'sweep', flags);
  refuseRepeatedFiles('sweep', files, io.cwd, 'scenario');
  const loaded = await loadSources(io, files, flags.sessions);
  if (loaded === undefined) return exitCodes.badInput;
  const sources = withSessions(io, loaded, flags.sessions);
  const shard = flags.shard ?? WHOLE;
  const perScenario = flags.seeds.to - flags.seeds.from + 1;
  const total = sources.length * perScenario;
  const mine = Math.floor(total / shard.count) + (shard.index - 1 < total % shard.count ? 1 : 0);
  const { code, output, stoppedAfter } = await runSearchCommand(
    io,
    {
      header: {
        type: 'header',
        tool: 'dispatchsim',
        version: packageVersion(),
        command: 'sweep',
        inputs: sources.map((s) => ({ file: s.file, sha256: s.sha256 })),
        cases: {
          total,
          scenarios: sources.length,
          seeds: `${flags.seeds.from}..${flags.seeds.to}`,
          ...sessionsCase(flags.sessions),
        },
        shard: formatShard(shard),
      },
      format: flags.format,
      threads: flags.threads,
      label: 'sweep',
      total: mine,
      sessions: flags.sessions,
      search: (onResult, runner, concurrency) =>
        sweep(
          sources.map((s) => ({ file: s.file, scenario: s.input })),
          {
            seeds: flags.seeds,
            shard,
            concurrency,
            onResult,
            runner,
          },
        ),
    },
    () => openSearchOutput(io, flags.out, files),
    style,
  );
  // A sweep has nothing after its cases; a signal after the last one is still said.
  if (stoppedAfter !== undefined) {
    io.stderr(
      `dispatchsim: interrupted after ${stoppedAfter.cases} of ${stoppedAfter.cases} cases; wrote them to ${output.target}\n`,
    );
  }
  return code;
}

/**
 * Runs `dispatchsim swarm`.
 * @param io - the outside world
 * @param file - the base scenario file
 * @param rawFlags - the flags as commander parsed them
 * @param style - colours for stdout
 * @returns the exit code: 0 when every case passed, 1 when one failed
 * @throws CommandLineError for bad flags or an unwritable --out
 */
export async function swarmCommand(
  io: CliIo,
  file: string,
  rawFlags: Readonly<Record<string, unknown>>,
  style: TextStyle,
): Promise<ExitCode> {
  const flags = parseSwarmFlags(rawFlags, io.env);
  noteThreadsBeyondCores(io, flags.threads);
  noteTableInJsonFile(io, 'swarm', flags);
  const loaded = await loadSources(io, [file], flags.sessions);
  if (loaded === undefined) return exitCodes.badInput;
  const [source] = withSessions(io, loaded, flags.sessions);
  if (source === undefined) return exitCodes.badInput;
  // With --no-shrink nothing goes there (user report: refused over a folder never written).
  if (flags.shrink) await checkOutDir(io, flags.outDir);
  const shard = flags.shard ?? WHOLE;
  const mine =
    Math.floor(flags.runs / shard.count) + (shard.index - 1 < flags.runs % shard.count ? 1 : 0);
  // Each failure shrunk, as its shrink ends, and the smallest failing scenario so far of each
  // shrink not ended, by case: a swarm stopped while it shrinks keeps these.
  const shrunk: ShrunkFailure[] = [];
  const soFar = new Map<number, ShrunkFailure>();
  let unshrunk: readonly UnshrunkFailure[] = [];
  // The first case of each distinct failure, in case order.
  const failuresSeen = new Map<string, number>();
  const { code, output, stoppedAfter } = await runSearchCommand(
    io,
    {
      header: {
        type: 'header',
        tool: 'dispatchsim',
        version: packageVersion(),
        command: 'swarm',
        inputs: [{ file: source.file, sha256: source.sha256 }],
        cases: {
          total: flags.runs,
          runs: flags.runs,
          seed: flags.seed,
          maxRules: flags.maxRules,
          kinds: flags.kinds?.join(',') ?? 'all',
          ...sessionsCase(flags.sessions),
        },
        shard: formatShard(shard),
      },
      format: flags.format,
      threads: flags.threads,
      label: 'swarm',
      total: mine,
      // A swarm case is its file plus a plan: its shrunk file is what replays it.
      sessions: undefined,
      // A shrink can take minutes: say that one comes (Ctrl-C stops it too).
      afterCases: () =>
        flags.shrink && failuresSeen.size > 0
          ? describeShrinking(failuresSeen.size, flags.shrinkBudget)
          : undefined,
      shrinkRunsUpTo: () => Math.min(failuresSeen.size, MAX_SHRUNK) * flags.shrinkBudget,
      search: async (onResult, runner, concurrency) => {
        const report = await swarmAsFlags(
          { file: source.file, input: source.input },
          {
            runs: flags.runs,
            seed: flags.seed,
            maxRules: flags.maxRules,
            ...(flags.kinds === undefined ? {} : { kinds: flags.kinds }),
            shard,
            shrink: flags.shrink,
            shrinkBudget: flags.shrinkBudget,
            concurrency,
            onResult: async (result) => {
              const key = distinctFailureKey(result);
              if (result.failure !== null && !failuresSeen.has(key))
                failuresSeen.set(key, result.index);
              await onResult(result);
            },
            onShrunk: (found) => {
              shrunk.push(found);
              soFar.delete(found.caseIndex);
            },
            onShrinkStep: (step) => {
              soFar.set(step.caseIndex, step);
            },
            runner,
          },
        );
        unshrunk = report.unshrunk;
        return report;
      },
    },
    () => openSearchOutput(io, flags.out, [file]),
    style,
  );
  if (code !== exitCodes.ok && code !== exitCodes.notPassed && stoppedAfter === undefined)
    return code;
  try {
    const stdoutIsData = flags.format === 'ndjson' && !output.file;
    // Stopped while shrinking (user report: every finished shrink was dropped), the shrunk
    // scenarios that finished are written as a complete swarm writes them, each whole; and,
    // as shrink's Ctrl-C does, the smallest so far of a shrink stopped once it kept a step,
    // a whole scenario that fails the same way (user report: it was dropped).
    const stoppedSoFar = stoppedAfter === undefined ? [] : [...soFar.values()];
    await writeShrunk(
      io,
      source,
      [
        ...shrunk.map((found) => ({ found, finished: true })),
        ...stoppedSoFar.map((found) => ({ found, finished: false })),
      ],
      flags.outDir,
      stdoutIsData,
      flags.shrinkBudget,
    );
    if (stoppedAfter !== undefined) {
      // The case to shrink later is one whose shrink did not finish: not fully shrunk counts.
      const done = new Set(shrunk.map((found) => found.caseIndex));
      const stopped: StoppedShrink = {
        cases: stoppedAfter.cases,
        kept: shrunk.length + stoppedSoFar.length,
        soFar: stoppedSoFar.length,
        planned: failuresSeen.size === 1 ? '1' : `up to ${Math.min(failuresSeen.size, MAX_SHRUNK)}`,
        outDir: flags.outDir,
        next: [...failuresSeen.values()].find((index) => !done.has(index)),
      };
      io.stderr(
        `dispatchsim: ${describeStoppedShrink(flags.format, flags.formatSource, output, stopped)}\n`,
      );
      return code;
    }
    const note = describeUnshrunk(
      unshrunk,
      flags.format === 'ndjson' && output.file ? output.target : undefined,
      rerunForNdjson(flags.format, flags.formatSource),
    );
    if (note !== '') (stdoutIsData ? io.stderr : io.stdout)(`${note}\n`);
  } catch (error: unknown) {
    const mapped = asOutputError(error, flags.outDir);
    if (!(mapped instanceof OutputError)) throw mapped;
    io.stderr(`dispatchsim: ${mapped.message}\n`);
    return exitCodes.outputFailed;
  }
  return code;
}

// One promise breaks for many causes: a swarm shrinks the first failure of each set of fault
// kinds that fired, at most MAX_SHRUNK (the how-to's single failure reads as before).
function describeShrinking(count: number, budget: number): string {
  if (count === 1) return `shrinking 1 distinct failure (up to ${budget} runs each)…`;
  const which = count > MAX_SHRUNK ? `${MAX_SHRUNK} of ${count}` : `${count}`;
  return `shrinking up to ${which} distinct failures (by what failed and the fault kinds that fired; up to ${budget} runs each)…`;
}

// --out-dir is written only when something was shrunk, after the cases: a name that cannot
// be a folder, or a folder this process may not write into (user report: found after an
// 18.7 s search and its first shrink), is bad input found before they run. A missing folder
// is created then.
async function checkOutDir(io: CliIo, outDir: string): Promise<void> {
  const folder = resolve(io.cwd, outDir);
  try {
    await io.readDir(folder).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
    await io.canCreateIn?.(folder);
  } catch (error: unknown) {
    const code = errorCode(error);
    const reason = code === 'ENOTDIR' ? 'a file, not a folder' : describeFileError(code);
    throw new CommandLineError([`--out-dir: cannot write into '${outDir}' (${reason})`], 'cli.io');
  }
}

// The library's swarm checks that some kind of --kinds applies to the scenario (a pool kind
// needs a pool): the refusal is named as the flag.
async function swarmAsFlags(...args: Parameters<typeof swarm>): ReturnType<typeof swarm> {
  try {
    return await swarm(...args);
  } catch (error: unknown) {
    if (!(error instanceof InvalidOptionError) || error.option !== 'kinds') throw error;
    const kinds = args[1].kinds?.join(',') ?? '';
    throw new CommandLineError([`--kinds: expected ${error.expected}, got '${kinds}'`]);
  }
}

/** A shrunk scenario to write: a shrink's result, or the smallest so far of one stopped. */
interface KeptShrink {
  readonly found: ShrunkFailure;
  /** False for the smallest failing scenario so far of a shrink stopped before it ended. */
  readonly finished: boolean;
}

async function writeShrunk(
  io: CliIo,
  source: Source,
  kept: readonly KeptShrink[],
  outDir: string,
  stdoutIsData: boolean,
  shrinkBudget: number,
): Promise<void> {
  if (kept.length === 0) return;
  const say = stdoutIsData ? io.stderr : io.stdout;
  const folder = resolve(io.cwd, outDir);
  await io.makeDir(folder);
  let n = 0;
  for (const { found, finished } of kept) {
    const rules = found.scenario.faults?.length ?? 0;
    const sessions = found.scenario.workload?.sessions ?? '?';
    // A shrink that spent its budget is not fully shrunk either (user report: only `shrink`
    // said so).
    const spent = `stopped at --shrink-budget ${shrinkBudget}, not fully shrunk`;
    const how = !finished
      ? `${found.steps} shrink step${found.steps === 1 ? '' : 's'} kept in ${found.evaluations} runs; interrupted: the smallest failing scenario so far, not fully shrunk`
      : found.budgetSpent
        ? `${found.steps} shrink steps in ${found.evaluations} runs; ${spent}: shrink this file again to go further`
        : `${found.steps} shrink steps in ${found.evaluations} runs`;
    const textFor = (shown: string): string =>
      rewriteScenarioText(source.written, { ...found.scenario, seed: found.seed }, [
        `Shrunk by dispatchsim swarm from ${source.file}, case ${found.caseIndex}:`,
        found.failure,
        `${rules} fault rule(s), ${sessions} session(s); ${how}.`,
        `Replay: dispatchsim run ${shown}`,
      ]);
    // The next number whose file is free, or holds this very text (the same search run
    // again): a file another search shrunk to is kept.
    let name: string;
    let shown: string;
    let text: string;
    for (;;) {
      name = `${source.scenario.name}-${++n}.yaml`;
      shown = join(outDir, name);
      text = textFor(shown);
      const there = await io
        .readFile(join(folder, name))
        .catch((error: unknown) => (errorCode(error) === 'ENOENT' ? undefined : null));
      if (there === undefined || there === text) break;
    }
    const sink = await io.openFile(join(folder, name));
    sink.write(text);
    await sink.commit();
    const what = !finished
      ? `shrunk so far: ${found.failure} (case ${found.caseIndex}, not fully shrunk)`
      : found.budgetSpent
        ? `shrunk: ${found.failure} (case ${found.caseIndex}; ${spent})`
        : `shrunk: ${found.failure} (case ${found.caseIndex})`;
    say(
      `${what} to ${rules} rule(s) and ${sessions} session(s): ${shown}\n  replay: dispatchsim run ${shown}\n`,
    );
  }
}
