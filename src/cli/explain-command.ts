// `dispatchsim explain <id|name>`: one ETW event's descriptor and explanation, or one
// Windows Event Log entry's (domain §2, §2.4, §3.3, §3.4, §5, §7), from describeEvent and
// describeEventLogEntry.

import { join } from 'node:path';
import { closestMatch } from '../core/closest-match.js';
import { CommandLineError } from '../errors/command-line-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { describeEvent } from '../events/describe-event.js';
import { describeEventLogEntry } from '../events/describe-event-log-entry.js';
import { eventCatalog, UNDEFINED_EVENT_IDS } from '../events/event-catalog.js';
import { eventLogCatalog } from '../events/event-log-entry.js';
import { formatEventExplanation, formatEventLogExplanation } from '../report/event-explanation.js';
import type { TextStyle } from '../report/text-style.js';
import { bundledScenariosDir } from '../io/bundled-scenarios.js';
import { formatFaultKindExplanation } from '../report/fault-kind-explanation.js';
import { faultKinds, type FaultKind } from '../scenario/fault-schema.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';

/**
 * Runs `dispatchsim explain`. ETW ids (1419 and up) and Event Log ids (1 to 10) never
 * overlap; two names do (WasDisconnected, WasConnectionTimedout): they explain the ETW event,
 * and say which Event Log entry shares the name.
 * @param io - the outside world
 * @param idOrName - an ETW id (`4031`) or symbolic name (`DispatchSessionFailed`), or an
 *   Event Log id (`8`) or name (`MessageQueueDuplicatedSocketLeak`), any case
 * @param style - colours for stdout
 * @returns 0
 * @throws CommandLineError (`cli.bad-flag`) for an unknown event, with suggestions
 */
export async function explainCommand(
  io: CliIo,
  idOrName: string,
  style: TextStyle,
): Promise<ExitCode> {
  const width = Math.min(io.columns ?? 100, 100);
  // A fault kind (user report: `explain duplicate-handle-failure` was exit 2, with no pointer
  // to the events it writes).
  const kind = faultKinds.find((k) => k === idOrName.trim().toLowerCase());
  if (kind !== undefined) {
    const scenarios = await bundledScenariosWith(io, kind);
    io.stdout(formatFaultKindExplanation(kind, { style, width, scenarios }));
    return exitCodes.ok;
  }
  const event = describeEvent(idOrName);
  const logged = describeEventLogEntry(idOrName);
  if (event !== undefined) {
    let text = formatEventExplanation(event, { style, width });
    if (logged !== undefined) {
      text += style.dim(
        `Event Log ${logged.id} ${logged.name} has the same name: dispatchsim explain ${logged.id}`,
      );
      text += '\n';
    }
    io.stdout(text);
    return exitCodes.ok;
  }
  if (logged !== undefined) {
    io.stdout(formatEventLogExplanation(logged, { style, width }));
    return exitCodes.ok;
  }
  const needle = idOrName.trim().toLowerCase();
  const known = [
    ...eventCatalog.map((e) => ({ id: String(e.id), label: `${e.id} ${e.name}`, name: e.name })),
    ...eventLogCatalog.map((e) => ({
      id: String(e.id),
      label: `Event Log ${e.id} ${e.name}`,
      name: e.name,
    })),
  ];
  const containing = known.filter(
    (e) => needle.length >= 3 && (e.name.toLowerCase().includes(needle) || e.id.startsWith(needle)),
  );
  // A misspelt name (`DispatchSessionFaild`) contains no name: the closest one, as other
  // commands suggest (both entries of a name ETW and the Event Log share).
  const closest = closestMatch(
    idOrName.trim(),
    known.map((e) => e.name),
  );
  const suggested = containing.length > 0 ? containing : known.filter((e) => e.name === closest);
  const closeKind = closestMatch(idOrName.trim().toLowerCase(), faultKinds);
  const close =
    suggested.length === 0 && closeKind !== undefined ? [closeKind] : suggested.map((e) => e.label);
  const hint = UNDEFINED_EVENT_IDS.includes(Number(needle))
    ? `; the provider defines no event ${needle} (4004-4007, 4009, 4017 and 4018 are not defined)`
    : close.length > 0
      ? `; did you mean ${close.slice(0, 5).join(', ')}?`
      : '; `dispatchsim events` lists the ETW events, Event Log ids are 1 to 10; a fault kind is explained by its name';
  throw new CommandLineError([
    new InvalidOptionError(
      '<event>',
      'an ETW event or Event Log entry id or name, or a fault kind',
      idOrName,
      'cli.bad-flag',
    ).message + hint,
  ]);
}

// The bundled scenarios whose fault plan uses a kind, by name: read as text (a `kind:` line),
// none when the folder cannot be read.
async function bundledScenariosWith(io: CliIo, kind: FaultKind): Promise<string[]> {
  const dir = bundledScenariosDir();
  const files = await io.readDir(dir).catch(() => [] as readonly string[]);
  const uses = new RegExp(`kind:\\s*['"]?${kind}['"]?(?![\\w-])`);
  const found: string[] = [];
  for (const file of [...files].filter((name) => /\.ya?ml$/.test(name)).sort()) {
    const text = await io.readFile(join(dir, file)).catch(() => '');
    if (uses.test(text)) found.push(file.replace(/\.ya?ml$/, ''));
  }
  return found;
}
