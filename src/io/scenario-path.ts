// scenarioPath: the path of a scenario file given as a string or as a file: URL (user report).
// `new URL('./soak.yaml', import.meta.url)` names a file beside a test whatever the working
// directory, and was read as a scenario object. Another scheme names no file: one issue says so.

import { fileURLToPath } from 'node:url';
import { ScenarioError } from '../errors/scenario-error.js';

/**
 * @param file - a path, a bundled scenario's bare name, or a file: URL
 * @returns the path (a file: URL's absolute path), or the string as given
 * @throws ScenarioError (`scenario.invalid`) for a URL of another scheme (`https:`)
 */
export function scenarioPath(file: string | URL): string {
  if (typeof file === 'string') return file;
  if (file.protocol === 'file:') return fileURLToPath(file);
  throw new ScenarioError(file.href, [
    {
      severity: 'error',
      file: file.href,
      line: undefined,
      path: '',
      expected: 'a readable scenario file',
      received: `a ${file.protocol} URL; only file: URLs name a file`,
    },
  ]);
}
