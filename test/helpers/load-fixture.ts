// Reads a CLI fixture scenario (test/cli/fixtures/<name>.yaml) as the plain object a scenario
// file holds, for tests that run it in-process with runRecorded.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';

export function loadFixture(name: string): ScenarioInput {
  const file = new URL(`../cli/fixtures/${name}.yaml`, import.meta.url);
  return parse(readFileSync(file, 'utf8')) as ScenarioInput;
}
