// `dispatchsim serve <scenario>` (issue 14): live mode. Listens on a loopback port, speaks
// the .NET Message Framing preamble as SMSvcHost does, lets the scenario's model decide each
// connection's fate and acts it out on the real socket (see src/live/live-server.ts). The
// first stdout line gives the address; the NDJSON trace streams to --trace, at or above
// --level; SIGINT or
// SIGTERM closes the listener and the worker processes, prints the summary and exits 0.

import { closestMatch } from '../core/closest-match.js';
import { createWriteStream, type WriteStream } from 'node:fs';
import { isIP } from 'node:net';
import { extname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatScenarioIssues } from '../errors/scenario-error.js';
import type { EventLevel } from '../events/event-descriptor.js';
import { formatTraceLine } from '../events/trace.js';
import { formatLiveSummary } from '../live/live-summary.js';
import { startLiveServer, type TimedFaultsFrom } from '../live/live-server.js';
import { serveNotes } from '../live/serve-notes.js';
import { formatDuration } from '../report/format-duration.js';
import { eventLevels, isAtLevel, levelNamed } from '../report/level-filter.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { describeFileError, errorCode } from './file-errors.js';
import { checkOutPath } from './out-file.js';
import { formatsByExtension } from './output-formats.js';
import { readScenarioFile } from './read-scenario-file.js';
import type { Scenario } from '../scenario/scenario-schema.js';

/** The flags of `serve`, as commander hands them over. */
export interface ServeOptions {
  readonly host?: unknown;
  readonly port?: unknown;
  readonly trace?: unknown;
  readonly level?: unknown;
  readonly seed?: unknown;
  readonly stopOnStdinClose?: unknown;
  readonly timedFaultsFrom?: unknown;
  readonly duration?: unknown;
}

/** What `serve`'s flags ask for. */
interface ServeFlags {
  readonly host: string;
  readonly port: number;
  readonly trace: string | undefined;
  /** The least severe level the trace keeps; undefined keeps everything. */
  readonly level: EventLevel | undefined;
  readonly seed: number | undefined;
  /** Stop when standard input closes, as on a signal (a parent with no signal to send). */
  readonly stopOnStdinClose: boolean;
  readonly timedFaultsFrom: TimedFaultsFrom;
  /** Stop by itself after this long, in ms, as on a signal; undefined: only when told. */
  readonly durationMs: number | undefined;
}

const TIMED_FAULTS_FROM: readonly TimedFaultsFrom[] = ['listening', 'first-connection'];

const DURATION_UNITS: Readonly<Record<string, number>> = {
  '': 1000,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** The longest --duration setTimeout can wait for (2^31 - 1 ms, about 24.8 days). */
const MAX_DURATION_MS = 2 ** 31 - 1;

/**
 * @param text - a `--duration` value: seconds (`90`, `1.5`), or with s, m or h (`15m`)
 * @returns the duration in ms, or undefined when it is not one (or not above 0)
 */
export function parseServeDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smh]?)$/.exec(text.trim());
  if (match === null) return undefined;
  const ms = Number(match[1]) * (DURATION_UNITS[match[2] ?? ''] ?? 1000);
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/**
 * @param host - an address or host name
 * @returns whether it names the loopback interface (127.0.0.0/8, ::1, localhost)
 */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

