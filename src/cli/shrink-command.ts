// `dispatchsim shrink <scenario>` (issue 13): a failing case found elsewhere (a sweep's case,
// a colleague's file) shrunk to the smallest scenario that still fails the same way with the
// same seed: fewer fault rules, smaller windows and counts, fewer sessions, fewer apps. The
// result is a scenario file (to stdout, or --out) with its seed and the command that replays it.

import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { CommandLineError } from '../errors/command-line-error.js';
import { formatScenarioIssue } from '../errors/scenario-error.js';
import { runCase } from '../search/run-case.js';
import { shrinkFailure } from '../search/shrink.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { describeFileError, errorCode } from './file-errors.js';
import { readScenarioSource } from './read-scenario-file.js';
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
  const { parsed } = await readScenarioSource(io, file);
  const issues = parsed.ok ? parsed.warnings : parsed.issues;
  for (const issue of issues) io.stderr(`${formatScenarioIssue(issue)}\n`);
  if (!parsed.ok) return exitCodes.badInput;
  const seed = flags.seed ?? parsed.scenario.seed ?? 1;
  const first = await runCase({
    index: 0,
    file,
    input: parsed.input,
    scenario: parsed.scenario,
    seed,
  });
  if (first.failure === null) {
    io.stderr(`dispatchsim: ${file} passes with seed ${seed}: nothing to shrink\n`);
    return exitCodes.ok;
  }
  io.stderr(`dispatchsim: ${file} fails with seed ${seed}: ${first.failure}; shrinking…\n`);
  const found = await shrinkFailure(parsed.input, file, seed, first.failure, {
    shrinkBudget: flags.budget,
  });
  const rules = found.scenario.faults?.length ?? 0;
  const sessions = found.scenario.workload?.sessions ?? '?';
  const target = flags.out ?? '<this file>';
  const text = [
    `# Shrunk by dispatchsim shrink from ${file}: ${first.failure}`,
    `# ${rules} fault rule(s), ${sessions} session(s); ${found.steps} shrink steps in ${found.evaluations} runs.`,
    `# Replay: dispatchsim run ${target}`,
    stringify({ ...found.scenario, seed }),
  ].join('\n');
  if (flags.out === undefined) {
    io.stdout(text);
  } else {
    try {
      const sink = await io.openFile(resolve(io.cwd, flags.out));
      sink.write(text);
      await sink.commit();
    } catch (error: unknown) {
      throw new CommandLineError(
        [`--out: cannot write '${flags.out}' (${describeFileError(errorCode(error))})`],
        'cli.io',
      );
    }
  }
  io.stderr(
    `dispatchsim: shrunk to ${rules} fault rule(s) and ${sessions} session(s) in ${found.steps} steps (${found.evaluations} runs)${flags.out === undefined ? '' : `: ${flags.out}`}\n`,
  );
  return exitCodes.ok;
}
