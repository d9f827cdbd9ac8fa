// `dispatchsim shrink <scenario>` (issue 13): a failing case found elsewhere (a sweep's case,
// a colleague's file) shrunk to the smallest scenario that still fails the same way with the
// same seed: fewer fault rules, smaller windows and counts, fewer sessions, fewer apps. The
// result is a scenario file (to stdout, or --out) with its seed and the command that replays it.
// --out is opened before anything runs, as every command opens it; Ctrl-C stops the shrink
// between two runs, writes the smallest failing scenario so far (a whole, valid scenario that
// fails the same way; nothing when none smaller was found) and says how far it got.

import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join } from 'node:path';
import { CommandLineError } from '../errors/command-line-error.js';
import { OutputError } from '../errors/output-error.js';
import { RunInterruptedError } from '../errors/run-interrupted-error.js';
import { formatScenarioIssue, formatScenarioIssues } from '../errors/scenario-error.js';
import type { SearchHeader } from '../report/search-output.js';
import {
  emptySearchOutputError,
  parseSearchOutputLine,
  readSearchCase,
  readSearchHeader,
} from '../report/search-output-line.js';
import { otherFileKind } from '../scenario/other-file-kind.js';
import { rewriteScenarioText } from '../scenario/rewrite-scenario-text.js';
import type { Scenario, ScenarioInput } from '../scenario/scenario-schema.js';
import { validateScenario } from '../scenario/validate-scenario.js';
import { runCase } from '../search/run-case.js';
import type { CaseResult } from '../search/search-case.js';
import { shrinkFailure } from '../search/shrink.js';
import { describeCaseIndices } from './case-indices.js';
import type { CliIo, TextSink } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { describeFileError, errorCode } from './file-errors.js';
import { openOutFile } from './out-file.js';
import { parseScenarioText, readScenarioSource, readSourceText } from './read-scenario-file.js';
import { parseShrinkFlags } from './search-flags.js';
import { UNREADABLE_SCENARIO } from '../io/unreadable-scenario.js';

/** How far a shrink got, for the line Ctrl-C prints. */
interface ShrinkWatch {
  signal: string | undefined;
  /** Shrink runs started (the run that checks the case fails not counted). */
  runs: number;
  /** The last step kept: the smallest failing scenario so far. */
  found: { readonly scenario: ScenarioInput; readonly steps: number } | undefined;
  /** The case being shrunk, once it is known to fail: what a file written says it came from. */
  failing:
    | {
        readonly label: string;
        readonly failure: string;
        readonly seed: number;
        /** The scenario file's text and data, whose comments and layout the result keeps. */
        readonly source: ScenarioSource;
      }
    | undefined;
}

/** A scenario file's text and the data read from it. */
interface ScenarioSource {
  readonly text: string;
  readonly data: ScenarioInput;
}

// One macrotask turn. A simulation runs on virtual time, on promises alone: each run first
// lets a signal (Ctrl-C) in, as a search's cases do (search-command.ts).
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `dispatchsim shrink`.
 * @param io - the outside world
 * @param file - the failing scenario
 * @param rawFlags - the flags as commander parsed them
 * @returns 0 when a failing case was shrunk (or there was nothing to shrink), 2 on bad input,
 *   130 when interrupted (the smallest failing scenario so far written, if one was found)
 * @throws CommandLineError for bad flags or an unwritable --out (found before anything runs)
 */
export async function shrinkCommand(
  io: CliIo,
  file: string,
  rawFlags: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const flags = parseShrinkFlags(rawFlags);
  const watch: ShrinkWatch = { signal: undefined, runs: 0, found: undefined, failing: undefined };
  // As run, sweep, swarm and merge do: listening before --out is opened (a signal between the
  // two would leave its temporary file), and --out opened before anything runs, so that a
  // folder or a path that cannot be written is found at once, not after the shrink.
  const stopListening = io.onInterrupt((signal) => {
    watch.signal = signal;
  });
  let sink: TextSink | undefined;
  try {
    sink = flags.out === undefined ? undefined : await openOutFile(io, flags.out, [file]);
  } catch (error: unknown) {
    stopListening();
    throw error;
  }
  let committed = false;
  // To stdout, or to --out whole (its temporary file renamed into place).
  const write = async (text: string): Promise<void> => {
    if (sink === undefined || flags.out === undefined) {
      io.stdout(text);
      return;
    }
    sink.write(text);
    try {
      await sink.commit();
      committed = true;
    } catch (error: unknown) {
      const code = errorCode(error);
      throw new OutputError({ target: flags.out, errno: code, reason: describeFileError(code) });
    }
  };
  try {
    const shrunk = await shrinkToText(io, file, flags, watch);
    if (typeof shrunk === 'number') return shrunk;
    await write(shrunk.text);
    io.stderr(`dispatchsim: ${shrunk.summary}\n`);
    return exitCodes.ok;
  } catch (error: unknown) {
    if (!(error instanceof RunInterruptedError)) throw error;
    // Every step kept is a scenario that fails the same way with the seed: the smallest so
    // far is worth keeping (user report: it was named, then thrown away).
    const { found, failing } = watch;
    if (found !== undefined && failing !== undefined) {
      await write(
        scenarioText(failing, found, {
          runs: `${found.steps} shrink step${found.steps === 1 ? '' : 's'} kept; interrupted after ${describeRuns(watch.runs)}`,
          target: flags.out,
        }),
      );
    }
    io.stderr(`dispatchsim: ${describeInterrupted(watch, flags.out)}\n`);
    return exitCodes.interrupted;
  } finally {
    if (!committed) await sink?.discard();
    stopListening();
  }
}