function parseFlags(options: ServeOptions): ServeFlags | string[] {
  const problems: string[] = [];
  const written = typeof options.host === 'string' ? options.host.trim() : '127.0.0.1';
  // `[::1]`, as a URL writes an IPv6 host, is that host (user report: refused as not loopback).
  const host = written.replace(/^\[(.+)\]$/, '$1');
  if (!isLoopbackHost(host)) {
    problems.push(
      `--host: expected a loopback address (127.0.0.1, ::1 or localhost): live mode never listens beyond this machine, got '${written}'`,
    );
  }
  const portText = typeof options.port === 'string' ? options.port.trim() : '0';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65_535)) {
    problems.push(`--port: expected a port from 0 (any free one) to 65535, got '${portText}'`);
  }
  const seedText = typeof options.seed === 'string' ? options.seed.trim() : undefined;
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seedText !== undefined && !(/^\d+$/.test(seedText) && (seed ?? 0) <= 0xffffffff)) {
    problems.push(`--seed: expected an integer from 0 to 4294967295, got '${seedText}'`);
  }
  const trace =
    typeof options.trace === 'string' && options.trace !== '' ? options.trace : undefined;
  // The trace is NDJSON: a name that `run --out` reads as another format would mislead
  // whoever opens it (user report: trace.xml held NDJSON).
  const named = trace === undefined ? undefined : formatsByExtension[extname(trace).toLowerCase()];
  if (trace !== undefined && named !== undefined && named !== 'ndjson') {
    problems.push(
      `--trace: serve writes an NDJSON trace: name it .ndjson or .jsonl, got '${trace}' (${extname(trace)} names the ${named} format of run --out)`,
    );
  }
  const levelText = typeof options.level === 'string' ? options.level : undefined;
  const level = levelText === undefined ? undefined : levelNamed(levelText);
  if (levelText !== undefined && level === undefined) {
    const suggestion = closestMatch(levelText.trim(), eventLevels);
    problems.push(
      `--level: expected one of ${eventLevels.join(', ')} (or 1 to 5), got '${levelText.trim()}'${suggestion === undefined ? '' : `; did you mean ${suggestion}?`}`,
    );
  }
  const stopOnStdinClose = options.stopOnStdinClose === true;
  const fromText =
    typeof options.timedFaultsFrom === 'string' ? options.timedFaultsFrom.trim() : 'listening';
  const timedFaultsFrom = TIMED_FAULTS_FROM.find((from) => from === fromText);
  if (timedFaultsFrom === undefined) {
    const suggestion = closestMatch(fromText, TIMED_FAULTS_FROM);
    problems.push(
      `--timed-faults-from: expected ${TIMED_FAULTS_FROM.join(' or ')}, got '${fromText}'${suggestion === undefined ? '' : `; did you mean ${suggestion}?`}`,
    );
  }
  const durationText = typeof options.duration === 'string' ? options.duration.trim() : undefined;
  const durationMs = durationText === undefined ? undefined : parseServeDuration(durationText);
  if (durationText !== undefined && durationMs === undefined) {
    problems.push(
      `--duration: expected a time above 0 and at most 596h: seconds (90, 1.5), or with s, m or h (90s, 15m, 2h), got '${durationText}'`,
    );
  }
  return problems.length > 0 || timedFaultsFrom === undefined
    ? problems
    : { host, port, trace, level, seed, stopOnStdinClose, timedFaultsFrom, durationMs };
}

function openTrace(path: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(path);
    stream.once('open', () => resolve(stream));
    stream.once('error', reject);
  });
}

/**
 * Runs `dispatchsim serve` until SIGINT or SIGTERM.
 * @param io - the outside world
 * @param file - the scenario file or bundled name
 * @param options - `--host`, `--port`, `--trace`, `--level`, `--seed`, `--stop-on-stdin-close`,
 *   `--timed-faults-from`
 * @returns 0 after a clean stop, 2 for bad input (a non-loopback host, a port in use, no
 *   net.tcp application…), 74 when the trace could not be written
 */
