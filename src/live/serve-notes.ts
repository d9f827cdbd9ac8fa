// What `dispatchsim serve` tells a user about the scenario it serves (user report): the parts
// live mode does not use (the workload: real clients make the load; the expectations: no run
// ends to check them) and the fault rules bound to instants, which count from the moment the
// listener starts (README "Live mode"): a window that closes at 500 ms is over before most
// clients connect; and the fault rules aimed at a via that names a host other than the one
// serve prints: routing ignores the host, a via pattern does not, so a rule written for
// `net.tcp://localhost/…` never fired for a client at the printed 127.0.0.1 (user report).
// Pure: the lines, without a prefix or a newline.

import type { FaultRule } from '../scenario/fault-schema.js';
import type { TimedFaultsFrom } from './live-server.js';
import { workloadSchema, type Scenario } from '../scenario/scenario-schema.js';

/** Where serve listens, as its first line prints it. */
export interface ServeAddress {
  /** The host, bracketed when it is an IPv6 address (`127.0.0.1`, `[::1]`, `localhost`). */
  readonly host: string;
  readonly port: number;
}

/**
 * @param scenario - the scenario `serve` listens for
 * @param address - where serve listens
 * @param timedFaultsFrom - where its timed rules count from (`--timed-faults-from`)
 * @returns one note per thing of the scenario that serve ignores, that is timed, or that is
 *   aimed at a via with another host than the one serve prints
 */
export function serveNotes(
  scenario: Scenario,
  address: ServeAddress,
  timedFaultsFrom: TimedFaultsFrom = 'listening',
): string[] {
  const since = timedFaultsFrom === 'listening' ? 'after listening' : 'after the first connection';
  const notes: string[] = [];
  const ignored: string[] = [];
  // A workload left out is the default one: nothing was written to ignore.
  if (JSON.stringify(scenario.workload) !== JSON.stringify(workloadSchema.parse({}))) {
    ignored.push(`workload (sessions: ${scenario.workload.sessions})`);
  }
  const expectations = scenario.expect.length;
  if (expectations > 0) {
    ignored.push(`expect (${expectations} ${expectations === 1 ? 'expectation' : 'expectations'})`);
  }
  if (ignored.length > 0) {
    notes.push(`serve ignores ${ignored.join(' and ')}: your clients drive the load`);
  }
  scenario.faults.forEach((rule, index) => {
    const when = timing(rule, since);
    if (when !== undefined) notes.push(`faults[${index}] ${rule.kind} ${when}`);
    const via = 'target' in rule ? rule.target.via : undefined;
    const aimed = via === undefined ? undefined : viaHost(via);
    if (aimed !== undefined && aimed.host.toLowerCase() !== address.host.toLowerCase()) {
      notes.push(
        `faults[${index}] ${rule.kind} matches only vias with the host ${aimed.host} (${via}): ` +
          `a client at ${address.host} sends that host and misses it; point it at ` +
          `${aimed.scheme}://${aimed.host}:${address.port}/…, or write the pattern as '*${aimed.path}'`,
      );
    }
  });
  return notes;
}

// The scheme, host and path of a via pattern that names a host in full (no `*` before its
// path), as a client's via carries them.
const NAMED_HOST = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]*]*\]|[^/:*[\]]+)(?::[^/]*)?(\/.*)?$/i;

function viaHost(pattern: string): { scheme: string; host: string; path: string } | undefined {
  const match = NAMED_HOST.exec(pattern);
  if (match === null) return undefined;
  const [, scheme = '', host = '', path = '/'] = match;
  return { scheme, host, path };
}

// When a rule acts, if it is bound to instants: at one (with its way back), or in a window.
function timing(rule: FaultRule, since: string): string | undefined {
  if ('atMs' in rule) {
    const back =
      'restartAfterMs' in rule
        ? rule.restartAfterMs
        : 'reconnectAfterMs' in rule
          ? rule.reconnectAfterMs
          : undefined;
    const at = `fires at ${rule.atMs} ms ${since}`;
    return back === undefined ? at : `${at}, back ${back} ms later`;
  }
  if (!('fromMs' in rule) && !('toMs' in rule)) return undefined;
  const from = ('fromMs' in rule ? rule.fromMs : undefined) ?? 0;
  const to = 'toMs' in rule ? rule.toMs : undefined;
  if (to !== undefined) return `applies from ${from} to ${to} ms ${since}`;
  return from > 0 ? `applies from ${from} ms ${since}` : undefined;
}
