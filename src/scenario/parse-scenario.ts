// parseScenario: scenario text (YAML, or JSON, which YAML reads too; a .json file must be JSON) to a validated scenario
// or a list of issues, each with the file, line, field path, expectation and value received
// (issue 5; STYLE rule 25, the safe form). Pure: the caller reads the file.

import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import type { ScenarioIssue } from '../errors/scenario-error.js';
import type { Scenario, ScenarioInput } from './scenario-schema.js';
import { describeReceived, validateScenario, type LineLocator } from './validate-scenario.js';
import { jsonErrorOffset, jsonTrailingComma } from './json-error-offset.js';
import { keyName, yamlToData } from './yaml-to-data.js';
import { otherFileKind } from './other-file-kind.js';
import { yamlSyntaxIssues } from './yaml-syntax-issue.js';
import { withoutByteOrderMark } from './byte-order-mark.js';

/** The result of parsing a scenario file. */
export type ScenarioParseResult =
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      /** The scenario as written, defaults left out. */
      readonly input: ScenarioInput;
      readonly warnings: readonly ScenarioIssue[];
    }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

// The pairs of each mapping by key, built the first time an issue looks into the mapping:
// locating n issues in a mapping of n keys is then linear, not n × n.
const pairsByKey = new WeakMap<object, ReadonlyMap<string, Pair>>();

function pairOf(map: { readonly items: readonly Pair[] }, key: PropertyKey): Pair | undefined {
  let index = pairsByKey.get(map);
  if (index === undefined) {
    const built = new Map<string, Pair>();
    for (const pair of map.items) {
      // Keys as yaml-to-data names them, so that `1: x` is found at path key '1'; the first
      // of duplicate keys wins (duplicates are issues of their own).
      if (isScalar(pair.key)) {
        const name = keyName(pair.key.value);
        if (!built.has(name)) built.set(name, pair);
      }
    }
    pairsByKey.set(map, built);
    index = built;
  }
  return index.get(String(key));
}

// The node of a path, or of its nearest ancestor in the text: a missing field is reported at
// the mapping that should hold it, a field inside an alias at the alias. A field is found at
// its key, where its name is written: a value may start on the next line (user report).
function nodeAt(root: unknown, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = root;
  let found: Node | undefined =
    root !== null && typeof root === 'object' && 'range' in root ? (root as Node) : undefined;
  for (const [depth, key] of path.entries()) {
    if (isMap(node)) {
      const pair = pairOf(node, key);
      if (pair === undefined) return found;
      found = (isScalar(pair.key) ? pair.key : undefined) ?? found;
      if (depth === path.length - 1) return found;
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

// One issue for the whole text: what the yaml library could not read.
function unreadable(
  fileName: string,
  line: number,
  received: string,
  expected = 'valid YAML or JSON',
): ScenarioParseResult {
  return {
    ok: false,
    issues: [
      {
        severity: 'error',
        file: fileName,
        line,
        path: '',
        expected,
        received,
      },
    ],
  };
}

// A .json file that is not JSON: JSON's own words for what is wrong, and where (undefined
// when JSON reads it: then YAML reads it too, for the lines of later issues, or its words
// stand in the odd case that it cannot).
function jsonSyntaxError(
  text: string,
  fileName: string,
  yamlLine: number,
): ScenarioParseResult | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error: unknown) {
    // Node's words, without the quoted text or the position (given as a line instead):
    // `Unexpected token '}', ..."apps": [}" is not valid JSON`, `Expected ',' or '}' after
    // property value in JSON at position 12`. Where JSON gives no position, YAML's line.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    // A trailing comma, named as such at the comma's line (Node names the bracket after it).
    const stop = jsonErrorOffset(text);
    const trailing = stop === undefined ? undefined : jsonTrailingComma(text, stop);
    if (trailing !== undefined) {
      return unreadable(
        fileName,
        lineOf(text, trailing.commaAt),
        `a trailing comma before '${trailing.before}'`,
        'valid JSON',
      );
    }
    // A comment where JSON stops (`//` or `/*`), named as one: Node said `Expected property
    // name or '}'` (user report).
    if (stop !== undefined && /^\/[/*]/.test(text.slice(stop, stop + 2))) {
      return unreadable(
        fileName,
        lineOf(text, stop),
        'a comment: JSON has none; write the file in YAML, where # starts one',
        'valid JSON',
      );
    }
    const at = /at position (\d+)/.exec(message);
    const offset = at === null ? stop : Number(at[1]);
    const line = offset === undefined ? yamlLine : lineOf(text, offset);
    // The column too: a one-line (minified) file's line says nothing (user report).
    const column =
      offset === undefined ? '' : ` at column ${offset - text.lastIndexOf('\n', offset - 1)}`;
    const received =
      message.replace(/ in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?".*$/, '') + column;
    return unreadable(fileName, line, received, 'valid JSON');
  }
}

// The 1-based line of a character offset.
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
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
export function parseScenario(fileText: string, fileName: string): ScenarioParseResult {
  const text = withoutByteOrderMark(fileText);
  // One of dispatchsim's outputs is named at once: parsed as YAML, a large trace ran the heap
  // out (user report).
  const other = otherFileKind(text);
  if (other !== undefined) {
    return unreadable(fileName, 1, `${other}, not a scenario`, 'a scenario (YAML or JSON)');
  }
  const lineCounter = new LineCounter();
  let document: Document;
  let built;
  try {
    // uniqueKeys is off because yaml checks it with a scan of the mapping per key (quadratic
    // in its size); yamlToData finds duplicate keys with a Map and reports each with its path
    // and the line of the key's first use. Merge keys (`<<: *anchor`) are read in YAML 1.2
    // files too, as authors write them (docker compose, CI files) without a %YAML 1.1 line.
    document = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: false,
      merge: true,
    });
    const yamlLine = lineCounter.linePos(document.errors[0]?.pos[0] ?? 0).line;
    // A .json file is held to JSON, even where YAML reads more (a trailing comma, a comment,
    // an unquoted key): such a file would be refused by every other JSON reader.
    const json = /\.json$/i.test(fileName) ? jsonSyntaxError(text, fileName, yamlLine) : undefined;
    if (json !== undefined) return json;
    if (document.errors.length > 0) {
      return { ok: false, issues: yamlSyntaxIssues(document, lineCounter, fileName) };
    }
    built = yamlToData(document.contents, fileName, lineCounter);
  } catch (error: unknown) {
    // Not expected (yaml reports what it cannot read as errors, and yamlToData its alias
    // problems as issues), but the safe form never throws (STYLE rule 25).
    return unreadable(fileName, 1, error instanceof Error ? error.message : String(error));
  }
  if (!built.ok) return { ok: false, issues: built.issues };
  const data = built.data;
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
  const contents = document.contents;
  const lineOf: LineLocator = (path) => {
    const node = nodeAt(contents, path);
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const validated = validateScenario(data, fileName, lineOf);
  // The data as written comes along, for tools that rewrite a scenario (a shrunk fault plan)
  // without spelling out every default.
  return validated.ok ? { ...validated, input: data as ScenarioInput } : validated;
}
