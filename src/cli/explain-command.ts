// `dispatchsim explain <id|name>`: one event's descriptor and explanation (domain §2, §3.3,
// §3.4, §5, §7), from describeEvent.

import { CommandLineError } from '../errors/command-line-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { describeEvent } from '../events/describe-event.js';
import { eventCatalog } from '../events/event-catalog.js';
import { formatEventExplanation } from '../report/event-explanation.js';
import type { TextStyle } from '../report/text-style.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, type ExitCode } from './exit-codes.js';

/**
 * Runs `dispatchsim explain`.
 * @param io - the outside world
 * @param idOrName - an ETW id (`4031`) or symbolic name (`DispatchSessionFailed`, any case)
 * @param style - colours for stdout
 * @returns 0
 * @throws CommandLineError (`cli.bad-flag`) for an unknown event, with suggestions
 */
export function explainCommand(io: CliIo, idOrName: string, style: TextStyle): ExitCode {
  const event = describeEvent(idOrName);
  if (event === undefined) {
    const needle = idOrName.trim().toLowerCase();
    const close = eventCatalog
      .filter(
        (e) =>
          needle.length >= 3 &&
          (e.name.toLowerCase().includes(needle) || String(e.id).startsWith(needle)),
      )
      .map((e) => `${e.id} ${e.name}`);
    const hint =
      close.length > 0
        ? `; did you mean ${close.slice(0, 5).join(', ')}?`
        : '; `dispatchsim events` lists them';
    throw new CommandLineError([
      new InvalidOptionError('<event>', 'an ETW event id or name', idOrName, 'cli.bad-flag')
        .message + hint,
    ]);
  }
  io.stdout(formatEventExplanation(event, { style, width: Math.min(io.columns ?? 100, 100) }));
  return exitCodes.ok;
}
