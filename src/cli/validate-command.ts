// `dispatchsim validate <scenario...>`: checks scenario files without running them. A valid
// file prints `file: OK` (and its warnings) on stdout; an invalid one prints each issue as
// `file:line: path: expected … (got …)` on stderr, and the command exits with 2.

import { formatScenarioIssue, formatScenarioIssues } from '../errors/scenario-error.js';
import type { TextStyle } from '../report/text-style.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { readScenarioFile } from './read-scenario-file.js';

/**
 * Runs `dispatchsim validate`.
 * @param io - the outside world
 * @param files - the scenario files, as given
 * @param style - colours for stdout
 * @returns 0 when every file is valid, 2 otherwise
 */
export async function validateCommand(
  io: CliIo,
  files: readonly string[],
  style: TextStyle,
): Promise<ExitCode> {
  let code: ExitCode = exitCodes.ok;
  for (const file of files) {
    const parsed = await readScenarioFile(io, file);
    if (!parsed.ok) {
      for (const line of formatScenarioIssues(parsed.issues)) io.stderr(`${line}\n`);
      code = exitCodes.badInput;
      continue;
    }
    const warnings = parsed.warnings.length;
    const note =
      warnings === 0 ? '' : style.yellow(` (${warnings} warning${warnings === 1 ? '' : 's'})`);
    io.stdout(`${file}: ${style.green('OK')}${note}\n`);
    for (const warning of parsed.warnings) io.stdout(`  ${formatScenarioIssue(warning)}\n`);
  }
  return code;
}
