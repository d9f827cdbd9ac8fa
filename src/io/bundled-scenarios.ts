// The scenarios bundled with the package: where they live, how a bare name (as
// `dispatchsim list` shows them, e.g. `dup-handle-failure`) maps to one of their files, and
// how a name or a path given to an API becomes the file to read (issue 15). Every entry point
// that reads a scenario (the CLI, loadScenario, runScenario, swarmScenario) goes through here,
// so a bare name means the same everywhere.

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTextFile } from './read-text-file.js';

/** One scenario bundled with the package. */
export interface BundledScenario {
  /** Its bare name, what `dispatchsim run` and `runScenario` take: `dup-handle-failure`. */
  readonly name: string;
  /** The absolute path of its file, inside the installed package. */
  readonly path: string;
  /** The first line of its description (its name when it has none). */
  readonly description: string;
}

/**
 * @returns the package's `scenarios/` folder: two levels up from this module, which lives in
 *   `dist/io/` once built and in `src/io/` in the repository
 */
export function bundledScenariosDir(): string {
  return fileURLToPath(new URL('../../scenarios/', import.meta.url));
}

// The bundled file a bare name stands for, whether or not it exists; undefined for a path.
function bundledCandidate(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*(\.ya?ml)?$/.test(name)) return undefined;
  return join(bundledScenariosDir(), /\.ya?ml$/.test(name) ? name : `${name}.yaml`);
}

/**
 * Locates a bundled scenario's file.
 * @param name - a bare name as `dispatchsim list` shows it, e.g. `dup-handle-failure` (a
 *   `.yaml` ending is allowed)
 * @returns the absolute path of its file in the installed package, or undefined when no
 *   bundled scenario has that name
 * @example
 * bundledScenarioPath('dup-handle-failure'); // '/…/node_modules/dispatchsim/scenarios/dup-handle-failure.yaml'
 */
export function bundledScenarioPath(name: string): string | undefined {
  const path = bundledCandidate(name);
  return path !== undefined && existsSync(path) ? path : undefined;
}

/**
 * @param description - a scenario's description
 * @returns its first non-empty line, trimmed
 */
function firstLine(description: string): string {
  return (
    description
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

/**
 * Lists the scenarios bundled with the package, sorted by name.
 * @returns each one's bare name, file and the first line of its description
 * @example
 * for (const { name, description } of await listBundledScenarios()) console.log(name, description);
 */
export async function listBundledScenarios(): Promise<readonly BundledScenario[]> {
  const dir = bundledScenariosDir();
  const files = (await readdir(dir)).filter((file) => /\.ya?ml$/.test(file)).sort();
  // Loaded here, not with the module: readScenarioText, which every run uses, needs no YAML
  // reader, and a JSON scenario is read without one (issue 12, start-up).
  const { parseScenario } = await import('../scenario/parse-scenario.js');
  return Promise.all(
    files.map(async (file): Promise<BundledScenario> => {
      const path = join(dir, file);
      const parsed = parseScenario(await readFile(path, 'utf8'), path);
      const name = file.replace(/\.ya?ml$/, '');
      const description = parsed.ok ? firstLine(parsed.scenario.description) : '';
      return { name, path, description: description === '' ? name : description };
    }),
  );
}

/**
 * Reads a scenario file, or a bundled scenario by its bare name: a path is read as given
 * (relative to `cwd`), and a bare name that is no file there is read from the bundled ones.
 * @param pathOrName - a YAML or JSON file, or a bundled scenario's name
 * @param read - reads a file's text (the CLI injects its own)
 * @param cwd - what a relative path is relative to @default process.cwd()
 * @returns the text and the file it came from
 * @throws the error of reading the file named, when neither it nor a bundled one is readable
 */
export async function readScenarioText(
  pathOrName: string,
  read: (path: string) => Promise<string> = readTextFile,
  cwd: string = process.cwd(),
): Promise<{ readonly text: string; readonly path: string }> {
  const path = resolve(cwd, pathOrName);
  try {
    return { text: await read(path), path };
  } catch (error: unknown) {
    const bundled = bundledCandidate(pathOrName);
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code !== 'ENOENT' || bundled === undefined) throw error;
    try {
      return { text: await read(bundled), path: bundled };
    } catch (_bundledError: unknown) {
      throw error; // report the file the user named, not the bundled path tried after it
    }
  }
}