export async function serveCommand(
  io: CliIo,
  file: string,
  options: ServeOptions,
): Promise<ExitCode> {
  const flags = parseFlags(options);
  if (Array.isArray(flags)) {
    for (const problem of flags) io.stderr(`dispatchsim: ${problem}\n`);
    return exitCodes.badInput;
  }
  // The trace would be written over the scenario it serves, or as a file named like a folder.
  if (flags.trace !== undefined) await checkOutPath(io, flags.trace, [file], '--trace');
  const parsed = await readScenarioFile(io, file);
  if (!parsed.ok) {
    for (const line of formatScenarioIssues(parsed.issues)) io.stderr(`${line}\n`);
    return exitCodes.badInput;
  }
  const scenario = parsed.scenario;
  // Live mode serves net.tcp only (README "Live mode"): a scenario without a net.tcp
  // application would reset every connection, which a client mistakes for a queue-full abort.
  const isPipe = (app: Scenario['apps'][number]): boolean =>
    app.baseAddress.toLowerCase().startsWith('net.pipe:');
  const pipeApps = scenario.apps.filter(isPipe).map((app) => app.name);
  if (pipeApps.length === scenario.apps.length) {
    io.stderr(
      `${file}: apps: expected a net.tcp application to serve: live mode serves net.tcp only (got net.pipe applications only: ${pipeApps.join(', ')})\n`,
    );
    return exitCodes.badInput;
  }
  let trace: WriteStream | undefined;
  if (flags.trace !== undefined) {
    try {
      trace = await openTrace(resolvePath(io.cwd, flags.trace));
    } catch (error: unknown) {
      io.stderr(
        `dispatchsim: --trace: cannot write ${flags.trace}: ${describeFileError(errorCode(error))}\n`,
      );
      return exitCodes.badInput;
    }
  }
  const out = trace;
  const level = flags.level === 'Verbose' ? undefined : flags.level;
  // A trace that cannot be written (disk full…) is told once, when it happens; the listener
  // goes on for the clients it serves, and the stop exits 74 (README exit codes).
  let traceFailed = false;
  out?.on('error', (error: unknown) => {
    if (traceFailed) return;
    traceFailed = true;
    io.stderr(
      `dispatchsim: --trace: cannot write ${String(flags.trace)}: ${describeFileError(errorCode(error))}; the trace stops here, the listener goes on\n`,
    );
  });
  let server;
  try {
    server = await startLiveServer(scenario, {
      seed: flags.seed,
      host: flags.host,
      port: flags.port,
      workerScript: fileURLToPath(new URL('../live/echo-worker.js', import.meta.url)),
      timedFaultsFrom: flags.timedFaultsFrom,
      onTrace:
        out === undefined
          ? undefined
          : (record) => {
              if (traceFailed) return;
              if (level !== undefined && !isAtLevel(record, level)) return;
              out.write(formatTraceLine(record) + '\n');
            },
      onNotice: (text) => io.stderr(`dispatchsim serve: ${text}\n`),
    });
  } catch (error: unknown) {
    out?.end();
    const code = errorCode(error);
    io.stderr(
      `dispatchsim: cannot listen on ${flags.host}:${flags.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : code}\n`,
    );
    return exitCodes.badInput;
  }
  // Listened for before the first line: a client (or a test) that stops the listener as
  // soon as it reads the address must get the summary, not the default signal death.
  const signalled = new Promise<string>((resolve) => {
    const stopWatching: (() => void)[] = [];
    const end = (why: string): void => {
      for (const stop of stopWatching) stop();
      resolve(why);
    };
    stopWatching.push(io.onInterrupt(end));
    // A parent that has no signal to send (Windows) closes serve's stdin instead.
    if (flags.stopOnStdinClose && io.onStdinEnd !== undefined) {
      stopWatching.push(io.onStdinEnd(() => end('stdin closed')));
    }
    // A rig's run limit, where it would otherwise wrap serve in `timeout` (exit 124, no summary).
    const durationMs = flags.durationMs;
    if (durationMs !== undefined) {
      const timer = setTimeout(
        () => end(`--duration ${formatDuration(durationMs)} passed`),
        durationMs,
      );
      stopWatching.push(() => clearTimeout(timer));
    }
  });
  const authority = server.host.includes(':') ? `[${server.host}]` : server.host;
  io.stdout(
    `dispatchsim serve: listening on net.tcp://${authority}:${server.port}/ (scenario ${scenario.name}, seed ${server.seed})\n`,
  );
  if (pipeApps.length > 0) {
    io.stderr(
      `dispatchsim serve: net.pipe applications are simulated but not served: ${pipeApps.join(', ')}\n`,
    );
  }
  for (const note of serveNotes(
    scenario,
    { host: authority, port: server.port },
    flags.timedFaultsFrom,
  ))
    io.stderr(`dispatchsim: note: ${note}\n`);
  const live = server;
  const signal = await signalled;
  // Said at once: the stop waits for the worker processes to exit (up to 2 s). A second
  // signal meanwhile ends the process as signals do, with no summary (user report: it ended
  // without a word).
  io.stdout(
    `dispatchsim serve: ${signal}, closing (a second signal stops at once, without the summary)\n`,
  );
  const summary = await live.stop();
  if (out !== undefined && !traceFailed) await new Promise<void>((resolve) => out.end(resolve));
  out?.destroy();
  io.stdout(formatLiveSummary(summary));
  return traceFailed ? exitCodes.outputFailed : exitCodes.ok;
}
