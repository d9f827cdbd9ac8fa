// `dispatchsim list`: the scenarios bundled with the package, found in its `scenarios/`
// folder next to `dist/` (or `src/` when run from source), each by the bare name that `run`,
// `validate` and the library take, with the first line of its description.

import { join } from 'node:path';
import { CommandLineError } from '../errors/command-line-error.js';
import { firstLine, formatScenarioList, type ScenarioListEntry } from '../report/scenario-list.js';
import type { TextStyle } from '../report/text-style.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { bundledScenariosDir } from '../io/bundled-scenarios.js';
import { describeFileError, errorCode } from './file-errors.js';
import { readScenarioFile } from './read-scenario-file.js';

/**
 * Runs `dispatchsim list`.
 * @param io - the outside world
 * @param style - colours for stdout
 * @param dir - the folder to list @default bundledScenariosDir()
 * @returns 0
 * @throws CommandLineError (`cli.io`) when the folder cannot be read
 */
export async function listCommand(
  io: CliIo,
  style: TextStyle,
  dir: string = bundledScenariosDir(),
): Promise<ExitCode> {
  let names: readonly string[];
  try {
    names = await io.readDir(dir);
  } catch (error: unknown) {
    throw new CommandLineError(
      [`cannot read the bundled scenarios folder ${dir} (${describeFileError(errorCode(error))})`],
      'cli.io',
    );
  }
  const files = names.filter((name) => /\.ya?ml$/i.test(name)).sort();
  if (files.length === 0) {
    io.stdout(`No bundled scenarios in ${dir}\n`);
    return exitCodes.ok;
  }
  const entries: ScenarioListEntry[] = [];
  for (const name of files) {
    const file = name.replace(/\.ya?ml$/i, '');
    const parsed = await readScenarioFile(io, join(dir, name));
    entries.push(
      parsed.ok
        ? {
            file,
            description: firstLine(parsed.scenario.description) || parsed.scenario.name,
            valid: true,
          }
        : {
            file,
            description: `invalid: ${parsed.issues.length} issue(s); see dispatchsim validate ${file}`,
            valid: false,
          },
    );
  }
  io.stdout(formatScenarioList(entries, style));
  return exitCodes.ok;
}