const describeRuns = (runs: number): string => `${runs} shrink run${runs === 1 ? '' : 's'}`;

// `interrupted after 31 shrink runs; wrote the smallest failing scenario so far (4 steps: 1
// fault rule, 12 sessions) to small.yaml; run the shrink again to go further`, or
// `interrupted after 0 shrink runs, before a smaller failing scenario was found; 'small.yaml'
// was not written`
function describeInterrupted(watch: ShrinkWatch, out: string | undefined): string {
  const runs = `interrupted after ${describeRuns(watch.runs)}`;
  const { found, failing } = watch;
  if (found === undefined || failing === undefined) {
    return `${runs}, before a smaller failing scenario was found${out === undefined ? '' : `; '${out}' was not written`}`;
  }
  const rules = found.scenario.faults?.length ?? 0;
  const sessions = found.scenario.workload?.sessions;
  const size = `${rules} fault rule${rules === 1 ? '' : 's'}, ${sessions ?? '?'} session${sessions === 1 ? '' : 's'}`;
  const steps = `${found.steps} step${found.steps === 1 ? '' : 's'}`;
  return `${runs}; wrote the smallest failing scenario so far (${steps}: ${size}) to ${out ?? 'standard output'}; run the shrink again to go further`;
}

const describeSize = (scenario: ScenarioInput): string =>
  `${scenario.faults?.length ?? 0} fault rule(s) and ${scenario.workload?.sessions ?? '?'} session(s)`;

// A shrunk scenario file: where it came from, its size, the command that replays it, then the
// scenario with its seed, in the source file's layout and under its header comment.
function scenarioText(
  failing: NonNullable<ShrinkWatch['failing']>,
  found: { readonly scenario: ScenarioInput },
  how: { readonly runs: string; readonly target: string | undefined },
): string {
  return rewriteScenarioText(failing.source, { ...found.scenario, seed: failing.seed }, [
    `Shrunk by dispatchsim shrink from ${failing.label}: ${failing.failure}`,
    `${found.scenario.faults?.length ?? 0} fault rule(s), ${found.scenario.workload?.sessions ?? '?'} session(s); ${how.runs}.`,
    `Replay: dispatchsim run ${how.target ?? '<this file>'}`,
  ]);
}

// The shrunk scenario file's text and the line that says so, or the exit code when there is
// nothing to write.
async function shrinkToText(
  io: CliIo,
  file: string,
  flags: ReturnType<typeof parseShrinkFlags>,
  watch: ShrinkWatch,
): Promise<{ text: string; summary: string } | ExitCode> {
  const found = await loadCase(io, file, flags.case, flags.seed);
  if (found === undefined) return exitCodes.badInput;
  if (found === NO_FAILING_CASE) {
    io.stderr(`dispatchsim: ${file}: no case failed; nothing to shrink\n`);
    return exitCodes.ok;
  }
  const { input, scenario, label } = found;
  const seed = found.seed ?? scenario.seed ?? 1;
  const interrupted = async (): Promise<void> => {
    await nextTurn();
    if (watch.signal !== undefined) throw new RunInterruptedError(watch.signal);
  };
  // A run lets a signal in every 4,096 steps too: one case can run for minutes (clients
  // retrying without end), and Ctrl-C waited for it (user report).
  let runSteps = 0;
  const onRunStep = (): Promise<void> | undefined =>
    (++runSteps & 4095) === 0 ? interrupted() : undefined;
  await interrupted();
  const first = await runCase({ index: 0, file: label, input, scenario, seed }, { onRunStep });
  if (first.failure === null) {
    io.stderr(`dispatchsim: ${label} passes with seed ${seed}: nothing to shrink\n`);
    return exitCodes.ok;
  }
  io.stderr(`dispatchsim: ${label} fails with seed ${seed}: ${first.failure}; shrinking…\n`);
  watch.failing = { label, failure: first.failure, seed, source: found.source };
  const shrunk = await shrinkFailure(input, label, seed, first.failure, {
    shrinkBudget: flags.budget,
    addedRules: found.addedRules,
    runner: async (candidate) => {
      await interrupted();
      watch.runs++;
      return runCase(candidate, { onRunStep });
    },
    onStep: (step) => {
      watch.found = step;
    },
  });
  // A shrink that stopped at its budget says so, in the file and on stderr (user report: it
  // read as finished).
  const spent = shrunk.budgetSpent ? `; stopped at --budget ${flags.budget}, not fully shrunk` : '';
  const steps = `${shrunk.steps} step${shrunk.steps === 1 ? '' : 's'}`;
  return {
    text: scenarioText(watch.failing, shrunk, {
      runs: `${shrunk.steps} shrink steps in ${shrunk.evaluations} runs${spent}`,
      target: flags.out,
    }),
    summary:
      `shrunk to ${describeSize(shrunk.scenario)} in ${shrunk.steps} steps (${shrunk.evaluations} runs)${flags.out === undefined ? '' : `: ${flags.out}`}` +
      (shrunk.budgetSpent
        ? `\ndispatchsim: stopped at --budget ${flags.budget} (${steps}), not fully shrunk: shrink the result again to go further`
        : ''),
  };
}

