// rewriteScenarioText: a scenario file written again with new data, keeping what the person
// wrote wherever the data did not change: the header comment, comments beside fields, flow
// style (`{ event: …, count: 1 }`) and quoting. A shrunk scenario used to be the data alone,
// in yaml's default layout, without the header that said what the scenario shows (user
// report). What changed is written in yaml's layout, without the comment beside it, which
// spoke of the old value; in a list whose length changed (a fault rule shrunk away) the items
// kept unchanged keep their nodes, and a removed item's comment goes with it.
// When the file cannot be edited in place (JSON, anchors and aliases, which an edit would
// change at every use, or an edit that does not read back as the new data), the new data is
// written in yaml's layout, under the same header.

import { isDeepStrictEqual } from 'node:util';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parse,
  parseDocument,
  stringify,
  visit,
  type Document,
} from 'yaml';

/** Options of yaml's output: long strings stay on one line, as people write them. */
const LAYOUT = { lineWidth: 0 } as const;

type Plain = Readonly<Record<string, unknown>>;

const isPlainObject = (value: unknown): value is Plain =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isScalarValue = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

// The node to hold `after` where `node` held `before`: the same node, edited where the data
// changed, or a new one.
function edited(doc: Document, node: unknown, before: unknown, after: unknown): unknown {
  if (isDeepStrictEqual(before, after)) return node;
  if (isMap(node) && isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) if (!(key in after)) node.delete(key);
    for (const [key, value] of Object.entries(after)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      if (pair === undefined) node.add(doc.createPair(key, value));
      else pair.value = edited(doc, pair.value, before[key], value);
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(before) && Array.isArray(after)) {
    if (before.length === after.length) {
      node.items = node.items.map((item, i) => edited(doc, item, before[i], after[i]));
    } else {
      const first = node.items[0];
      node.items = listItems(doc, node.items, before, after);
      // yaml gives the comment above a block list's first item to the list: it goes when that
      // item does (user report: a removed rule's comment stayed above the one kept).
      if (node.items[0] !== first) node.commentBefore = null;
    }
    return node;
  }
  if (isScalar(node) && isScalarValue(after)) {
    node.value = after;
    // A comment beside the value spoke of the old one (`sessions: 2 # many sessions`).
    node.comment = null;
    return node;
  }
  const created = doc.createNode(after);
  // A list or mapping written in flow style stays in flow style.
  const flow = (isMap(node) || isSeq(node)) && node.flow === true;
  if (flow && (isMap(created) || isSeq(created))) created.flow = true;
  return created;
}

// The items of a list whose length changed: an item kept as it was keeps its node (matched
// in order), and a new one takes the flow style of the list's items.
function listItems(
  doc: Document,
  items: readonly unknown[],
  before: readonly unknown[],
  after: readonly unknown[],
): unknown[] {
  const flowItems = items.some((item) => (isMap(item) || isSeq(item)) && item.flow === true);
  let next = 0;
  return after.map((value) => {
    const kept = before.findIndex((old, i) => i >= next && isDeepStrictEqual(old, value));
    if (kept >= 0) {
      next = kept + 1;
      return items[kept];
    }
    const created = doc.createNode(value);
    if (flowItems && (isMap(created) || isSeq(created))) created.flow = true;
    return created;
  });
}

function hasAlias(doc: Document): boolean {
  let found = false;
  visit(doc, {
    Alias: () => {
      found = true;
      return visit.BREAK;
    },
  });
  return found || isAlias(doc.contents);
}

// Data as JSON gives it: no prototypes, no undefined fields, for comparing two readings.
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/**
 * Writes a scenario file again with new data: the source's comments, flow style and quoting
 * are kept wherever the data did not change, and `header` comes first.
 * @param source - the file's text and the data read from it
 * @param after - the new data
 * @param header - comment lines (without `#`) put above the source's own header comment
 * @returns YAML text that reads as `after`
 * @example
 * rewriteScenarioText({ text, data }, { ...data, seed: 7 }, ['Shrunk by dispatchsim shrink']);
 */
export function rewriteScenarioText(
  source: { readonly text: string; readonly data: unknown },
  after: unknown,
  header: readonly string[],
): string {
  const comment = header.map((line) => `# ${line}`.trimEnd()).join('\n');
  const plain = `${comment}\n${stringify(after, LAYOUT)}`;
  if (source.text.trimStart().startsWith('{')) return plain;
  const doc = parseDocument(source.text);
  if (doc.errors.length > 0 || hasAlias(doc) || !isMap(doc.contents)) return plain;
  doc.contents = edited(doc, doc.contents, source.data, after) as typeof doc.contents;
  const own = doc.commentBefore;
  doc.commentBefore = header.map((line) => ` ${line}`.trimEnd()).join('\n');
  if (own !== null && own !== undefined && own !== '') doc.commentBefore += `\n\n${own}`;
  const text = doc.toString(LAYOUT);
  // Safe by construction, checked all the same: the text must read as the new data.
  return isDeepStrictEqual(asJson(parse(text)), asJson(after)) ? text : plain;
}
