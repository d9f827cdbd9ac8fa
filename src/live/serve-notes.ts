// What `dispatchsim serve` tells a user about the scenario it serves (user report): the parts
// live mode does not use (the workload: real clients make the load; the expectations: no run
// ends to check them) and the fault rules bound to instants, which count from the moment the
// listener starts (README "Live mode"): a window that closes at 500 ms is over before most
// clients connect. Pure: the lines, without a prefix or a newline.

import type { FaultRule } from '../scenario/fault-schema.js';
import { workloadSchema, type Scenario } from '../scenario/scenario-schema.js';

/**
 * @param scenario - the scenario `serve` listens for
 * @returns one note per thing of the scenario that serve ignores or that is timed
 */
export function serveNotes(scenario: Scenario): string[] {
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
    const when = timing(rule);
    if (when !== undefined) notes.push(`faults[${index}] ${rule.kind} ${when}`);
  });
  return notes;
}

// When a rule acts, if it is bound to instants: at one (with its way back), or in a window.
function timing(rule: FaultRule): string | undefined {
  if ('atMs' in rule) {
    const back =
      'restartAfterMs' in rule
        ? rule.restartAfterMs
        : 'reconnectAfterMs' in rule
          ? rule.reconnectAfterMs
          : undefined;
    const at = `fires at ${rule.atMs} ms after listening`;
    return back === undefined ? at : `${at}, back ${back} ms later`;
  }
  if (!('fromMs' in rule) && !('toMs' in rule)) return undefined;
  const from = ('fromMs' in rule ? rule.fromMs : undefined) ?? 0;
  const to = 'toMs' in rule ? rule.toMs : undefined;
  if (to !== undefined) return `applies from ${from} to ${to} ms after listening`;
  return from > 0 ? `applies from ${from} ms after listening` : undefined;
}
