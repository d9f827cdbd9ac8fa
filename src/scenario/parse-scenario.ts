// parseScenario: scenario text (YAML, or JSON, which YAML reads too) to a validated scenario
// or a list of issues, each with the file, line, field path, expectation and value received
// (issue 5; STYLE rule 25, the safe form). Pure: the caller reads the file.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ScenarioIssue } from '../errors/scenario-error.js';
import type { Scenario } from './scenario-schema.js';
import { describeReceived, validateScenario, type LineLocator } from './validate-scenario.js';

/** The result of parsing a scenario file. */
export type ScenarioParseResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly warnings: readonly ScenarioIssue[] }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

// The node of a path, or of its nearest ancestor in the text: a missing field is reported at
// the mapping that should hold it.
function nodeAt(root: unknown, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = root;
  let found: Node | undefined =
    root !== null && typeof root === 'object' && 'range' in root ? (root as Node) : undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair === undefined) return found;
      found = (isScalar(pair.key) ? pair.key : undefined) ?? found;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return found;
    }
    if (node !== null && typeof node === 'object' && 'range' in node) found = node as Node;
  }
  return found;
}

/**
 * Parses and validates scenario text.
 * @param text - YAML or JSON
 * @param fileName - named in every issue
 * @returns the scenario and its warnings, or the issues
 * @example
 * const parsed = parseScenario(readFileSync('s.yaml', 'utf8'), 's.yaml');
 * if (!parsed.ok) for (const issue of parsed.issues) console.error(formatScenarioIssue(issue));
 */
export function parseScenario(text: string, fileName: string): ScenarioParseResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error) => ({
        severity: 'error',
        file: fileName,
        line: lineCounter.linePos(error.pos[0]).line,
        path: '',
        expected: 'valid YAML or JSON',
        received: error.message.split('\n')[0] ?? error.code,
      })),
    };
  }
  const data: unknown = document.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      ok: false,
      issues: [
        {
          severity: 'error',
          file: fileName,
          line: 1,
          path: '',
          expected: 'a scenario: a mapping with name, apps, workload, …',
          received:
            data === null || data === undefined
              ? 'an empty document'
              : Array.isArray(data)
                ? 'a list'
                : describeReceived(data),
        },
      ],
    };
  }
  const lineOf: LineLocator = (path) => {
    const node = nodeAt(document.contents, path);
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return validateScenario(data, fileName, lineOf);
}
