// Where the scenarios bundled with the package live, and how a bare scenario name (as
// `dispatchsim list` shows them, e.g. `dup-handle-failure`) maps to one of their files.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @returns the package's `scenarios/` folder: two levels up from this module, which lives in
 *   `dist/cli/` once built and in `src/cli/` in the repository
 */
export function bundledScenariosDir(): string {
  return fileURLToPath(new URL('../../scenarios/', import.meta.url));
}

/**
 * @param name - what the user typed, e.g. `dup-handle-failure` or `dup-handle-failure.yaml`
 * @returns the bundled file it names, or undefined when it is a path rather than a bare name
 */
export function bundledScenarioPath(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*(\.ya?ml)?$/.test(name)) return undefined;
  return join(bundledScenariosDir(), /\.ya?ml$/.test(name) ? name : `${name}.yaml`);
}
