// `dispatchsim shrink <scenario>` (issue 13): a failing case found elsewhere (a sweep's case,
// a colleague's file) shrunk to the smallest scenario that still fails the same way with the
// same seed: fewer fault rules, smaller windows and counts, fewer sessions, fewer apps. The
// result is a scenario file (to stdout, or --out) with its seed and the command that replays it.

import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join } from 'node:path';
import { stringify } from 'yaml';
import { CommandLineError } from '../errors/command-line-error.js';
import { OutputError } from '../errors/output-error.js';
import { formatScenarioIssue, formatScenarioIssues } from '../errors/scenario-error.js';
import type { FaultRuleInput } from '../scenario/fault-schema.js';
import type { Scenario, ScenarioInput } from '../scenario/scenario-schema.js';
import { validateScenario } from '../scenario/validate-scenario.js';
import { runCase } from '../search/run-case.js';
import type { CaseResult } from '../search/search-case.js';
import { shrinkFailure } from '../search/shrink.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { describeFileError, errorCode } from './file-errors.js';
import { checkOutFolder, openOutFile } from './out-file.js';
import { parseScenarioText, readScenarioSource, readSourceText } from './read-scenario-file.js';
import { parseShrinkFlags } from './search-flags.js';

/**
 * Runs `dispatchsim shrink`.
 * @param io - the outside world
 * @param file - the failing scenario
 * @param rawFlags - the flags as commander parsed them
 * @returns 0 when a failing case was shrunk (or there was nothing to shrink), 2 on bad input
 * @throws CommandLineError for bad flags or an unwritable --out
 */
export async function shrinkCommand(
  io: CliIo,
  file: string,
  rawFlags: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const flags = parseShrinkFlags(rawFlags);
  // The file is written only at the end (nothing is left behind if the shrink is stopped),
  // so what can be checked without creating it is checked first.
  if (flags.out !== undefined) await checkOutFolder(io, flags.out, [file]);
  const found = await loadCase(io, file, flags.case, flags.seed);
  if (found === undefined) return exitCodes.badInput;
  if (found === NO_FAILING_CASE) {
    io.stderr(`dispatchsim: ${file}: no case failed; nothing to shrink\n`);
    return exitCodes.ok;
  }
  const { input, scenario, label } = found;
  const seed = found.seed ?? scenario.seed ?? 1;
  const first = await runCase({ index: 0, file: label, input, scenario, seed });
  if (first.failure === null) {
    io.stderr(`dispatchsim: ${label} passes with seed ${seed}: nothing to shrink\n`);
    return exitCodes.ok;
  }
  io.stderr(`dispatchsim: ${label} fails with seed ${seed}: ${first.failure}; shrinking…\n`);
  const shrunk = await shrinkFailure(input, label, seed, first.failure, {
    shrinkBudget: flags.budget,
    addedRules: found.addedRules,
  });
  const rules = shrunk.scenario.faults?.length ?? 0;
  const sessions = shrunk.scenario.workload?.sessions ?? '?';
  const target = flags.out ?? '<this file>';
  const text = [
    `# Shrunk by dispatchsim shrink from ${label}: ${first.failure}`,
    `# ${rules} fault rule(s), ${sessions} session(s); ${shrunk.steps} shrink steps in ${shrunk.evaluations} runs.`,
    `# Replay: dispatchsim run ${target}`,
    stringify({ ...shrunk.scenario, seed }),
  ].join('\n');
  if (flags.out === undefined) {
    io.stdout(text);
  } else {
    const sink = await openOutFile(io, flags.out, [file]);
    sink.write(text);
    try {
      await sink.commit();
    } catch (error: unknown) {
      await sink.discard();
      const code = errorCode(error);
      throw new OutputError({ target: flags.out, errno: code, reason: describeFileError(code) });
    }
  }
  io.stderr(
    `dispatchsim: shrunk to ${rules} fault rule(s) and ${sessions} session(s) in ${shrunk.steps} steps (${shrunk.evaluations} runs)${flags.out === undefined ? '' : `: ${flags.out}`}\n`,
  );
  return exitCodes.ok;
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
}

/** A search output none of whose cases failed: nothing to shrink, as for a passing file. */
const NO_FAILING_CASE = 'no failing case';

function bad(problem: string): CommandLineError {
  return new CommandLineError([problem], 'cli.io');
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
  const text = typeof read === 'string' ? read : '';
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0]?.startsWith('{"type":"header"') === true ? lines[0] : undefined;
  if (header === undefined) {
    if (caseIndex !== undefined)
      throw bad(`--case: ${file} is a scenario, not a sweep or swarm output`);
    const parsed = typeof read === 'string' ? await parseScenarioText(read, file) : read;
    const issues = parsed.ok ? parsed.warnings : parsed.issues;
    for (const line of formatScenarioIssues(issues)) io.stderr(`${line}\n`);
    if (!parsed.ok) return undefined;
    return { label: file, input: parsed.input, scenario: parsed.scenario, seed, addedRules: 0 };
  }
  const cases = lines
    .slice(1)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line['type'] === 'case') as unknown as CaseResult[];
  const chosen =
    caseIndex === undefined
      ? cases.find((c) => c.failure !== null)
      : cases.find((c) => c.index === caseIndex);
  if (chosen === undefined) {
    if (caseIndex === undefined) return NO_FAILING_CASE;
    throw bad(`--case: ${file} has no case ${caseIndex}`);
  }
  const { inputs, cases: described } = JSON.parse(header) as {
    inputs: { file: string; sha256: string }[];
    cases?: Record<string, unknown>;
  };
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
  const plan = (chosen.plan ?? []) as FaultRuleInput[];
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
  };
}
