// The issue of a scenario that cannot be read, shared by `loadScenario` and the command line:
// `file: expected a readable scenario file (got no such file)`. A bare name that is no file
// and no bundled scenario, but close to one (`dup-handle-failures`), gets "did you mean …?".
// An empty path (`dispatchsim run ""`) is named as `''`.

import { readdirSync } from 'node:fs';
import type { ScenarioIssue } from '../errors/scenario-error.js';
import { closestMatch } from '../core/closest-match.js';
import { bundledScenariosDir } from './bundled-scenarios.js';

/** What an unreadable scenario's issue says was expected. */
export const UNREADABLE_SCENARIO = 'a readable scenario file';

// The bundled scenarios' names, as `dispatchsim list` shows them.
function bundledNames(): string[] {
  try {
    return readdirSync(bundledScenariosDir())
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.slice(0, -'.yaml'.length));
  } catch {
    return [];
  }
}

// A misspelling of a name, or the start of exactly one (`dup-handle`).
function closestBundled(name: string): string | undefined {
  const names = bundledNames();
  const starting = names.filter((candidate) => candidate.startsWith(name.toLowerCase()));
  return closestMatch(name, names) ?? (starting.length === 1 ? starting[0] : undefined);
}

/**
 * @param file - the path or bare name as given
 * @param code - the Node error code reading it failed with (`ENOENT`, …)
 * @param received - that failure in words
 * @returns the issue, with the closest bundled scenario's name when a bare name is not found;
 *   for an empty path, that it is empty, whatever reading it failed with
 */
export function unreadableScenarioIssue(
  file: string,
  code: string,
  received: string,
): ScenarioIssue {
  // An empty path resolves to the working directory, so reading it fails with "a directory";
  // the path is what is wrong, and the file part of the line, empty, would name nothing.
  if (file === '') {
    return {
      severity: 'error',
      file: "''",
      line: undefined,
      path: '',
      expected: "a scenario file or a bundled scenario's name",
      received: 'an empty path',
    };
  }
  const bare = /^[a-z0-9][a-z0-9-]*(\.ya?ml)?$/i.exec(file) !== null;
  const suggestion =
    code === 'ENOENT' && bare ? closestBundled(file.replace(/\.ya?ml$/i, '')) : undefined;
  return {
    severity: 'error',
    file,
    line: undefined,
    path: '',
    expected: UNREADABLE_SCENARIO,
    received,
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}
