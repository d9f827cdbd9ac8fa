// The output formats of `dispatchsim run`, `sweep` and `swarm`, and the --out extensions that
// choose one (format-from-out.ts), in a module of their own so that the command line's help
// can name them without loading zod (run-flags.ts and search-flags.ts validate them).

/** The output formats of `run`. */
export const outputFormats = ['summary', 'json', 'ndjson', 'perfetto', 'evtx-xml', 'html'] as const;

/** One output format. */
export type OutputFormat = (typeof outputFormats)[number];

/**
 * The format an `--out` file's extension names when `--format` is not given (user report:
 * `--out trace.ndjson` wrote the summary). `.json` is the JSON report: Perfetto's trace is
 * JSON too, and is asked for by name (`--format perfetto --out run.json`). `.xml` is the Event
 * Viewer XML, the only XML format.
 */
export const formatsByExtension: Readonly<Record<string, OutputFormat>> = {
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.xml': 'evtx-xml',
  '.html': 'html',
  '.htm': 'html',
};

/** The formats that write a trace of every event, which `--level` filters. */
export const traceFormats: readonly OutputFormat[] = ['ndjson', 'perfetto', 'evtx-xml'];

/**
 * The formats written as the run goes, in bounded memory, to stdout or --out: the traces and
 * the HTML report (issue 16). Each is one run of one scenario.
 */
export const streamedFormats: readonly OutputFormat[] = [...traceFormats, 'html'];

/** The formats of `sweep` and `swarm`. */
export const searchFormats = ['table', 'ndjson'] as const;

/** A sweep's or swarm's format. */
export type SearchFormat = (typeof searchFormats)[number];

/**
 * The format an `--out` file's extension names when a sweep or swarm is given no `--format`
 * (user report: `swarm --out cases.ndjson` wrote the table); any other extension is a table.
 */
export const searchFormatsByExtension: Readonly<Record<string, SearchFormat>> = {
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};
