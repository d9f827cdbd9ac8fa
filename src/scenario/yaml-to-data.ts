// yamlToData: the plain data of a parsed scenario document, built in one pass over its nodes
// (issue 5; STYLE rule 25). It replaces yaml's toJS(), which throws a bare ReferenceError on
// an alias without an anchor or past 100 uses of an anchor, and which looks each alias up in
// a list of all of them (quadratic in the number of aliases). Here every alias problem is a
// located issue: an alias with no anchor before it, an alias inside the node its anchor
// names, and aliases that would expand the document exponentially (a "billion laughs"),
// while an anchor may be reused as often as the expansion budget allows. Duplicate keys are
// found here too, with a Map per mapping instead of yaml's per-key scan of the mapping, and
// reported with the key's path and the line of its first use.

import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type LineCounter } from 'yaml';
import { describeReceived } from '../errors/describe-received.js';
import type { ScenarioIssue } from '../errors/scenario-error.js';
import { formatPath } from './explain-zod-issues.js';

/**
 * How many times its own node count a document may grow to when its aliases are expanded.
 * A fault rule of 5 to 20 nodes anchored once and aliased thousands of times grows the
 * document about as many times as the rule has nodes; nested aliases that multiply
 * (each level aliasing the one below several times) grow it exponentially and hit the bound
 * within a few levels. The validation that follows walks the expanded data, so the bound
 * also keeps its work linear in the size of the file.
 */
export const MAX_ALIAS_EXPANSION = 100;

/** Nodes the expanded document may always have, however small the file. */
export const MIN_ALIAS_BUDGET = 100_000;

/** The data of a document, or the issues that stop it from being built. */
export type YamlDataResult =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

// An anchored node: its data (shared by every alias, as yaml's toJS shares it) and its size
// once expanded. `open` while the node itself is being built.
interface Anchored {
  value: unknown;
  size: number;
  open: boolean;
}

function countNodes(node: unknown): number {
  if (isMap(node)) {
    let count = 1;
    for (const pair of node.items) count += countNodes(pair.key) + countNodes(pair.value);
    return count;
  }
  if (isSeq(node)) {
    let count = 1;
    for (const item of node.items) count += countNodes(item);
    return count;
  }
  if (isPair(node)) return countNodes(node.key) + countNodes(node.value);
  return 1;
}

/**
 * Names a mapping key as yaml's toJS does for a plain object: a scalar's value as a string,
 * null as ''; a collection or other object (never a scenario field) in its described form.
 * @param key - the key's value (a scalar's value, or the data of a collection key)
 * @returns the property name
 */
export function keyName(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint') {
    return String(key);
  }
  return describeReceived(key);
}