// A case names its scenario as the search was given it, relative to where the search ran:
// from here first, then beside the output (a search run in the output's folder).
async function caseScenario(
  io: CliIo,
  output: string,
  scenario: string,
): ReturnType<typeof readScenarioSource> {
  const here = await readScenarioSource(io, scenario);
  if (here.text !== undefined || isAbsolute(scenario)) return here;
  const beside = join(dirname(output), scenario);
  if (beside === scenario) return here;
  const there = await readScenarioSource(io, beside);
  return there.text === undefined ? here : there;
}

/** The case to shrink: a scenario file, or a case of a sweep's or swarm's NDJSON output. */
interface LoadedCase {
  readonly label: string;
  readonly input: ScenarioInput;
  readonly scenario: Scenario;
  readonly seed: number | undefined;
  /** How many of its fault rules, the last ones, a swarm added (its case's plan). */
  readonly addedRules: number;
  /** The scenario file it comes from. */
  readonly source: ScenarioSource;
}

/** A search output none of whose cases failed: nothing to shrink, as for a passing file. */
const NO_FAILING_CASE = 'no failing case';

function bad(problem: string): CommandLineError {
  return new CommandLineError([problem], 'cli.io');
}

// Whether a file given with --case that is no search output is a scenario, valid or not
// (YAML or JSON whose document is a mapping), for the message that says which it is. A file
// whose first line opens a JSON object is one only when JSON reads it whole: NDJSON with a
// broken header is not parsed as YAML (megabytes of it took most of a minute).
async function isScenario(text: string, firstLine: string, file: string): Promise<boolean> {
  if (firstLine.trimStart().startsWith('{')) {
    try {
      JSON.parse(text);
    } catch {
      return false;
    }
  }
  const parsed = await parseScenarioText(text, file);
  return parsed.ok || parsed.issues.some((issue) => issue.path !== '');
}

// A search's output written as a table: what to do instead, for shrink --case.
const TABLE_ADVICE = 'run it again with --format ndjson';

// The header of a search's NDJSON output and the case wanted (the first failing one without
// --case). Every line is checked as merge checks it (search-output-line.ts), those after the
// case wanted too: a file cut short or edited is bad input named by its file and line,
// whichever case is asked for.
function readSearchOutput(
  file: string,
  text: string,
  wanted: (found: CaseResult) => boolean,
): {
  readonly header: SearchHeader;
  readonly chosen: CaseResult | undefined;
  readonly indices: readonly number[];
} {
  let header: SearchHeader | undefined;
  let chosen: CaseResult | undefined;
  const indices: number[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const place = { name: file, line: index + 1 };
    const value = parseSearchOutputLine(place, line, TABLE_ADVICE);
    if (header === undefined) {
      header = readSearchHeader(place, value);
    } else if (value['type'] !== 'totals') {
      const found = readSearchCase(place, value, true);
      indices.push(found.index);
      if (chosen === undefined && wanted(found)) chosen = found;
    }
  }
  if (header === undefined) throw emptySearchOutputError(file);
  return { header, chosen, indices };
}

