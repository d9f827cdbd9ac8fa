// parseJsonScenario: the short way through a scenario written in JSON that is valid, without
// the yaml library (issue 12, start-up: loading and first running yaml cost a one-session run
// ~14 ms, and a JSON file needs neither). It answers only when the answer is certain to be
// the one parseScenario gives: the text is JSON with no key written twice in one object, and
// it validates with neither issue nor warning. Anything else (YAML, a duplicate key, an issue
// to report with its line) is left to parseScenario, whose every issue carries its line.

import type { ScenarioParseResult } from './parse-scenario.js';
import type { ScenarioInput } from './scenario-schema.js';
import { validateScenario } from './validate-scenario.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/**
 * Whether valid JSON text has an object with a key written twice (JSON.parse keeps the last
 * silently; parseScenario reports it) or a `__proto__` key (which JSON.parse and the YAML
 * reading turn into different objects). Keys are compared decoded, so `"a"` and `"\u0061"`
 * are the same key.
 * @param text - text JSON.parse accepted
 * @returns true when the text must be read as YAML to be read as parseScenario reads it
 */
export function hasKeyJsonReadsDifferently(text: string): boolean {
  // One entry per open collection: an object's keys so far, or undefined for an array.
  const open: (Set<string> | undefined)[] = [];
  let keyNext = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      let end = at + 1;
      let escaped = false;
      for (let c = text.charCodeAt(end); c !== QUOTE; c = text.charCodeAt(end)) {
        if (c === BACKSLASH) {
          escaped = true;
          end++;
        }
        end++;
      }
      const keys = open.at(-1);
      if (keyNext && keys !== undefined) {
        const key = escaped
          ? (JSON.parse(text.slice(at, end + 1)) as string)
          : text.slice(at + 1, end);
        if (key === '__proto__' || keys.has(key)) return true;
        keys.add(key);
        keyNext = false;
      }
      at = end;
    } else if (code === OPEN_BRACE) {
      open.push(new Set());
      keyNext = true;
    } else if (code === OPEN_BRACKET) {
      open.push(undefined);
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      open.pop();
      keyNext = false;
    } else if (code === COMMA) {
      keyNext = open.at(-1) !== undefined;
    }
  }
  return false;
}

/**
 * Parses a valid scenario written in JSON, without the yaml library.
 * @param text - the file's text
 * @param fileName - named in the warnings (there are none when this answers)
 * @returns what parseScenario returns for the text, when it is a JSON scenario that validates
 *   with neither issue nor warning; otherwise undefined, and the caller reads the text with
 *   parseScenario
 */
export function parseJsonScenario(text: string, fileName: string): ScenarioParseResult | undefined {
  // A JSON scenario is an object: anything else is YAML, or an issue parseScenario locates.
  if (!/^[ \t\n\r]*\{/.test(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (_notJson: unknown) {
    return undefined;
  }
  if (hasKeyJsonReadsDifferently(text)) return undefined;
  const validated = validateScenario(data, fileName);
  if (!validated.ok || validated.warnings.length > 0) return undefined;
  return { ...validated, input: data as ScenarioInput };
}