// A merge key (`<<`) exists only where the document's schema has merges (YAML 1.1): yaml
// resolves it to a symbol.
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Builds the data of a parsed YAML document, resolving aliases in one pass.
 * @param contents - the document's contents (`document.contents`)
 * @param file - named in every issue
 * @param lineCounter - the line counter the document was parsed with
 * @returns the data, or one issue per alias without an anchor before it, per alias inside
 *   its own anchor, per duplicate key, and one for the alias that passes the expansion
 *   budget (max({@link MIN_ALIAS_BUDGET}, {@link MAX_ALIAS_EXPANSION} × the document's nodes))
 */
export function yamlToData(
  contents: unknown,
  file: string,
  lineCounter: LineCounter,
): YamlDataResult {
  const issues: ScenarioIssue[] = [];
  const path: (string | number)[] = [];
  const anchors = new Map<string, Anchored>();
  const count = countNodes(contents);
  const budget = Math.max(MIN_ALIAS_BUDGET, MAX_ALIAS_EXPANSION * count);
  // Nodes of the expanded document built so far: an alias counts its anchor's size.
  let expanded = 0;
  let stopped = false;

  // A node's first line, or line 1 when the node has no position.
  const lineOf = (node: unknown): number => {
    const offset = isNode(node) ? node.range?.[0] : undefined;
    return offset === undefined ? 1 : lineCounter.linePos(offset).line;
  };

  // Located at the node's first line.
  const report = (node: unknown, atPath: string, expected: string, received: string): void => {
    issues.push({ severity: 'error', file, line: lineOf(node), path: atPath, expected, received });
  };

  function build(node: unknown): unknown {
    if (stopped) return null;
    if (isAlias(node)) {
      const anchored = anchors.get(node.source);
      const alias = `*${node.source}`;
      if (anchored === undefined) {
        report(
          node,
          formatPath(path),
          'an alias of an anchor defined before it',
          `${alias} (no &${node.source} before it)`,
        );
        return null;
      }
      if (anchored.open) {
        report(
          node,
          formatPath(path),
          'an alias outside the node its anchor names',
          `${alias} inside &${node.source}`,
        );
        return null;
      }
      expanded += anchored.size;
      if (expanded > budget) {
        stopped = true;
        report(
          node,
          formatPath(path),
          `aliases that expand the document to at most ${budget} nodes (${MAX_ALIAS_EXPANSION} × its ${count}, and at least ${MIN_ALIAS_BUDGET})`,
          `${alias}, which brings it to ${expanded}`,
        );
        return null;
      }
      return anchored.value;
    }
    const start = expanded;
    expanded += 1;
    const name = isScalar(node) || isMap(node) || isSeq(node) ? node.anchor : undefined;
    let anchored: Anchored | undefined;
    if (name !== undefined) {
      // A later anchor of the same name replaces this one for the aliases after it.
      anchored = { value: null, size: 0, open: true };
      anchors.set(name, anchored);
    }
    let value: unknown = null;
    // A scalar's value as yaml's toJS() gives it (a YAML 1.1 timestamp stays a Date).
    if (isScalar(node)) value = node.value;
    else if (isMap(node)) value = buildMap(node.items, node.flow === true);
    else if (isSeq(node)) {
      value = node.items.map((item, index) => {
        path.push(index);
        const data = build(item);
        path.pop();
        return data;
      });
    } else if (isPair(node)) value = buildMap([node]);
    if (anchored !== undefined) {
      anchored.value = value;
      anchored.size = expanded - start;
      anchored.open = false;
    }
    return value;
  }

  function buildMap(pairs: readonly unknown[], flow = false): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    // Each key written so far, with the node that names it first.
    const keys = new Map<string, unknown>();
    for (const pair of pairs) {
      // Past the expansion budget, keys are no longer built, so they would all look alike.
      if (stopped) break;
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) {
        merge(object, pair.value);
        continue;
      }
      const key = keyName(build(pair.key));
      const keyNode = isNode(pair.key) ? pair.key : pair.value;
      path.push(key);
      if (keys.has(key)) {
        // yaml's own check (uniqueKeys, off in parseScenario) says only "Map keys must be
        // unique": name the key, where it is, and where it was first.
        report(
          keyNode,
          formatPath(path),
          // `{ sessions: 1,000,000 }` is sessions 1 and the key 000 twice (user report).
          flow && /^\d+$/.test(key)
            ? 'each key once in a mapping (in { }, a number written with commas, such as 1,000,000, is read as a number and keys: write 1000000)'
            : 'each key once in a mapping',
          `'${key}' again, first at line ${lineOf(keys.get(key))}`,
        );
      } else keys.set(key, keyNode);
      const value = build(pair.value);
      path.pop();
      // defineProperty, like yaml, for a key such as __proto__ or one a merge brought in.
      if (key in object) {
        Object.defineProperty(object, key, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else object[key] = value;
    }
    return object;
  }

  // `<<: *a` or `<<: [*a, *b]`: the keys of each mapping that the mapping does not have
  // yet; earlier sources win, and keys written in the mapping win over all of them.
  function merge(object: Record<string, unknown>, valueNode: unknown): void {
    const data = build(valueNode);
    for (const source of Array.isArray(data) ? data : [data]) {
      if (!isRecord(source)) {
        if (!stopped) {
          report(
            valueNode,
            formatPath(path),
            'a mapping, or a list of mappings, to merge with <<',
            describeReceived(source),
          );
        }
        continue;
      }
      for (const [key, value] of Object.entries(source)) {
        if (!Object.hasOwn(object, key)) {
          Object.defineProperty(object, key, {
            value,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        }
      }
    }
  }

  const data = build(contents);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, data };
}