// A case of an NDJSON output is rebuilt from the scenario file its header names (which must
// still have the same bytes) plus the case's plan, with the case's seed.
async function loadCase(
  io: CliIo,
  file: string,
  caseIndex: number | undefined,
  seed: number | undefined,
): Promise<LoadedCase | typeof NO_FAILING_CASE | undefined> {
  // A search's output is parsed as one only: parsing megabytes of NDJSON as YAML first, to
  // be thrown away, took most of a minute and gigabytes for 7,000 cases.
  const read = await readSourceText(io, file);
  if (typeof read !== 'string') {
    // A search output asked for (--case, or an .ndjson name) is named as one (user report:
    // `shrink nope.ndjson --case 2` asked for a readable scenario file).
    const searchOutput = caseIndex !== undefined || /\.ndjson$/i.test(file);
    const issues = searchOutput
      ? read.issues.map((issue) =>
          issue.expected === UNREADABLE_SCENARIO
            ? { ...issue, expected: 'a readable sweep or swarm output (--format ndjson)' }
            : issue,
        )
      : read.issues;
    for (const line of formatScenarioIssues(issues)) io.stderr(`${line}\n`);
    return undefined;
  }
  const text = read;
  const firstLine = text.split('\n', 1)[0] ?? '';
  const isSearchOutput = firstLine.startsWith('{"type":"header"');
  // Another of dispatchsim's outputs (a run's trace gave five lines of YAML parser noise,
  // user report) is named for what it is.
  const other = isSearchOutput ? undefined : otherFileKind(text);
  if (other !== undefined) {
    throw bad(
      `${file}: ${other}; shrink takes a scenario, or a sweep's or swarm's --format ndjson output`,
    );
  }
  if (!isSearchOutput && caseIndex === undefined) {
    const parsed = await parseScenarioText(text, file);
    const issues = parsed.ok ? parsed.warnings : parsed.issues;
    for (const line of formatScenarioIssues(issues)) io.stderr(`${line}\n`);
    if (!parsed.ok) return undefined;
    return {
      label: file,
      input: parsed.input,
      scenario: parsed.scenario,
      seed,
      addedRules: 0,
      source: { text, data: parsed.input },
    };
  }
  // --case asks for a search output: a file that is none is named for what it is, a
  // scenario, or by the line that is no search output's (user report: `not json at all` was
  // called a scenario).
  if (!isSearchOutput && (await isScenario(text, firstLine, file))) {
    throw bad(`--case: ${file} is a scenario, not a sweep or swarm output`);
  }
  const { header, chosen, indices } = readSearchOutput(file, text, (found) =>
    caseIndex === undefined ? found.failure !== null : found.index === caseIndex,
  );
  if (chosen === undefined) {
    if (caseIndex === undefined) return NO_FAILING_CASE;
    const held = describeCaseIndices(indices, header.shard);
    throw bad(`--case: ${file} has no case ${caseIndex} (${held})`);
  }
  const { inputs, cases: described } = header;
  // A search run with --sessions ran every case with that many (search-command.ts).
  const sessions = described?.['sessions'];
  if (sessions !== undefined && !(Number.isSafeInteger(sessions) && Number(sessions) >= 1)) {
    throw bad(`${file}: its header's cases.sessions is not a positive integer`);
  }
  const source = await caseScenario(io, file, chosen.file);
  const base = source.parsed;
  if (source.text === undefined) {
    const reason = base.ok ? '' : ` (${base.issues[0]?.received ?? 'unreadable'})`;
    throw bad(
      `${file}: case ${chosen.index} needs ${chosen.file}, which is neither here nor beside ${file}${reason}`,
    );
  }
  if (!base.ok) {
    const first = base.issues[0];
    throw bad(
      `${file}: case ${chosen.index} needs ${chosen.file}, which no longer validates${first === undefined ? '' : `: ${formatScenarioIssue(first)}`}`,
    );
  }
  const digest = createHash('sha256').update(source.text).digest('hex');
  if (inputs.find((i) => i.file === chosen.file)?.sha256 !== digest) {
    throw bad(`${chosen.file}: changed since ${file} was written (its SHA-256 differs)`);
  }
  const plan = chosen.plan ?? [];
  const input: ScenarioInput = {
    ...base.input,
    ...(sessions === undefined
      ? {}
      : { workload: { ...base.input.workload, sessions: Number(sessions) } }),
    faults: [...(base.input.faults ?? []), ...plan],
  };
  const validated = validateScenario(input, chosen.file);
  if (!validated.ok)
    throw bad(`${file}: case ${chosen.index} does not rebuild into a valid scenario`);
  return {
    label: `${file} case ${chosen.index}`,
    input,
    scenario: validated.scenario,
    seed: seed ?? chosen.seed,
    addedRules: plan.length,
    source: { text: source.text, data: base.input },
  };
}
