// loadScenario: reads a scenario file, or a bundled scenario by its bare name, and parses it,
// throwing one ScenarioError that carries every issue (STYLE rule 25, the throwing form).

import { isAbsolute, resolve } from 'node:path';
import { ScenarioError } from '../errors/scenario-error.js';
import { parseScenario } from '../scenario/parse-scenario.js';
import type { Scenario, ScenarioInput } from '../scenario/scenario-schema.js';
import { readScenarioText } from './bundled-scenarios.js';
import { scenarioPath } from './scenario-path.js';
import { warnScenarioDeprecations } from './deprecation.js';
import { unreadableScenarioIssue } from './unreadable-scenario.js';

/**
 * Reads and validates a scenario file, or a bundled scenario by its bare name.
 * @param path - a YAML or JSON file (relative to the working directory, or a file: URL such as
 *   `new URL('./soak.yaml', import.meta.url)`), or the name of a bundled scenario
 *   (`dup-handle-failure`; see `listBundledScenarios`) when no such file exists
 * @returns the scenario, defaults filled in
 * @throws ScenarioError (`scenario.invalid`) when the file cannot be read (naming, for a
 *   relative path, the absolute one it looked at) or does not validate
 * @example
 * const sim = createSimulation(await loadScenario('dup-handle-failure'), { seed: 7 });
 */
export async function loadScenario(path: string | URL): Promise<Scenario> {
  return (await loadParsed(scenarioPath(path))).scenario;
}

/**
 * Reads and validates a scenario file, and gives it as written (for tools that extend or
 * rewrite it, such as a swarm's fault plans, without spelling out every default).
 * @param path - a YAML or JSON file (a path or a file: URL), or the name of a bundled scenario
 * @returns the scenario as written
 * @throws ScenarioError (`scenario.invalid`) when the file cannot be read or does not validate
 */
export async function loadScenarioInput(path: string | URL): Promise<ScenarioInput> {
  return (await loadParsed(scenarioPath(path))).input;
}

async function loadParsed(path: string): Promise<{ scenario: Scenario; input: ScenarioInput }> {
  let text: string;
  try {
    text = (await readScenarioText(path)).text;
  } catch (error: unknown) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? String(error.code)
        : 'unknown';
    const failure =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : `an error (${code})`;
    // A relative path is read from the working directory, which under a test runner is seldom
    // the test's folder: where it looked is named (the CLI's user typed it in that folder).
    const received = isAbsolute(path) ? failure : `${failure}: ${resolve(path)}`;
    throw new ScenarioError(path, [unreadableScenarioIssue(path, code, received)]);
  }
  const parsed = parseScenario(text, path);
  if (!parsed.ok) throw new ScenarioError(path, parsed.issues);
  warnScenarioDeprecations(parsed.warnings);
  return parsed;
}
