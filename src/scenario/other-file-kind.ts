// otherFileKind: what a file given as a scenario is when it is one of dispatchsim's own outputs
// (user report: `run big.ndjson` on a 95 MB trace parsed it as YAML until the heap ran out, 52 s
// and a V8 stack trace; a JSON report, an Event Viewer XML trace or a small trace gave 21 to 26
// lines of errors). Only the first bytes are looked at, so the answer costs nothing whatever
// the file's size.

/** How far into the text the signs are looked for. */
const HEAD_CHARS = 512;

/**
 * @param text - a file's text
 * @returns what the file is, when it is an output of dispatchsim (`a run's NDJSON trace
 *   (--format ndjson)`, …), or undefined: it is read as a scenario
 * @example
 * otherFileKind('{"seq":1,"atMs":0,"id":4026,…}\n…'); // "a run's NDJSON trace (--format ndjson)"
 */
export function otherFileKind(text: string): string | undefined {
  const head = text
    .slice(0, HEAD_CHARS)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{"type":"header","tool":"dispatchsim"')) {
    return "a sweep's or swarm's NDJSON output, which shrink and merge read";
  }
  if (/^\{"seq":\d+,"atMs":/.test(head)) return "a run's NDJSON trace (--format ndjson)";
  if (head.startsWith('{"traceEvents":')) return 'a Perfetto trace (--format perfetto)';
  if (/^<\?xml[^>]*>\s*<Events>/.test(head)) {
    return 'an Event Viewer XML trace (--format evtx-xml)';
  }
  if (/^<!DOCTYPE html>/i.test(head)) return 'an HTML report (--format html)';
  // One report, or an array of them for several scenarios.
  if (/^\[?\s*\{\s*"file":\s*"[^"]*",\s*"scenario":\s*"[^"]*",\s*"seed":/.test(head)) {
    return "a run's JSON report (--format json)";
  }
  return undefined;
}
