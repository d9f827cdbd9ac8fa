// yamlSyntaxIssue: a YAML syntax error as a scenario issue, at the line a person would fix.
// yaml reports a quote or a flow collection ([ … ], { … }) that is never closed where it
// gave up looking for the end: at the end of the file, or at the next line indented less
// (user report: "line 7" for a six-line file whose quote opened on line 4). The node it
// left open still starts where the quote or bracket is, so such an issue names that line.
// yaml then reads the lines after it as inside that node and reports its own errors for
// them, which no one would fix: when something is never closed, only that is reported.
// A line indented more than the key above it continues that key's value: yaml reported two
// errors at the line above, in its own words (user report); it is named as one, at itself.

import {
  isMap,
  isScalar,
  isSeq,
  visit,
  type Document,
  type LineCounter,
  type YAMLError,
} from 'yaml';
import type { ScenarioIssue } from '../errors/scenario-error.js';

// The node an unclosed-quote or unclosed-flow error is about, if the error says which kind.
type OpenedBy = '"' | "'" | '[' | '{';

function openerOf(error: YAMLError): OpenedBy | undefined {
  const message = error.message;
  if (error.code === 'MISSING_CHAR' && message.startsWith('Missing closing "quote')) return '"';
  if (error.code === 'MISSING_CHAR' && message.startsWith("Missing closing 'quote")) return "'";
  if (message.startsWith('Flow sequence in block collection')) return '[';
  if (message.startsWith('Flow map in block collection')) return '{';
  return undefined;
}

function kindOf(node: unknown): OpenedBy | undefined {
  if (isScalar(node)) {
    return node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : undefined;
  }
  if (isSeq(node)) return node.flow === true ? '[' : undefined;
  if (isMap(node)) return node.flow === true ? '{' : undefined;
  return undefined;
}

function rangeOf(node: unknown): readonly number[] | undefined {
  return isScalar(node) || isSeq(node) || isMap(node) ? (node.range ?? undefined) : undefined;
}

// The start of the node of that kind that yaml left open at the error's offset: the
// innermost one, the last the walk meets, whose value ends there.
function openedAt(document: Document, opener: OpenedBy, offset: number): number | undefined {
  let start: number | undefined;
  visit(document, (_key, node: unknown) => {
    if (kindOf(node) === opener && rangeOf(node)?.[1] === offset) start = rangeOf(node)?.[0];
  });
  return start;
}

// The issue of one of the document's errors, at the quote or bracket never closed when that
// is the error.
function yamlSyntaxIssue(
  error: YAMLError,
  document: Document,
  lineCounter: LineCounter,
  fileName: string,
): ScenarioIssue & { readonly decisive: boolean } {
  const opener = openerOf(error);
  const opened = opener === undefined ? undefined : openedAt(document, opener, error.pos[0]);
  const issue = {
    severity: 'error',
    file: fileName,
    path: '',
    expected: 'valid YAML or JSON',
  } as const;
  if (error.code === 'MULTILINE_IMPLICIT_KEY') {
    const above = lineCounter.linePos(error.pos[0]).line;
    const line = lineCounter.linePos(error.pos[1]).line;
    return {
      ...issue,
      // After a quote or bracket never closed, this is one of its consequences.
      decisive: !document.errors.some((other) => openerOf(other) !== undefined),
      line,
      received: `a line indented more than line ${above}, so that both read as one value; indent line ${line} as the keys around it`,
    };
  }
  if (opener !== undefined && opened !== undefined) {
    return {
      ...issue,
      decisive: true,
      line: lineCounter.linePos(opened).line,
      received:
        opener === '"' || opener === "'"
          ? `a ${opener} that opens a value and is never closed`
          : `a ${opener} that is never closed, or a line after it indented too little`,
    };
  }
  return {
    ...issue,
    decisive: false,
    line: lineCounter.linePos(error.pos[0]).line,
    received:
      error.code === 'MULTIPLE_DOCS'
        ? "a second document after '---' (a scenario file holds one)"
        : error.code === 'TAB_AS_INDENT'
          ? 'a tab in the indentation: YAML indents with spaces'
          : (error.message.split('\n')[0] ?? error.code),
  };
}

/**
 * The document's syntax errors as scenario issues, in line order. When a quote or bracket
 * is never closed, or a line is indented more than the key above it, only such issues are
 * given: yaml's other errors are their consequences (two unclosed `{` in a row gave eleven
 * issues, user report). Otherwise only those of the first line with an error are: the rest
 * follow from it.
 * @param document - the document yaml parsed, with at least one error
 * @param lineCounter - the counter the document was parsed with
 * @param fileName - named in each issue
 * @returns the issues to report
 */
export function yamlSyntaxIssues(
  document: Document,
  lineCounter: LineCounter,
  fileName: string,
): ScenarioIssue[] {
  const issues = document.errors.map((error) =>
    yamlSyntaxIssue(error, document, lineCounter, fileName),
  );
  const decisive = issues.filter((issue) => issue.decisive);
  if (decisive.length > 0) {
    return decisive.map(({ decisive: _, ...issue }) => issue).sort(byLine);
  }
  // Otherwise the first line with an error is where reading went wrong: after a stray `}`,
  // yaml reported every token of the lines below it (user report).
  const sorted = issues.map(({ decisive: _, ...issue }) => issue).sort(byLine);
  const first = sorted[0]?.line;
  return sorted.filter((issue) => issue.line === first);
}

const byLine = (a: ScenarioIssue, b: ScenarioIssue): number => (a.line ?? 0) - (b.line ?? 0);
