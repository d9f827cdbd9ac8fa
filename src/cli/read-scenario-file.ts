// Reading scenario files through the injected io, for `run`, `validate` and `list`: the file
// text goes to parseScenario, and a file that cannot be read becomes a scenario issue of the
// same shape as a validation issue (`file: expected a readable scenario file (got …)`).

import { readScenarioText } from '../io/bundled-scenarios.js';
import { unreadableScenarioIssue } from '../io/unreadable-scenario.js';
import { otherFileKind } from '../scenario/other-file-kind.js';
import { parseJsonScenario } from '../scenario/parse-json-scenario.js';
import type { ScenarioParseResult } from '../scenario/parse-scenario.js';
import type { CliIo } from './cli-io.js';
import { describeFileError, errorCode } from './file-errors.js';
import { withoutByteOrderMark } from '../scenario/byte-order-mark.js';

// A path is read as given; a bare name that is no file here is looked up among the bundled
// scenarios, so `dispatchsim run dup-handle-failure` works from any folder.
async function readOrBundled(io: CliIo, file: string): Promise<string> {
  return (await readScenarioText(file, (path) => io.readFile(path), io.cwd)).text;
}

/**
 * Reads and parses one scenario file.
 * @param io - the outside world
 * @param file - the path as the user gave it (relative to `io.cwd`)
 * @returns the scenario and its warnings, or the issues (an unreadable file is one issue)
 */
export async function readScenarioFile(io: CliIo, file: string): Promise<ScenarioParseResult> {
  return (await readScenarioSource(io, file)).parsed;
}

/**
 * Reads and parses one scenario file, keeping its text (for digests of the inputs).
 * @param io - the outside world
 * @param file - the path as given, or a bundled scenario's bare name
 * @returns the text (undefined when unreadable) and the parse result
 */
export async function readScenarioSource(
  io: CliIo,
  file: string,
): Promise<{ readonly text: string | undefined; readonly parsed: ScenarioParseResult }> {
  const read = await readSourceText(io, file);
  if (typeof read !== 'string') return { text: undefined, parsed: read };
  return { text: read, parsed: await parseScenarioText(read, file) };
}

/**
 * Reads one file's text without parsing it, for a command that takes a scenario or a search's
 * NDJSON output and parses a scenario only when it is one (`shrink`).
 * @param io - the outside world
 * @param file - the path as given, or a bundled scenario's bare name
 * @returns the text, or the parse failure an unreadable file is (one issue)
 */
export async function readSourceText(
  io: CliIo,
  file: string,
): Promise<string | Extract<ScenarioParseResult, { readonly ok: false }>> {
  try {
    return await readOrBundled(io, file);
  } catch (error: unknown) {
    const code = errorCode(error);
    const issue = unreadableScenarioIssue(file, code, describeFileError(code));
    return { ok: false, issues: [issue] };
  }
}

/**
 * Parses a scenario file's text. A valid JSON scenario is read without the yaml library,
 * which is loaded only for YAML and for locating issues (issue 12, start-up: load only what
 * a command needs).
 * @param text - the file's text
 * @param file - its name, for issues
 * @returns the scenario and its warnings, or the issues
 */
export async function parseScenarioText(
  fileText: string,
  file: string,
): Promise<ScenarioParseResult> {
  const text = withoutByteOrderMark(fileText);
  // A run's JSON report is valid JSON: named for what it is, as parseScenario names outputs.
  const json = otherFileKind(text) === undefined ? parseJsonScenario(text, file) : undefined;
  if (json !== undefined) return json;
  const { parseScenario } = await import('../scenario/parse-scenario.js');
  return parseScenario(text, file);
}
